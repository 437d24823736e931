package io.chronotrace.sample.shop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hermetic JUnit tests that {@code /actuator/chronotrace/{id}/test?isolated=true} writes (a
 * product list and an order that writes three tables and calls the warehouse over HTTP) pass in
 * a real Maven build of a copy of this application whose database is switched off: its data
 * source points at a server that is not there, which a test of the copy proves, so the exported
 * tests pass only because their SQL and calls are answered from the recordings they embed.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=chronotrace",
				"chronotrace.replay.ignore-paths=$.orderId", "spring.application.name=shop-isolated" })
class IsolatedTestsInMavenBuildTests extends AbstractStoredTraceTests {

	/** No server listens there: any connection the copy's tests ask for fails. */
	private static final String SWITCHED_OFF = "jdbc:h2:tcp://127.0.0.1:1/switched-off";

	@TempDir
	static Path work;

	@Autowired
	private CacheManager caches;

	@Test
	void isolatedTestsPassInTheApplicationsBuildWithItsDatabaseSwitchedOff() throws Exception {
		// the order's product lookups are cached: recorded as queries only when the cache is cold,
		// as it is when the exported test starts the application
		this.caches.getCache("products").clear();
		List<ResponseEntity<String>> responses = List.of(get("/api/products"), placeOrder());
		assertThat(responses).extracting((response) -> response.getStatusCode().value()).containsExactly(200, 200);
		List<Trace> traces = responses.stream().map(this::storedTrace).toList();

		SampleBuild sample = new SampleBuild(work);
		Path project = sample.copyOfThisApplication();
		Path tests = Files.createDirectories(project.resolve("src/test/java/io/chronotrace/sample"));
		for (Trace trace : traces) {
			ResponseEntity<String> export = get("/actuator/chronotrace/" + trace.id() + "/test?isolated=true");
			assertThat(export.getStatusCode().value()).isEqualTo(200);
			String className = "ChronoTrace" + trace.id().toString().replace("-", "") + "IsolatedTest";
			assertThat(export.getBody()).contains("class " + className + " {")
				.contains("IsolatedReplay.open(this.context, recording())")
				.doesNotContain("@Transactional");
			Files.writeString(tests.resolve(className + ".java"), export.getBody(), StandardCharsets.UTF_8);
		}
		Files.writeString(tests.resolve("DatabaseIsSwitchedOffTest.java"), DATABASE_IS_SWITCHED_OFF);
		Path resources = Files.createDirectories(project.resolve("src/test/resources"));
		Files.writeString(resources.resolve("application.properties"),
				"spring.datasource.url=" + SWITCHED_OFF + "\nspring.datasource.hikari.connection-timeout=2000\n");

		SampleBuild.Build build = sample.maven(project, "-o", "-B", "test",
				"-Dmaven.repo.local=" + sample.layeredRepository());
		System.out.println(build.output());
		assertThat(build.exitCode()).as(build.report()).isZero();
		assertThat(build.output()).as(build.report())
			.contains("Tests run: " + (traces.size() + 1) + ", Failures: 0, Errors: 0, Skipped: 0");
		assertThat(project.resolve("storage")).as("traces stored by the tests").doesNotExist();
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

	/** The canary of the copy: its data source really reaches no database. */
	private static final String DATABASE_IS_SWITCHED_OFF = """
			package io.chronotrace.sample;

			import javax.sql.DataSource;

			import org.junit.jupiter.api.Test;

			import org.springframework.beans.factory.annotation.Autowired;
			import org.springframework.boot.test.context.SpringBootTest;

			import static org.assertj.core.api.Assertions.assertThatException;

			@SpringBootTest(properties = { "chronotrace.enabled=false", "spring.sql.init.mode=never" })
			class DatabaseIsSwitchedOffTest {

				@Autowired
				private DataSource dataSource;

				@Test
				void noConnectionCanBeHad() {
					assertThatException().isThrownBy(() -> this.dataSource.getConnection().close());
				}

			}
			""";

}
