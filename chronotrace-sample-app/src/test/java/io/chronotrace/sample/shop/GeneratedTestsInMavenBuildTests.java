package io.chronotrace.sample.shop;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit tests that {@code /actuator/chronotrace/{id}/test} writes for traces recorded in
 * the same second (GET pages, two errors and an order that writes to the database) compile and
 * pass together, in a random order, in a real Maven build of a copy of this application with
 * the starter just built: their classes do not collide, the order's test rolls back what it
 * wrote, errors go to the error page as Tomcat sent them, and running them records nothing.
 * <p>
 * The copy resolves the starter from a temporary local repository that holds the starter, core
 * and parent just built and links to everything else in the build's own local repository, so
 * nothing is installed there.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=chronotrace",
				"chronotrace.replay.ignore-paths=$.orderId", "spring.application.name=shop-exported" })
class GeneratedTestsInMavenBuildTests extends AbstractStoredTraceTests {

	private static final String VERSION = System.getProperty("chronotrace.version", "0.1.0-SNAPSHOT");

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

		Path project = copyOfThisApplication();
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

		Build build = maven(project, "-o", "-B", "test", "-Dsurefire.runOrder=random",
				"-Dmaven.repo.local=" + layeredRepository());
		// into this test's output file: the random order's seed, which tests ran when
		System.out.println(build.output());
		assertThat(build.exitCode()).as(build.report()).isZero();
		assertThat(build.output()).as(build.report())
			.contains("Tests run: " + traces.size() + ", Failures: 0, Errors: 0, Skipped: 0");
		assertThat(project.resolve("storage")).as("traces stored by the tests").doesNotExist();

		// a random order may run the order's test after the report's: run it first, once
		assertThat(order).isNotNull();
		assertThat(report).isNotNull();
		Build orderFirst = maven(project, "-o", "-B", "surefire:test", "-Dtest=" + order + "," + report,
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

	/**
	 * This application's build file and main sources in a temporary folder, its own tests left
	 * out; its parent is found in the local repository.
	 */
	private static Path copyOfThisApplication() throws IOException {
		Path module = Path.of("").toAbsolutePath();
		Path project = Files.createDirectories(work.resolve("sample-app"));
		FileSystemUtils.copyRecursively(module.resolve("src/main"), project.resolve("src/main"));
		String pom = Files.readString(module.resolve("pom.xml"));
		String copy = pom.replace("</version>\n  </parent>", "</version>\n    <relativePath/>\n  </parent>")
			.replaceAll("(?s)\\s*<dependency>\\s*<groupId>io.chronotrace</groupId>\\s*"
					+ "<artifactId>chronotrace-spring-boot-starter</artifactId>\\s*<version>[^<]*</version>\\s*"
					+ "<type>test-jar</type>.*?</dependency>", "")
			// the sample's own profiles (ahead-of-time processing) and build are not the copy's business
			.replaceAll("(?s)\\s*<profiles>.*</profiles>", "")
			.replaceAll("(?s)\\s*<build>.*</build>", "");
		assertThat(copy).contains("<relativePath/>").doesNotContain("test-jar").doesNotContain("<build>");
		Files.writeString(project.resolve("pom.xml"), copy);
		return project;
	}

	/**
	 * A local repository that holds the parent, core and starter just built (from this build's
	 * class path) and links to everything else in this build's local repository.
	 */
	private static Path layeredRepository() throws IOException {
		Path shared = Path.of(System.getProperty("chronotrace.localRepository",
				System.getProperty("user.home") + "/.m2/repository"));
		Path repository = Files.createDirectories(work.resolve("repository"));
		Path ours = Path.of("io", "chronotrace");
		link(shared, repository, ours);
		Path root = Path.of("").toAbsolutePath().getParent();
		install(repository, "chronotrace-parent", root.resolve("pom.xml"), null);
		install(repository, "chronotrace-core", root.resolve("chronotrace-core/pom.xml"), built("chronotrace-core"));
		install(repository, "chronotrace-spring-boot-starter", root.resolve("chronotrace-spring-boot-starter/pom.xml"),
				built("chronotrace-spring-boot-starter"));
		return repository;
	}

	/** Links each entry of a folder, except those on the way to the excluded folder. */
	private static void link(Path from, Path to, Path excluded) throws IOException {
		try (Stream<Path> entries = Files.list(from)) {
			for (Path entry : entries.toList()) {
				Path name = entry.getFileName();
				if (!name.equals(excluded.getName(0))) {
					Files.createSymbolicLink(to.resolve(name.toString()), entry);
				}
				else if (excluded.getNameCount() > 1) {
					link(entry, Files.createDirectories(to.resolve(name.toString())),
							excluded.subpath(1, excluded.getNameCount()));
				}
			}
		}
	}

	private static void install(Path repository, String artifact, Path pom, Path jar) throws IOException {
		Path folder = Files.createDirectories(repository.resolve("io/chronotrace").resolve(artifact).resolve(VERSION));
		Files.copy(pom, folder.resolve(artifact + "-" + VERSION + ".pom"));
		if (jar != null) {
			Files.copy(jar, folder.resolve(artifact + "-" + VERSION + ".jar"));
		}
	}

	/**
	 * The jar of a module of this build, as this test's class path has it: its jar, or its
	 * classes, which are put in a jar.
	 */
	private static Path built(String module) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		for (String entry : classPath.split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath();
			String target = File.separator + module + File.separator + "target" + File.separator;
			int at = path.toString().indexOf(target);
			if (at < 0 || path.toString().substring(at + target.length()).contains("test")) {
				continue;
			}
			if (Files.isRegularFile(path)) {
				return path;
			}
			Path jar = work.resolve(module + ".jar");
			try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
					Stream<Path> files = Files.walk(path)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					zip.putNextEntry(new JarEntry(path.relativize(file).toString().replace(File.separatorChar, '/')));
					Files.copy(file, zip);
					zip.closeEntry();
				}
			}
			return jar;
		}
		throw new IllegalStateException(module + " is not built in this reactor (run the sample app's tests with "
				+ "-am, as in mvn -pl chronotrace-sample-app -am verify): " + classPath);
	}

	private static Build maven(Path project, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("mvn"));
		command.addAll(List.of(arguments));
		Path log = work.resolve("maven.log");
		Process process = new ProcessBuilder(command).directory(project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(8, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		return new Build(process.exitValue(), Files.readString(log), project);
	}

	/**
	 * What a Maven build did.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed
	 * @param project the project it built
	 */
	private record Build(int exitCode, String output, Path project) {

		/** What it printed, and the test reports, for a failure's message. */
		String report() throws IOException {
			StringBuilder report = new StringBuilder(this.output);
			Path reports = this.project.resolve("target/surefire-reports");
			if (Files.isDirectory(reports)) {
				try (Stream<Path> files = Files.list(reports)) {
					for (Path file : files.filter((file) -> file.toString().endsWith(".txt")).sorted().toList()) {
						report.append("\n--- ").append(file.getFileName()).append('\n').append(Files.readString(file));
					}
				}
			}
			return report.toString();
		}

	}

}
