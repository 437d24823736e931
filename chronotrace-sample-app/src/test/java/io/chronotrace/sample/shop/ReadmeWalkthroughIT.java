package io.chronotrace.sample.shop;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's quick start and walkthrough, run as they are written: the blocks marked
 * {@code <!-- readme-test: start -->} and {@code <!-- readme-test: run -->} are read from the
 * README, the start command runs the executable jar this build packaged, and the other blocks
 * run one after another in one real {@code bash}, from the root of a copy of the repository
 * (its root build file and this application, with the jar). The one change made to them: the
 * port 8080 becomes a free one, so that the test does not depend on what else runs here. The
 * walkthrough's {@code mvn} builds the copy offline against a local repository that holds the
 * modules just built ({@link SampleBuild}).
 * <p>
 * It runs after the jar is packaged (Maven's {@code integration-test} phase).
 */
class ReadmeWalkthroughIT {

	private static final Pattern BLOCK = Pattern.compile(
			"<!-- readme-test: (start|run) -->\\s*\\n([ \\t]*)```bash\\n(.*?)\\n[ \\t]*```", Pattern.DOTALL);

	private static final Pattern TRACE_ID = Pattern
		.compile("the failed request's trace: ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

	@TempDir
	static Path work;

	@Test
	void theQuickStartAndTheWalkthroughRunAsWritten() throws Exception {
		// -Dtest=ReadmeWalkthroughIT also selects it in the test phase, before the jar exists
		assumeTrue(Boolean.getBoolean("chronotrace.packaged"), "runs in the integration-test phase, on the packaged jar");
		Path module = Path.of("").toAbsolutePath();
		Path root = module.getParent();
		String start = null;
		List<String> runs = new ArrayList<>();
		Matcher block = BLOCK.matcher(Files.readString(root.resolve("README.md")));
		while (block.find()) {
			String commands = block.group(3).replaceAll("(?m)^" + block.group(2), "");
			if (block.group(1).equals("start")) {
				start = commands;
			}
			else {
				runs.add(commands);
			}
		}
		assertThat(start).as("the README's start block").isNotNull();
		assertThat(runs).as("the README's run blocks").hasSize(4);

		Path copy = Files.createDirectories(work.resolve("chronotrace"));
		Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
		Path sample = Files.createDirectories(copy.resolve(module.getFileName().toString()));
		Files.copy(module.resolve("pom.xml"), sample.resolve("pom.xml"));
		FileSystemUtils.copyRecursively(module.resolve("src"), sample.resolve("src"));
		Path jar = Path.of(start.trim().replaceFirst("^java -jar ", ""));
		assertThat(root.resolve(jar)).as("the jar the README starts").isRegularFile();
		Files.createDirectories(copy.resolve(jar).getParent());
		Files.copy(root.resolve(jar), copy.resolve(jar));
		Path repository = new SampleBuild(work).layeredRepository(true);
		Files.createDirectories(copy.resolve(".mvn"));
		Files.writeString(copy.resolve(".mvn/maven.config"), "-o\n-Dmaven.repo.local=" + repository + "\n");

		int port = freePort();
		Path appLog = work.resolve("app.log");
		Process app = new ProcessBuilder("bash", "-c", "exec " + start.trim() + " --server.port=" + port)
			.directory(copy.toFile())
			.redirectErrorStream(true)
			.redirectOutput(appLog.toFile())
			.start();
		try {
			awaitHealth(app, port, appLog);
			StringBuilder script = new StringBuilder("set -eo pipefail\n");
			for (int i = 0; i < runs.size(); i++) {
				script.append("echo '### block ").append(i).append("'\n");
				script.append(runs.get(i).replace("localhost:8080", "localhost:" + port)).append('\n');
			}
			Path scriptLog = work.resolve("walkthrough.log");
			Process bash = new ProcessBuilder("bash", "-c", script.toString()).directory(copy.toFile())
				.redirectErrorStream(true)
				.redirectOutput(scriptLog.toFile())
				.start();
			if (!bash.waitFor(8, TimeUnit.MINUTES)) {
				bash.destroyForcibly();
				fail("the walkthrough did not finish in 8 minutes: " + Files.readString(scriptLog));
			}
			String output = Files.readString(scriptLog);
			System.out.println(output);
			assertThat(bash.exitValue()).as(output + "\n--- the application's log\n" + Files.readString(appLog))
				.isZero();
			String[] outputs = output.split("### block \\d\n");
			assertThat(outputs).hasSize(runs.size() + 1);

			// the quick start: a trace id, its summary, the storage's health
			assertThat(outputs[1]).containsPattern("(?i)x-chronotrace-id: [0-9a-f-]{36}")
				.contains("\"path\":\"/api/products/1\"")
				.contains("\"status\":\"UP\"");
			// the walkthrough: an order placed, a failing capture recorded
			assertThat(outputs[2]).contains("\"orderId\"");
			Matcher failed = TRACE_ID.matcher(outputs[2]);
			assertThat(failed.find()).as(outputs[2]).isTrue();
			String id = failed.group(1);
			// its isolated replay: identical, nothing written
			assertThat(outputs[3]).contains("\"identical\":true").contains("\"isolated\":true");
			// its exported test, run by Maven in the application's own build: one test, passed
			Path report = sample.resolve("target/surefire-reports/TEST-io.chronotrace.sample.ChronoTrace"
					+ id.replace("-", "") + "Test.xml");
			assertThat(report).as(outputs[4]).isRegularFile();
			assertThat(Files.readString(report)).containsPattern("tests=\"1\"")
				.containsPattern("failures=\"0\"")
				.containsPattern("errors=\"0\"");
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	private static void awaitHealth(Process app, int port, Path log) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				fail("the sample app stopped: " + Files.readString(log));
			}
			try {
				HttpResponse<String> health = client.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/chronotrace"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		fail("the sample app did not start in 120 seconds: " + Files.readString(log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
