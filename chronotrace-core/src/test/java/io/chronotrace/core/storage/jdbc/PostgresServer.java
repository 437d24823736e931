package io.chronotrace.core.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A real PostgreSQL for tests: Debian's {@code postgresql} package, initialized into a
 * temporary directory and started on a free port (unix socket in the same directory), once
 * per JVM and stopped when the JVM exits. As root, the server runs as the {@code postgres}
 * user, since PostgreSQL refuses to run as root. Each {@link #newDatabase()} is a database of
 * its own, so test classes do not see each other's tables.
 */
public final class PostgresServer {

	private static PostgresServer instance;

	private final Path directory;

	private final Path binaries;

	private final int port;

	private final AtomicInteger databases = new AtomicInteger();

	private PostgresServer(Path binaries) throws IOException, InterruptedException {
		this.binaries = binaries;
		this.directory = Files.createTempDirectory("chronotrace-postgres");
		this.port = freePort();
		Path data = this.directory.resolve("data");
		if (isRoot()) {
			run("chown", "postgres", this.directory.toString());
		}
		run(asServerUser(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
				"--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"));
		run(asServerUser(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
				this.directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
				"-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1 -c fsync=off "
						+ "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
				"start"));
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-stop"));
	}

	/**
	 * The server of this JVM, started on first use.
	 * @return the server
	 */
	public static synchronized PostgresServer get() {
		if (instance == null) {
			try {
				instance = new PostgresServer(binaries());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return instance;
	}

	/**
	 * The JDBC URL of a database.
	 * @param database the database name
	 * @return the URL
	 */
	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database + "?user=postgres";
	}

	/**
	 * Creates a new, empty database.
	 * @return its name
	 */
	public String newDatabase() {
		String name = "chronotrace_" + this.databases.incrementAndGet();
		try (Connection connection = java.sql.DriverManager.getConnection(url("postgres"));
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return name;
	}

	/**
	 * A pooled data source on a database; close it when done.
	 * @param database the database name
	 * @return the data source
	 */
	public HikariDataSource dataSource(String database) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url(database));
		config.setMaximumPoolSize(4);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	private void stop() {
		try {
			run(asServerUser(this.binaries.resolve("pg_ctl").toString(), "-D", this.directory.resolve("data").toString(),
					"-m", "immediate", "-w", "stop"));
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			// the JVM is exiting: nothing more to do
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort
		}
	}

	private static Path binaries() {
		String configured = System.getProperty("chronotrace.postgres.bin");
		if (configured != null) {
			return Path.of(configured);
		}
		Path root = Path.of("/usr/lib/postgresql");
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.comparing((bin) -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
				.orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("PostgreSQL is not installed: the JDBC tests need Debian's postgresql "
					+ "package (apt-get install postgresql), or -Dchronotrace.postgres.bin=<directory of initdb>", ex);
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static List<String> asServerUser(String... command) {
		List<String> full = new ArrayList<>();
		if (isRoot()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(Arrays.asList(command));
		return full;
	}

	private void run(String... command) throws IOException, InterruptedException {
		run(Arrays.asList(command));
	}

	private void run(List<String> command) throws IOException, InterruptedException {
		Path log = this.directory.resolve("command.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Timed out: " + command);
		}
		if (process.exitValue() != 0) {
			String output = Files.exists(log) ? Files.readString(log) : "";
			Path serverLog = this.directory.resolve("server.log");
			if (Files.exists(serverLog)) {
				output += "\n" + Files.readString(serverLog);
			}
			throw new IllegalStateException("Failed (" + process.exitValue() + "): " + command + "\n" + output);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
