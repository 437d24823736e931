package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3-compatible server for tests: S3Proxy, started as a separate process on a free
 * loopback port. With the filesystem provider it can be stopped and started again on the same
 * port with the same objects (an outage); the transient provider keeps objects in memory,
 * which is faster. Maven copies its jar to
 * {@code target/s3proxy/s3proxy.jar} and passes the path as the {@code s3proxy.jar} system
 * property. Shared with the starter's tests through the test-jar.
 */
public final class S3ProxyServer implements AutoCloseable {

	/** The access key the server accepts. */
	public static final String ACCESS_KEY = "chronotrace-test";

	/** The secret key the server accepts. */
	public static final String SECRET_KEY = "chronotrace-test-secret";

	/** The region clients sign for. */
	public static final Region REGION = Region.US_EAST_1;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Path directory;

	private final int port;

	private final boolean persistent;

	private @Nullable Process process;

	private final Thread killer = new Thread(this::kill, "s3proxy-killer");

	private S3ProxyServer(Path directory, int port, boolean persistent) {
		this.directory = directory;
		this.port = port;
		this.persistent = persistent;
	}

	/**
	 * Starts a server that keeps its objects under a directory, so that they outlive a
	 * {@link #stop()} and {@link #start()}.
	 * @param directory where the server keeps its objects, configuration and log
	 * @return the running server
	 */
	public static S3ProxyServer start(Path directory) {
		return start(directory, true);
	}

	/**
	 * Starts a server.
	 * @param directory where the server keeps its configuration and log, and its objects
	 * when persistent
	 * @param persistent whether objects are kept on disk (filesystem provider) rather than in
	 * memory (transient provider, lost when the server stops)
	 * @return the running server
	 */
	public static S3ProxyServer start(Path directory, boolean persistent) {
		S3ProxyServer server = new S3ProxyServer(directory, freePort(), persistent);
		Runtime.getRuntime().addShutdownHook(server.killer);
		server.start();
		return server;
	}

	/**
	 * A port nothing listens on, for tests of an unreachable endpoint.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the server again after {@link #stop()}, on the same port with the same objects;
	 * does nothing while it runs.
	 */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		try {
			Files.createDirectories(this.directory.resolve("data"));
			Path properties = this.directory.resolve("s3proxy.properties");
			String provider = this.persistent ? "jclouds.provider=filesystem\njclouds.filesystem.basedir="
					+ this.directory.resolve("data").toAbsolutePath() : "jclouds.provider=transient";
			Files.writeString(properties, String.join("\n", "s3proxy.endpoint=" + endpoint(),
					"s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
					"s3proxy.credential=" + SECRET_KEY, provider, ""));
			ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
					"-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "--properties", properties.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
			builder.environment().put("LOG_LEVEL", "warn");
			this.process = builder.start();
			awaitAnswer(this.process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start S3Proxy", ex);
		}
	}

	/** Stops the server; its objects stay for {@link #start()}. */
	public synchronized void stop() {
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

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.killer);
		}
		catch (IllegalStateException ex) {
			// shutting down already
		}
	}

	/**
	 * The endpoint, {@code http://127.0.0.1:port}.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * A client with the right credentials and ChronoTrace's retries and timeouts.
	 * @return the client
	 */
	public S3Client client() {
		return client((builder) -> {
		});
	}

	/**
	 * A client with the right credentials and ChronoTrace's retries and timeouts, changed by
	 * the test.
	 * @param customizer changes the builder, after the defaults are set
	 * @return the client
	 */
	public S3Client client(Consumer<S3ClientBuilder> customizer) {
		return client(endpoint(), ACCESS_KEY, SECRET_KEY, customizer);
	}

	/**
	 * A client with the right credentials and ChronoTrace's retries and timeouts, whose calls
	 * an interceptor sees.
	 * @param interceptor the interceptor
	 * @return the client
	 */
	public S3Client client(ExecutionInterceptor interceptor) {
		return client((builder) -> intercept(builder, interceptor));
	}

	/**
	 * Adds an interceptor to a builder, keeping its other override configuration.
	 * @param builder the builder
	 * @param interceptor the interceptor
	 * @return the builder
	 */
	public static S3ClientBuilder intercept(S3ClientBuilder builder, ExecutionInterceptor interceptor) {
		return builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().addExecutionInterceptor(interceptor).build());
	}

	/**
	 * A client for any endpoint and credentials, with ChronoTrace's retries and timeouts.
	 * @param endpoint the endpoint
	 * @param accessKey the access key
	 * @param secretKey the secret key
	 * @param customizer changes the builder, after the defaults are set
	 * @return the client
	 */
	public static S3Client client(URI endpoint, String accessKey, String secretKey,
			Consumer<S3ClientBuilder> customizer) {
		S3ClientBuilder builder = S3Client.builder()
			.endpointOverride(endpoint)
			.region(REGION)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
		S3ClientOptions.apply(builder);
		customizer.accept(builder);
		return builder.build();
	}

	/**
	 * Creates a bucket.
	 * @param bucket the name
	 */
	public void createBucket(String bucket) {
		try (S3Client client = client()) {
			client.createBucket((create) -> create.bucket(bucket));
		}
	}

	/**
	 * The server's log, for failure messages.
	 * @return the log file
	 */
	public Path log() {
		return this.directory.resolve("s3proxy.log");
	}

	private void awaitAnswer(Process started) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				throw new IllegalStateException("S3Proxy exited with " + started.exitValue() + ": " + tail());
			}
			try {
				HttpURLConnection connection = (HttpURLConnection) endpoint().toURL().openConnection();
				connection.setConnectTimeout(500);
				connection.setReadTimeout(2000);
				connection.getResponseCode();
				connection.disconnect();
				return;
			}
			catch (IOException notYet) {
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while S3Proxy starts", ex);
				}
			}
		}
		kill();
		throw new IllegalStateException("S3Proxy did not answer on " + endpoint() + " within " + START_TIMEOUT + ": "
				+ tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(log());
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
	}

	private synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	private static Path jar() {
		String configured = System.getProperty("s3proxy.jar");
		Path jar = (configured != null) ? Path.of(configured) : Path.of("target", "s3proxy", "s3proxy.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No S3Proxy jar at " + jar.toAbsolutePath()
					+ "; Maven copies it there in the process-test-resources phase (maven-dependency-plugin)");
		}
		return jar;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
