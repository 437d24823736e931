package io.chronotrace.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.chronotrace.core.recording.ChronoTrace;
import io.chronotrace.core.recording.SpillFolder;
import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.servlet.ChronoTraceFilter;
import io.chronotrace.web.servlet.RecordingPolicy;
import io.chronotrace.web.servlet.RecordingPolicy.Decision;
import io.chronotrace.web.servlet.RequestEndHook;
import io.chronotrace.web.servlet.RequestEndValve;
import io.chronotrace.web.servlet.TraceAssembler;
import io.chronotrace.web.servlet.TraceRecorder;
import io.chronotrace.web.servlet.TracingContextResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Filter;
import org.apache.catalina.Valve;

import static org.assertj.core.api.Assertions.assertThat;

class ChronoTraceServletAutoConfigurationTests {

	private static final String REGISTRATION = ChronoTraceServletAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class))
		.withUserConfiguration(WriterConfiguration.class);

	@Test
	void registersTheFilterForRequestAsyncAndErrorDispatchesAheadOfSecurity() {
		this.runner.run((context) -> {
			assertThat(context).hasBean(REGISTRATION).hasSingleBean(RecordingPolicy.class);
			FilterRegistrationBean<?> registration = context.getBean(REGISTRATION, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(ChronoTraceFilter.class);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 10)
				.isLessThan(-100 /* SecurityProperties.DEFAULT_FILTER_ORDER */);
			assertThat(registration.isAsyncSupported()).isTrue();
		});
	}

	@Test
	void onTomcatRequestsAreFollowedToTheirEndByAValve() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(RequestEndValve.class)
			.hasBean("chronoTraceRequestEndValveCustomizer"));
	}

	@Test
	void withoutTomcatTheFilterIsRegisteredWithoutTheValve() {
		this.runner.withClassLoader(new FilteredClassLoader(Valve.class))
			.run((context) -> assertThat(context).hasBean(REGISTRATION).doesNotHaveBean(RequestEndHook.class));
	}

	@Test
	void registersNothingWhenDisabled() {
		this.runner.withPropertyValues("chronotrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(REGISTRATION)
				.doesNotHaveBean(RecordingPolicy.class));
	}

	@Test
	void registersNothingInAnApplicationThatIsNotAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class))
			.withUserConfiguration(WriterConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(REGISTRATION));
	}

	@Test
	void registersNothingWithoutATraceWriter() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(REGISTRATION));
	}

	@Test
	void usersRecordingPolicyMakesOursBackOff() {
		this.runner.withUserConfiguration(PolicyConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RecordingPolicy.class).hasBean("myPolicy").hasBean(REGISTRATION);
		});
	}

	@Test
	void usersTracingContextResolverMakesOursBackOff() {
		this.runner.withBean("myResolver", TracingContextResolver.class, () -> (request) -> null)
			.run((context) -> assertThat(context).hasSingleBean(TracingContextResolver.class).hasBean("myResolver"));
	}

	@Test
	void usersFilterRegistrationOfTheSameNameMakesOursBackOff() {
		this.runner.withUserConfiguration(RegistrationConfiguration.class).run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(REGISTRATION, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isNotInstanceOf(ChronoTraceFilter.class);
		});
	}

	@Test
	void addedExclusionsKeepTheDefaults() {
		this.runner.withPropertyValues("chronotrace.mode=always", "chronotrace.exclude=/debug/**").run((context) -> {
			RecordingPolicy policy = context.getBean(RecordingPolicy.class);
			assertThat(decide(policy, "/actuator/health")).isEqualTo(Decision.SKIP);
			assertThat(decide(policy, "/favicon.ico")).isEqualTo(Decision.SKIP);
			assertThat(decide(policy, "/app/main.js")).isEqualTo(Decision.SKIP);
			assertThat(decide(policy, "/debug/vars")).isEqualTo(Decision.SKIP);
			assertThat(decide(policy, "/api/products")).isEqualTo(Decision.RECORD);
		});
	}

	@Test
	void defaultExclusionsFollowTheActuatorBasePath() {
		this.runner.withPropertyValues("chronotrace.mode=always", "management.endpoints.web.base-path=/manage")
			.run((context) -> {
				RecordingPolicy policy = context.getBean(RecordingPolicy.class);
				assertThat(decide(policy, "/manage/health")).isEqualTo(Decision.SKIP);
				assertThat(decide(policy, "/actuator/health")).isEqualTo(Decision.RECORD);
			});
	}

	@Test
	void excludeDefaultsOffLeavesOnlyTheConfiguredExclusions() {
		this.runner
			.withPropertyValues("chronotrace.mode=always", "chronotrace.exclude=/debug/**",
					"chronotrace.exclude-defaults=false")
			.run((context) -> {
				RecordingPolicy policy = context.getBean(RecordingPolicy.class);
				assertThat(decide(policy, "/actuator/health")).isEqualTo(Decision.RECORD);
				assertThat(decide(policy, "/favicon.ico")).isEqualTo(Decision.RECORD);
				assertThat(decide(policy, "/debug/vars")).isEqualTo(Decision.SKIP);
			});
	}

	@Test
	void usersRecorderAndAssemblerMakeOursBackOffAndTheFilterUsesThem() {
		List<Trace> written = new CopyOnWriteArrayList<>();
		TraceAssembler assembler = new TraceAssembler("their-app", TracingContextResolver.traceparent(), 5);
		TraceRecorder recorder = new TraceRecorder(assembler, TraceScrubber.NONE, written::add);
		this.runner.withBean("myAssembler", TraceAssembler.class, () -> assembler)
			.withBean("myRecorder", TraceRecorder.class, () -> recorder)
			.withPropertyValues("chronotrace.mode=always", "spring.application.name=ours")
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceAssembler.class).hasSingleBean(TraceRecorder.class);
				assertThat(context.getBean(TraceRecorder.class)).isSameAs(recorder);
				handle(context, "/api/products", (request, response) -> {
				});
				assertThat(written).singleElement().extracting(Trace::application).isEqualTo("their-app");
			});
	}

	@Test
	void customEventsAreSwitchedPerApplicationContext() {
		List<Trace> withEvents = new CopyOnWriteArrayList<>();
		List<Trace> withoutEvents = new CopyOnWriteArrayList<>();
		FilterChain addsAnEvent = (request, response) -> ChronoTrace.event("order.placed");
		WebApplicationContextRunner base = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class))
			.withPropertyValues("chronotrace.mode=always");
		base.withBean(TraceWriter.class, () -> withoutEvents::add)
			.withPropertyValues("chronotrace.capture.events=false")
			.run((off) -> base.withBean(TraceWriter.class, () -> withEvents::add).run((on) -> {
				handle(off, "/orders", addsAnEvent);
				handle(on, "/orders", addsAnEvent);
				handle(off, "/orders", addsAnEvent);
			}));
		assertThat(withoutEvents).hasSize(2).allSatisfy((trace) -> assertThat(trace.events()).isEmpty());
		assertThat(withEvents).singleElement()
			.satisfies((trace) -> assertThat(trace.events()).singleElement().isInstanceOf(CustomEvent.class));
	}

	@Test
	void largeBodiesSpillToTheConfiguredDirectory(@TempDir Path spill) {
		this.runner
			.withPropertyValues("chronotrace.mode=always", "chronotrace.compression.max-payload-size=1KB",
					"chronotrace.capture.spill-path=" + spill)
			.run((context) -> {
				List<Path> spilled = new ArrayList<>();
				MockHttpServletRequest request = new MockHttpServletRequest("POST", "/upload");
				request.setContentType("text/plain");
				request.setContent("x".repeat(4096).getBytes(StandardCharsets.UTF_8));
				filter(context).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
					req.getInputStream().readAllBytes();
					try (Stream<Path> files = Files.list(spill)) {
						files.forEach(spilled::add);
					}
				});
				assertThat(spilled).as("files in chronotrace.capture.spill-path while the body is captured")
					.isNotEmpty();
			});
	}

	@Test
	void withoutASpillPathBodiesSpillToAFolderPrivateToTheProcessDeletedAtShutdown() {
		List<Path> folders = new ArrayList<>();
		List<Set<PosixFilePermission>> filePermissions = new ArrayList<>();
		this.runner.withPropertyValues("chronotrace.mode=always", "chronotrace.compression.max-payload-size=1KB")
			.run((context) -> {
				Path folder = context.getBean(SpillFolder.class).path();
				folders.add(folder);
				assertThat(folder.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
				assertThat(folder.getFileName().toString()).startsWith("chronotrace-spill-")
					.isNotEqualTo("chronotrace-spill-");
				assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
				MockHttpServletRequest request = new MockHttpServletRequest("POST", "/upload");
				request.setContentType("text/plain");
				request.setContent("x".repeat(4096).getBytes(StandardCharsets.UTF_8));
				filter(context).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
					req.getInputStream().readAllBytes();
					try (Stream<Path> files = Files.list(folder)) {
						for (Path file : files.toList()) {
							filePermissions.add(Files.getPosixFilePermissions(file));
						}
					}
				});
			});
		this.runner.run((context) -> folders.add(context.getBean(SpillFolder.class).path()));
		assertThat(filePermissions).as("spilled files").isNotEmpty()
			.allSatisfy((permissions) -> assertThat(permissions).isEqualTo(PosixFilePermissions.fromString("rw-------")));
		assertThat(folders).hasSize(2).doesNotHaveDuplicates();
		assertThat(folders).allSatisfy((folder) -> assertThat(folder).doesNotExist());
	}

	@Test
	void aConfiguredSpillPathIsUsedAsGivenAndKept(@TempDir Path temp) {
		Path spill = temp.resolve("spill");
		this.runner.withPropertyValues("chronotrace.capture.spill-path=" + spill).run((context) -> {
			assertThat(context.getBean(SpillFolder.class).path()).isEqualTo(spill);
			Files.createDirectories(spill);
		});
		assertThat(spill).isDirectory();
	}

	@Test
	void theWriterStoresWhatItQueuedBeforeTheSpillFolderIsDeleted() {
		InMemoryTraceStorage kept = new InMemoryTraceStorage(10);
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceWriterAutoConfiguration.class,
					ChronoTraceServletAutoConfiguration.class))
			.withBean(TraceStorage.class, () -> new SlowStorage(kept))
			.withPropertyValues("chronotrace.mode=always", "chronotrace.compression.max-payload-size=1KB")
			.run((context) -> {
				MockHttpServletRequest request = new MockHttpServletRequest("POST", "/upload");
				request.setContentType("text/plain");
				request.setContent("x".repeat(4096).getBytes(StandardCharsets.UTF_8));
				filter(context).doFilter(request, new MockHttpServletResponse(),
						(req, res) -> req.getInputStream().readAllBytes());
				// closed at once: the trace is still on its way to storage
			});
		List<TraceSummary> stored = kept.list(TraceQuery.newest()).items();
		assertThat(stored).hasSize(1);
		assertThat(kept.openAttachment(stored.get(0).id(), "request-body")).isPresent();
	}

	/** Takes its time, as a remote storage does, so that the writer's queue is not empty at shutdown. */
	static final class SlowStorage extends ForwardingTraceStorage<InMemoryTraceStorage> {

		SlowStorage(InMemoryTraceStorage delegate) {
			super(delegate);
		}

		@Override
		public long store(Trace trace) {
			pause();
			return this.delegate.store(trace);
		}

		@Override
		public BatchStoreResult storeAll(List<Trace> traces) {
			pause();
			return this.delegate.storeAll(traces);
		}

		private static void pause() {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private static Decision decide(RecordingPolicy policy, String path) {
		return policy.decide(new MockHttpServletRequest("GET", path));
	}

	private static ChronoTraceFilter filter(ApplicationContext context) {
		return (ChronoTraceFilter) context.getBean(REGISTRATION, FilterRegistrationBean.class).getFilter();
	}

	private static void handle(ApplicationContext context, String path, FilterChain chain) throws Exception {
		filter(context).doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(), chain);
	}

	@Configuration(proxyBeanMethods = false)
	static class WriterConfiguration {

		@Bean
		TraceWriter traceWriter() {
			return (trace) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PolicyConfiguration {

		@Bean
		RecordingPolicy myPolicy() {
			return (request) -> RecordingPolicy.Decision.SKIP;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegistrationConfiguration {

		@Bean(ChronoTraceServletAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<Filter> myRegistration() {
			return new FilterRegistrationBean<>((request, response, chain) -> chain.doFilter(request, response));
		}

	}

}
