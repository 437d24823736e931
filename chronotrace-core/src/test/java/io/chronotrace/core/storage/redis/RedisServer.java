package io.chronotrace.core.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

/**
 * A real Redis for tests: Debian's {@code redis-server} started as a process on a free loopback
 * port, with persistence off ({@code --save "" --appendonly no}), stopped by {@link #close()}
 * (or at JVM exit). The binary is {@code redis-server} on the {@code PATH}, or the
 * {@code redis.server} system property. Shared with the starter's tests through the test-jar.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private final int port;

	private final Path directory;

	private @Nullable Process process;

	private final Thread killer = new Thread(this::kill, "redis-server-killer");

	private RedisServer(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	public static RedisServer start() {
		try {
			RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("redis-server-"));
			Runtime.getRuntime().addShutdownHook(server.killer);
			server.run();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void run() throws IOException {
		ProcessBuilder builder = new ProcessBuilder(binary(), "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
				this.directory.toString(), "--protected-mode", "yes")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + binary()
					+ "; the Redis tests need Debian's redis-server (apt-get install redis-server)", ex);
		}
		awaitPong();
	}

	/**
	 * The URI of the server.
	 * @return {@code redis://127.0.0.1:port}
	 */
	public RedisURI uri() {
		return RedisURI.create("127.0.0.1", this.port);
	}

	/**
	 * The port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * A new client of the server; the caller shuts it down.
	 * @return the client
	 */
	public RedisClient client() {
		return RedisClient.create(uri());
	}

	/**
	 * Runs a command through a plain socket (inline protocol) and returns the raw answer, for
	 * tests that look at what is stored without ChronoTrace's code.
	 * @param command the command, such as {@code DBSIZE}
	 * @return the first line of the answer
	 */
	public String command(String command) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		kill();
		try {
			Runtime.getRuntime().removeShutdownHook(this.killer);
		}
		catch (IllegalStateException ex) {
			// shutting down already
		}
	}

	private synchronized void kill() {
		Process running = this.process;
		this.process = null;
		if (running != null) {
			running.destroy();
			try {
				if (!running.waitFor(10, TimeUnit.SECONDS)) {
					running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void awaitPong() throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.process == null || !this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited: " + tail());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				socket.close();
				if ("+PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IOException | UncheckedIOException notYet) {
				// not listening yet
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while redis-server starts", ex);
			}
		}
		kill();
		throw new IllegalStateException("redis-server did not answer on port " + this.port + " within "
				+ START_TIMEOUT + ": " + tail());
	}

	private Path log() {
		return this.directory.resolve("redis-server.log");
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(log());
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
	}

	private static String binary() {
		return System.getProperty("redis.server", "redis-server");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
