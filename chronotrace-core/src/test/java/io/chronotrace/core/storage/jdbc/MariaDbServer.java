package io.chronotrace.core.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A real MariaDB for tests: Debian's {@code mariadb-server} package, initialized into a
 * temporary directory and started on a free port, once per JVM, stopped when the JVM exits.
 * It runs without grant tables (any user, no password), for tests only.
 */
public final class MariaDbServer {

	private static MariaDbServer instance;

	private final Path directory;

	private final int port;

	private final Process process;

	private final AtomicInteger databases = new AtomicInteger();

	private MariaDbServer() throws IOException, InterruptedException {
		this.directory = Files.createTempDirectory("chronotrace-mariadb");
		this.port = freePort();
		Path data = this.directory.resolve("data");
		List<String> user = isRoot() ? List.of("--user=mysql") : List.of();
		if (isRoot()) {
			run(List.of("chown", "mysql", this.directory.toString()));
		}
		List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data,
				"--skip-test-db", "--auth-root-authentication-method=normal"));
		install.addAll(user);
		run(install);
		List<String> server = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
				"--port=" + this.port, "--bind-address=127.0.0.1", "--socket=" + this.directory.resolve("mariadb.sock"),
				"--skip-grant-tables", "--skip-log-bin", "--innodb-flush-log-at-trx-commit=0",
				"--innodb-doublewrite=0", "--innodb-buffer-pool-size=64M"));
		server.addAll(user);
		this.process = new ProcessBuilder(server).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("server.log").toFile())
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "mariadb-stop"));
		awaitPort();
	}

	/**
	 * The server of this JVM, started on first use.
	 * @return the server
	 */
	public static synchronized MariaDbServer get() {
		if (instance == null) {
			try {
				instance = new MariaDbServer();
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
	 * Creates a new, empty database and a pooled data source on it; close it when done.
	 * @return the data source
	 */
	public HikariDataSource newDatabase() {
		String name = "chronotrace_" + this.databases.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(url(""), "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url(name));
		config.setUsername("root");
		config.setPassword("");
		config.setMaximumPoolSize(4);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	private String url(String database) {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/" + database;
	}

	private void awaitPort() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("MariaDB exited:\n" + Files.readString(this.directory.resolve("server.log")));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("MariaDB did not open port " + this.port + ":\n"
				+ Files.readString(this.directory.resolve("server.log")));
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort
		}
	}

	private void run(List<String> command) throws IOException, InterruptedException {
		Path log = this.directory.resolve("command.log");
		Process install = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
			install.destroyForcibly();
			throw new IllegalStateException("Failed: " + command + "\n" + Files.readString(log));
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
