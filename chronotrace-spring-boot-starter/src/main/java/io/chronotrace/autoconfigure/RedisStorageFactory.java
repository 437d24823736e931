package io.chronotrace.autoconfigure;

import java.time.Duration;

import io.chronotrace.core.storage.redis.RedisStorageSettings;
import io.chronotrace.core.storage.redis.RedisTraceStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Creates the Redis storage over the native Lettuce connection of the application's
 * {@link LettuceConnectionFactory}: the application's {@code spring.data.redis.*} settings
 * (host, password, SSL, sentinel, cluster) apply, and ChronoTrace opens no connection of its
 * own. The connection is given back when the context closes.
 */
final class RedisStorageFactory implements TraceStorageFactory, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisStorageFactory.class);

	private final ChronoTraceProperties properties;

	private final ChronoTraceRedisProperties redis;

	private final ObjectProvider<RedisConnectionFactory> connectionFactories;

	private LettuceConnection connection;

	RedisStorageFactory(ChronoTraceProperties properties, ChronoTraceRedisProperties redis,
			ObjectProvider<RedisConnectionFactory> connectionFactories) {
		this.properties = properties;
		this.redis = redis;
		this.connectionFactories = connectionFactories;
	}

	@Override
	public String name() {
		return "redis";
	}

	@Override
	public synchronized RedisTraceStorage create() {
		LettuceConnectionFactory factory = lettuce();
		if (this.connection == null) {
			this.connection = (LettuceConnection) factory.getConnection();
		}
		RedisStorageSettings settings = new RedisStorageSettings(this.redis.getKeyPrefix(),
				Duration.ofDays(this.properties.getRetentionDays()), StorageSettings.compression(this.properties),
				this.redis.getMaxAttachmentSize().toBytes(), this.redis.getTimeout(), location(factory));
		RedisTraceStorage storage = new RedisTraceStorage(this.connection.getNativeConnection(), settings);
		logger.info("ChronoTrace stores traces in " + storage + " through the application's Redis connection");
		return storage;
	}

	LettuceConnectionFactory lettuce() {
		RedisConnectionFactory factory = this.connectionFactories.getIfUnique();
		if (factory == null) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.storage", "redis",
					"Redis storage uses the application's RedisConnectionFactory and there is none (or several). "
							+ "Add org.springframework.boot:spring-boot-starter-data-redis and set spring.data.redis.host "
							+ "(or spring.data.redis.url).");
		}
		if (!(factory instanceof LettuceConnectionFactory lettuce)) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.storage", "redis",
					"Redis storage needs Lettuce, Spring Boot's default Redis client, but the application's "
							+ "RedisConnectionFactory is a " + factory.getClass().getName()
							+ ". Use io.lettuce:lettuce-core (spring-boot-starter-data-redis brings it).");
		}
		return lettuce;
	}

	/**
	 * The lifecycle phase of the application's connection factory, which closes its
	 * connections when it stops.
	 * @return the phase, 0 when there is no Lettuce factory
	 */
	int lettucePhase() {
		RedisConnectionFactory factory = this.connectionFactories.getIfUnique();
		return (factory instanceof LettuceConnectionFactory lettuce) ? lettuce.getPhase() : 0;
	}

	private static String location(LettuceConnectionFactory factory) {
		if (factory.isClusterAware()) {
			return "redis cluster " + factory.getClusterConfiguration().getClusterNodes();
		}
		if (factory.isRedisSentinelAware()) {
			return "redis sentinel master " + factory.getSentinelConfiguration().getMaster().getName();
		}
		return (factory.isUseSsl() ? "rediss://" : "redis://") + factory.getHostName() + ":" + factory.getPort()
				+ "/" + factory.getDatabase();
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
	}

}
