package io.chronotrace.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.actuate.health.ChronoTraceHealthIndicator;
import io.chronotrace.actuate.metrics.MicrometerTraceWriterListener;
import io.chronotrace.core.encrypt.EncryptingTraceStorage;
import io.chronotrace.core.retention.TracePurger;
import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.spool.SpoolSettings;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import io.chronotrace.core.storage.tiered.TieredTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.write.AsyncTraceWriter;
import io.chronotrace.core.write.StoringTraceWriter;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.retention.TracePurgeScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ChronoTraceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class,
				ChronoTraceWriterAutoConfiguration.class, ChronoTraceRetentionAutoConfiguration.class,
				ChronoTraceHealthAutoConfiguration.class, ChronoTraceMetricsAutoConfiguration.class))
		.withPropertyValues("chronotrace.storage=memory");

	@Test
	void createsStorageAsyncWriterPurgerAndHealthIndicator() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryTraceStorage.class);
			assertThat(context).hasSingleBean(AsyncTraceWriter.class);
			assertThat(context.getBean(AsyncTraceWriter.class).settings().threads()).isEqualTo(1);
			assertThat(context).hasSingleBean(TracePurger.class);
			assertThat(context).hasSingleBean(TracePurgeScheduler.class);
			assertThat(context).hasBean("chronotraceHealthIndicator");
		});
	}

	@Test
	void purgeScheduleRunsWithTheContextsLifecycle() {
		this.runner.run((context) -> {
			TracePurgeScheduler scheduler = context.getBean(TracePurgeScheduler.class);
			assertThat(scheduler.isRunning()).isTrue();
			context.stop();
			assertThat(scheduler.isRunning()).isFalse();
			context.start();
			assertThat(scheduler.isRunning()).isTrue();
		});
	}

	@Test
	void usersPurgeSchedulerMakesOursBackOff() {
		TracePurger purger = new TracePurger(new InMemoryTraceStorage(1),
				new io.chronotrace.core.retention.RetentionPolicy(1, null), java.time.Clock.systemUTC());
		TracePurgeScheduler own = new TracePurgeScheduler(purger, "0 0 3 * * *");
		this.runner.withBean("myScheduler", TracePurgeScheduler.class, () -> own)
			.run((context) -> assertThat(context.getBean(TracePurgeScheduler.class)).isSameAs(own));
	}

	@Test
	void localStorageIsTheDefault(@TempDir Path dir) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class,
					ChronoTraceWriterAutoConfiguration.class))
			.withPropertyValues("chronotrace.path=" + dir.resolve("traces"), "chronotrace.compression.level=9")
			.run((context) -> {
				LocalFileSystemTraceStorage storage = context.getBean(LocalFileSystemTraceStorage.class);
				assertThat(storage.description().location()).isEqualTo(dir.resolve("traces").toString());
				assertThat(dir.resolve("traces")).isDirectory();
			});
	}

	@Test
	void disabledLeavesNoBeanBehind() {
		this.runner.withPropertyValues("chronotrace.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TraceStorage.class);
			assertThat(context).doesNotHaveBean(TraceWriter.class);
			assertThat(context).doesNotHaveBean(TracePurgeScheduler.class);
			assertThat(context).doesNotHaveBean(ChronoTraceHealthIndicator.class);
		});
	}

	@Test
	void disabledCreatesNoDirectory(@TempDir Path dir) {
		this.runner.withPropertyValues("chronotrace.enabled=false", "chronotrace.storage=local",
				"chronotrace.path=" + dir.resolve("traces"))
			.run((context) -> assertThat(dir.resolve("traces")).doesNotExist());
	}

	@Test
	void healthIsDownWithTheStoragesReason() {
		this.runner.withBean(TraceStorage.class, () -> new DownStorage()).run((context) -> {
			Health health = context.getBean(ChronoTraceHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "directory /var/traces is not writable");
		});
	}

	@Test
	void synchronousWriterWhenAsyncStorageIsOff() {
		this.runner.withPropertyValues("chronotrace.async-storage=false").run((context) -> {
			assertThat(context).hasSingleBean(StoringTraceWriter.class);
			assertThat(context).doesNotHaveBean(AsyncTraceWriter.class);
		});
	}

	@Test
	void userStorageReplacesOurs() {
		this.runner.withUserConfiguration(UserStorageConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TraceStorage.class);
			assertThat(context.getBean(TraceStorage.class)).isSameAs(context.getBean("userStorage"));
			assertThat(context).hasSingleBean(AsyncTraceWriter.class);
		});
	}

	@Test
	void userWriterReplacesOurs() {
		this.runner.withBean("userWriter", TraceWriter.class, () -> (trace) -> {
		}).run((context) -> {
			assertThat(context).hasSingleBean(TraceWriter.class);
			assertThat(context).doesNotHaveBean(AsyncTraceWriter.class);
		});
	}

	@Test
	void noPurgeScheduleWhenAutoPurgeIsOffOrCronIsDash() {
		this.runner.withPropertyValues("chronotrace.auto-purge=false").run((context) -> {
			assertThat(context).hasSingleBean(TracePurger.class);
			assertThat(context).doesNotHaveBean(TracePurgeScheduler.class);
		});
		this.runner.withPropertyValues("chronotrace.purge-cron=-")
			.run((context) -> assertThat(context).doesNotHaveBean(TracePurgeScheduler.class));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.chronotrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChronoTraceHealthIndicator.class));
	}

	@Test
	void healthReportsStorageAndQueueDetails() {
		this.runner.run((context) -> {
			Health health = context.getBean(ChronoTraceHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("storage", "memory")
				.containsEntry("queueDepth", 0)
				.containsEntry("queueCapacity", 1000)
				.containsEntry("dropped", 0L);
		});
	}

	@Test
	void metricsWhenAMeterRegistryIsPresent() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("chronotrace.async-storage=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerTraceWriterListener.class);
				TraceWriter writer = context.getBean(TraceWriter.class);
				writer.write(TestTraces.trace(java.time.Instant.parse("2025-03-10T10:00:00Z")));
				writer.write(TestTraces.trace(java.time.Instant.parse("2025-03-10T10:00:01Z")));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("chronotrace.traces.stored").counter().count()).isEqualTo(2);
				assertThat(registry.get("chronotrace.storage.write").timer().count()).isEqualTo(2);
				assertThat(registry.get("chronotrace.traces.failed").counter().count()).isZero();
			});
	}

	@Test
	void spoolAndQueueMetricsAreBound() {
		this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("chronotrace.queue-capacity=7")
			.withBean(SpoolingTraceStorage.class,
					() -> new SpoolingTraceStorage(new InMemoryTraceStorage(10), new InMemoryTraceStorage(10),
							new SpoolSettings(1 << 20, Duration.ofSeconds(5))))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("chronotrace.spool.spooled").functionCounter()).isNotNull();
				assertThat(registry.find("chronotrace.spool.dropped").functionCounter()).isNotNull();
				assertThat(registry.find("chronotrace.spool.size").gauge()).isNotNull();
				assertThat(registry.get("chronotrace.spool.spooled").functionCounter().count()).isZero();
				assertThat(registry.get("chronotrace.spool.size").gauge().value()).isZero();
				assertThat(registry.get("chronotrace.queue.depth").gauge().value()).isZero();
				assertThat(registry.get("chronotrace.queue.capacity").gauge().value()).isEqualTo(7);
			});
	}

	@Test
	void spoolMetricsAreBoundForASpoolThatATierHoldsUnderEncryption() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, ChronoTraceEncryptionAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("chronotrace.encryption.enabled=true",
					"chronotrace.encryption.keys.k1=" + Base64.getEncoder().encodeToString(new byte[32]),
					"chronotrace.encryption.active-key=k1")
			.withBean(TieredTraceStorage.class, () -> new TieredTraceStorage(new InMemoryTraceStorage(10),
					new SpoolingTraceStorage(new InMemoryTraceStorage(10), new InMemoryTraceStorage(10),
							new SpoolSettings(1 << 20, Duration.ofSeconds(5)))))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(context.getBean(TraceStorage.class)).isInstanceOf(EncryptingTraceStorage.class);
				assertThat(registry.get("chronotrace.spool.spooled").functionCounter().count()).isZero();
				assertThat(registry.get("chronotrace.spool.size").gauge().value()).isZero();
			});
	}

	@Test
	void healthChecksReachabilityUnlessTheWriteProbeIsAskedFor() {
		CountingChecks storage = new CountingChecks();
		this.runner.withBean(TraceStorage.class, () -> storage).run((context) -> {
			Health health = (Health) context.getBean(ChronoTraceHealthIndicator.class).health(true);
			assertThat(health.getDetails()).containsEntry("check", "reachable");
			assertThat(storage.probes).hasValue(0);
			assertThat(storage.checks).hasValue(1);
		});
		CountingChecks probed = new CountingChecks();
		this.runner.withBean(TraceStorage.class, () -> probed)
			.withPropertyValues("chronotrace.health.write-probe=true")
			.run((context) -> {
				Health health = (Health) context.getBean(ChronoTraceHealthIndicator.class).health(true);
				assertThat(health.getDetails()).containsEntry("check", "write-probe");
				assertThat(probed.probes).hasValue(1);
				assertThat(probed.checks).hasValue(0);
			});
	}

	/** Counts its checks and probes. */
	static class CountingChecks extends ForwardingTraceStorage<InMemoryTraceStorage> {

		final AtomicInteger checks = new AtomicInteger();

		final AtomicInteger probes = new AtomicInteger();

		CountingChecks() {
			super(new InMemoryTraceStorage(1));
		}

		@Override
		public StorageCheck check() {
			this.checks.incrementAndGet();
			return super.check();
		}

		@Override
		public StorageCheck probe() {
			this.probes.incrementAndGet();
			return super.probe();
		}

	}

	/** A storage whose probe fails. */
	static class DownStorage extends ForwardingTraceStorage<InMemoryTraceStorage> {

		DownStorage() {
			super(new InMemoryTraceStorage(1));
		}

		@Override
		public StorageCheck check() {
			return StorageCheck.down("directory /var/traces is not writable");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStorageConfiguration {

		@Bean
		TraceStorage userStorage() {
			return new InMemoryTraceStorage(5);
		}

	}

}
