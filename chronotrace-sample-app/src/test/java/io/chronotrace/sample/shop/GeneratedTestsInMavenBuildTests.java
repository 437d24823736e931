package io.chronotrace.sample.shop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit tests that {@code /actuator/chronotrace/{id}/test} writes for traces recorded in
 * the same second (GET pages, two errors and an order that writes to the database) compile and
 * pass together, in a random order, in a real Maven build of a copy of this application with
 * the starter just built: their classes do not collide, the order's test rolls back what it
 * wrote, errors go to the error page as Tomcat sent them, and running them records nothing.
 * <p>
 * The copy resolves the starter from a temporary local repository ({@link SampleBuild}), so
 * nothing is installed in the build's own.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=chronotrace",
				"chronotrace.replay.ignore-paths=$.orderId", "spring.application.name=shop-exported" })
class GeneratedTestsInMavenBuildTests extends AbstractStoredTraceTests {

	@TempDir
	static Path work;

	@Test
	void testsExportedInTheSameSecondPassTogetherInARandomOrderInTheApplicationsBuild() throws Exception {
		// the first requests to a new application are slow: not these
		get("/api/products/2");
		get("/api/nowhere");
		List<ResponseEntity<String>> responses = List.of(get("/api/products"), get("/api/products/1"),
				get("/api/reports/sales?delayMillis=0"), get("/api/products/99"), get("/api/payments/7/capture"),
				placeOrder());
		assertThat(responses).extracting((response) -> response.getStatusCode().value())
			.containsExactly(200, 200, 200, 404, 500, 200);
		List<Trace> traces = responses.stream().map(this::storedTrace).toList();
		assertThat(Duration.between(traces.get(0).startTime(), traces.get(traces.size() - 1).startTime()))
			.as("recorded within a second")
			.isLessThan(Duration.ofSeconds(1));

		SampleBuild sample = new SampleBuild(work);
		Path project = sample.copyOfThisApplication();
		Path tests = Files.createDirectories(project.resolve("src/test/java/io/chronotrace/sample"));
		Set<String> classes = new HashSet<>();
		String order = null;
		String report = null;
		for (Trace trace : traces) {
			ResponseEntity<String> export = get("/actuator/chronotrace/" + trace.id() + "/test");
			assertThat(export.getStatusCode().value()).isEqualTo(200);
			String className = "ChronoTrace" + trace.id().toString().replace("-", "") + "Test";
			assertThat(export.getBody()).contains("class " + className + " {");
			Files.writeString(tests.resolve(className + ".java"), export.getBody(), StandardCharsets.UTF_8);
			classes.add(className);
			order = trace.request().path().equals("/api/orders") ? className : order;
			report = trace.request().path().equals("/api/reports/sales") ? className : report;
		}
		assertThat(classes).hasSameSizeAs(traces);

		SampleBuild.Build build = sample.maven(project, "-o", "-B", "test", "-Dsurefire.runOrder=random",
				"-Dmaven.repo.local=" + sample.layeredRepository());
		// into this test's output file: the random order's seed, which tests ran when
		System.out.println(build.output());
		assertThat(build.exitCode()).as(build.report()).isZero();
		assertThat(build.output()).as(build.report())
			.contains("Tests run: " + traces.size() + ", Failures: 0, Errors: 0, Skipped: 0");
		assertThat(project.resolve("storage")).as("traces stored by the tests").doesNotExist();

		// a random order may run the order's test after the report's: run it first, once
		assertThat(order).isNotNull();
		assertThat(report).isNotNull();
		SampleBuild.Build orderFirst = sample.maven(project, "-o", "-B", "surefire:test", "-Dtest=" + order + "," + report,
				"-Dsurefire.runOrder=" + ((order.compareTo(report) < 0) ? "alphabetical" : "reversealphabetical"),
				"-Dmaven.repo.local=" + work.resolve("repository"));
		System.out.println(orderFirst.output());
		assertThat(orderFirst.output()).as(orderFirst.report())
			.containsSubsequence("in io.chronotrace.sample." + order, "in io.chronotrace.sample." + report)
			.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
	}

	private ResponseEntity<String> placeOrder() {
		return client().post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerEmail", "ada@example.com", "lines",
					List.of(Map.of("productId", 1, "quantity", 2), Map.of("productId", 3, "quantity", 1))))
			.retrieve()
			.toEntity(String.class);
	}

}
