package io.chronotrace.replay.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own that a test stops and starts again, as {@code PostgresServer}
 * (shared by every test of the JVM, so never stopped) cannot be: Debian's {@code postgresql}
 * package, initialized in a temporary directory, run as the {@code postgres} user when the test
 * runs as root.
 */
final class StoppablePostgres implements AutoCloseable {

	private final Path directory;

	private final Path binaries;

	private final int port;

	StoppablePostgres() throws IOException, InterruptedException {
		this.binaries = binaries();
		this.directory = Files.createTempDirectory("chronotrace-stoppable-postgres");
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		if (isRoot()) {
			run(List.of("chown", "postgres", this.directory.toString()));
		}
		run(asServerUser("initdb", "-D", data(), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8",
				"--locale=C"));
		start();
	}

	String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres?user=postgres";
	}

	void start() throws IOException, InterruptedException {
		run(asServerUser("pg_ctl", "-D", data(), "-l", this.directory.resolve("server.log").toString(), "-w", "-t",
				"60", "-o", "-p " + this.port + " -k " + this.directory
						+ " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off",
				"start"));
	}

	void stop() throws IOException, InterruptedException {
		run(asServerUser("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop"));
	}

	@Override
	public void close() throws Exception {
		try {
			stop();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	private String data() {
		return this.directory.resolve("data").toString();
	}

	private List<String> asServerUser(String command, String... arguments) {
		List<String> full = new ArrayList<>();
		if (isRoot()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.add(this.binaries.resolve(command).toString());
		full.addAll(List.of(arguments));
		return full;
	}

	private void run(List<String> command) throws IOException, InterruptedException {
		Path log = this.directory.resolve("command.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("Failed: " + command + "\n" + Files.readString(log));
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static Path binaries() throws IOException {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql)"));
		}
	}

}
