package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one {@link S3ProxyServer} with one bucket for a test class:
 * {@code @RegisterExtension static final S3ProxyExtension s3 = new S3ProxyExtension("bucket");}.
 * The server keeps its objects in memory, or with {@link #persistent()} in a temporary
 * directory, deleted after the class, so that they outlive a stop and start.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {

	private final String bucket;

	private final boolean persistent;

	private Path directory;

	private S3ProxyServer server;

	/**
	 * Creates the extension.
	 * @param bucket the bucket created once the server runs
	 */
	public S3ProxyExtension(String bucket) {
		this(bucket, false);
	}

	private S3ProxyExtension(String bucket, boolean persistent) {
		this.bucket = bucket;
		this.persistent = persistent;
	}

	/**
	 * The same extension with a server that keeps its objects on disk across a stop and
	 * start.
	 * @return the extension
	 */
	public S3ProxyExtension persistent() {
		return new S3ProxyExtension(this.bucket, true);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.directory = Files.createTempDirectory("s3proxy-");
		this.server = S3ProxyServer.start(this.directory, this.persistent);
		this.server.createBucket(this.bucket);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.server.close();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.delete(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/**
	 * The running server.
	 * @return the server
	 */
	public S3ProxyServer server() {
		return this.server;
	}

	/**
	 * The bucket created on it.
	 * @return the bucket name
	 */
	public String bucket() {
		return this.bucket;
	}

}
