package io.chronotrace.core.storage.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one {@link RedisServer} for a test class, with one client connection:
 * {@code @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();}.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

	private RedisServer server;

	private RedisClient client;

	private StatefulRedisConnection<byte[], byte[]> connection;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = RedisServer.start();
		this.client = this.server.client();
		this.connection = this.client.connect(ByteArrayCodec.INSTANCE);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			this.connection.close();
			this.client.shutdown();
		}
		finally {
			this.server.close();
		}
	}

	/**
	 * The running server.
	 * @return the server
	 */
	public RedisServer server() {
		return this.server;
	}

	/**
	 * A connection to it, with a byte array codec, as {@link RedisTraceStorage} takes.
	 * @return the connection
	 */
	public StatefulRedisConnection<byte[], byte[]> connection() {
		return this.connection;
	}

}
