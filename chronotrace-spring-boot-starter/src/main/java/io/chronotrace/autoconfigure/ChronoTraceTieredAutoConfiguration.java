package io.chronotrace.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.chronotrace.autoconfigure.ChronoTraceProperties.StorageType;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.tiered.TierMover;
import io.chronotrace.core.storage.tiered.TieredTraceStorage;
import io.chronotrace.tiered.TierMoverScheduler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tiered storage ({@code chronotrace.storage=tiered}): a {@link TieredTraceStorage} over the
 * backends named by {@code chronotrace.tiered.hot} and {@code chronotrace.tiered.cold}, each
 * created by the same {@link TraceStorageFactory} its own auto-configuration uses, and a
 * {@link TierMoverScheduler} that moves traces older than {@code hot-retention} to the cold
 * tier. An application replaces the storage by declaring its own {@link TraceStorage} bean.
 */
@AutoConfiguration(before = ChronoTraceStorageAutoConfiguration.class,
		// their conditions on a missing TraceStorage must not see the tiered one
		after = { ChronoTraceS3AutoConfiguration.class, ChronoTraceRedisAutoConfiguration.class })
@ConditionalOnChronoTraceEnabled
@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "tiered")
@EnableConfigurationProperties({ ChronoTraceProperties.class, ChronoTraceTieredProperties.class })
public final class ChronoTraceTieredAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ChronoTraceTieredAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(TraceStorage.class)
	static class TieredStorageConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		TieredStorageTiers chronoTraceStorageTiers(ChronoTraceTieredProperties tiered,
				ObjectProvider<TraceStorageFactory> factories) {
			return tiers(tiered, factories.orderedStream().toList());
		}

		/** Not closed itself: the tiers bean closes the tiers. */
		@Bean(destroyMethod = "")
		TieredTraceStorage chronoTraceStorage(TieredStorageTiers tiers) {
			return new TieredTraceStorage(tiers.hot(), tiers.cold());
		}

		/**
		 * Moves between the tiers themselves, not through the storage bean, which another
		 * post-processor (encryption) may wrap.
		 */
		@Bean
		@ConditionalOnMissingBean
		TierMoverScheduler chronoTraceTierMoverScheduler(TieredStorageTiers tiers,
				ChronoTraceTieredProperties tiered) {
			TieredTraceStorage storage = new TieredTraceStorage(tiers.hot(), tiers.cold());
			return new TierMoverScheduler(new TierMover(storage, tiered.getHotRetention(), Clock.systemUTC()),
					tiered.getMoveInterval());
		}

	}

	private static TieredStorageTiers tiers(ChronoTraceTieredProperties tiered, List<TraceStorageFactory> available) {
		StorageType hotType = tiered.getHot();
		StorageType coldType = tiered.getCold();
		if (coldType == null) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.tiered.cold", null,
					"chronotrace.storage is tiered, so a cold tier is required: set chronotrace.tiered.cold, "
							+ "for example to s3.");
		}
		check("chronotrace.tiered.hot", hotType);
		check("chronotrace.tiered.cold", coldType);
		if (hotType == coldType) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.tiered.cold", name(coldType),
					"The hot and cold tiers are the same backend; choose two different ones, such as redis and s3.");
		}
		TraceStorage hot = factory(available, hotType, "chronotrace.tiered.hot").create();
		TraceStorage cold;
		try {
			cold = factory(available, coldType, "chronotrace.tiered.cold").create();
		}
		catch (RuntimeException ex) {
			closeQuietly(hot);
			throw ex;
		}
		logger.info("ChronoTrace keeps recent traces in " + name(hotType) + " storage and moves them to "
				+ name(coldType) + " storage after " + tiered.getHotRetention());
		return new TieredStorageTiers(hot, cold);
	}

	/**
	 * The two tiers, closed with the context (an S3 tier holds a spool and its thread).
	 *
	 * @param hot the hot tier
	 * @param cold the cold tier
	 */
	record TieredStorageTiers(TraceStorage hot, TraceStorage cold) implements AutoCloseable {

		@Override
		public void close() {
			closeQuietly(this.hot);
			closeQuietly(this.cold);
		}

	}

	private static void check(String property, StorageType type) {
		if (type == StorageType.TIERED) {
			throw new InvalidConfigurationPropertyValueException(property, name(type),
					"A tier must be one of the other backends: local, memory, s3 or redis.");
		}
	}

	private static TraceStorageFactory factory(List<TraceStorageFactory> available, StorageType type, String property) {
		return available.stream()
			.filter((factory) -> factory.type() == type)
			.findFirst()
			.orElseThrow(() -> new InvalidConfigurationPropertyValueException(property, name(type),
					"The " + name(type) + " backend is not available; add its dependency (see the README's storage "
							+ "section)."));
	}

	private static void closeQuietly(TraceStorage storage) {
		if (storage instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close " + storage + ": " + ex.getMessage());
			}
		}
	}

	private static String name(StorageType type) {
		return type.name().toLowerCase(Locale.ROOT);
	}

}
