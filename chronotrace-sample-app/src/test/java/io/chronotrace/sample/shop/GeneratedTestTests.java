package io.chronotrace.sample.shop;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The JUnit test that {@code /actuator/chronotrace/{id}/test} writes for a recorded order
 * compiles against this application with only {@code spring-boot-starter-test}, passes, and
 * fails once the recorded answer no longer matches. The order id changes on every call, so it
 * is configured as volatile; the customer's e-mail was scrubbed when recorded, so a substitute
 * is configured for it.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=chronotrace",
				"chronotrace.replay.ignore-paths=$.orderId",
				"chronotrace.replay.substitutes.customerEmail=test@example.com" })
class GeneratedTestTests extends AbstractStoredTraceTests {

	@TempDir
	static Path work;

	@Test
	void generatedTestCompilesAndPassesThenFailsWhenTheAnswerChanges() throws Exception {
		ResponseEntity<String> order = client().post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerEmail", "ada@example.com", "lines",
					List.of(Map.of("productId", 1, "quantity", 2), Map.of("productId", 3, "quantity", 1))))
			.retrieve()
			.toEntity(String.class);
		traceOf(order);
		String id = order.getHeaders().getFirst("X-ChronoTrace-Id");
		ResponseEntity<String> export = get("/actuator/chronotrace/" + id + "/test");
		assertThat(export.getStatusCode().value()).isEqualTo(200);
		String source = export.getBody();
		assertThat(source).contains("package io.chronotrace.sample;")
			.contains("@SpringBootTest(classes = SampleApplication.class")
			.contains("ignored.add(\"$.orderId\");")
			.contains("test@example.com")
			.doesNotContain("ada@example.com");
		String className = "ChronoTrace" + id.replace("-", "") + "Test";

		TestExecutionSummary passed = compileAndRun(source, className, work.resolve("as-recorded"));
		assertThat(passed.getTestsSucceededCount()).as(failures(passed)).isEqualTo(1);
		assertThat(passed.getTestsFailedCount()).isZero();

		String changed = source.replace("\\\"status\\\":\\\"CONFIRMED\\\"", "\\\"status\\\":\\\"REJECTED\\\"");
		assertThat(changed).isNotEqualTo(source);
		TestExecutionSummary failed = compileAndRun(changed, className, work.resolve("changed"));
		assertThat(failed.getTestsFailedCount()).isEqualTo(1);
		assertThat(failures(failed)).contains("status").contains("REJECTED");
	}

	/**
	 * Compiles the source against this module's test class path, as a user's build would,
	 * and runs it with the JUnit Platform. The application it starts stores its traces in a
	 * temporary directory.
	 */
	private static TestExecutionSummary compileAndRun(String source, String className, Path dir) throws Exception {
		Path sources = Files.createDirectories(dir.resolve("src/io/chronotrace/sample"));
		Path classes = Files.createDirectories(dir.resolve("classes"));
		Path file = Files.writeString(sources.resolve(className + ".java"), source, StandardCharsets.UTF_8);
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		boolean compiled = javac
			.getTask(errors, null, null, List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none"),
					null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
			.call();
		assertThat(compiled).as(errors.toString()).isTrue();
		String previousPath = System.getProperty("chronotrace.path");
		System.setProperty("chronotrace.path", dir.resolve("traces").toString());
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				GeneratedTestTests.class.getClassLoader())) {
			Class<?> test = loader.loadClass("io.chronotrace.sample." + className);
			SummaryGeneratingListener listener = new SummaryGeneratingListener();
			ClassLoader previousLoader = Thread.currentThread().getContextClassLoader();
			Thread.currentThread().setContextClassLoader(loader);
			try {
				LauncherFactory.create().execute(request().selectors(selectClass(test)).build(), listener);
			}
			finally {
				Thread.currentThread().setContextClassLoader(previousLoader);
			}
			return listener.getSummary();
		}
		finally {
			if (previousPath != null) {
				System.setProperty("chronotrace.path", previousPath);
			}
			else {
				System.clearProperty("chronotrace.path");
			}
		}
	}

	private static String failures(TestExecutionSummary summary) {
		StringBuilder failures = new StringBuilder();
		summary.getFailures().forEach((failure) -> failures.append(failure.getException()).append(File.separator));
		return failures.toString();
	}

}
