package io.chronotrace.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.tiered.TierMover;
import io.chronotrace.core.storage.tiered.TieredTraceStorage;
import io.chronotrace.retention.TierMoverScheduler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tiered storage ({@code chronotrace.storage=tiered}): a {@link TieredTraceStorage} over the
 * backends named by {@code chronotrace.tiered.hot} and {@code chronotrace.tiered.cold}, each
 * created by the {@link TraceStorageFactory} of that name (a built-in backend's, or the
 * application's own), and a {@link TierMoverScheduler} that moves traces older than
 * {@code hot-retention} to the cold tier.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "tiered")
@ConditionalOnMissingBean(TraceStorage.class)
@EnableConfigurationProperties(ChronoTraceTieredProperties.class)
class TieredStorageConfiguration {

	/** The name of the bean that holds the two tiers. */
	static final String TIERS_BEAN = "chronoTraceStorageTiers";

	private static final Log logger = LogFactory.getLog(TieredStorageConfiguration.class);

	/** The two tiers; the tiered storage closes them with the context. */
	@Bean(TIERS_BEAN)
	TieredStorageTiers chronoTraceStorageTiers(ChronoTraceTieredProperties tiered,
			ObjectProvider<TraceStorageFactory> factories) {
		List<TraceStorageFactory> available = factories.orderedStream().filter((factory) -> !"tiered".equals(factory.name()))
			.toList();
		String hotName = StorageBackends.name(tiered.getHot(), StorageBackends.DEFAULT_HOT);
		String coldName = StorageBackends.name(tiered.getCold(), null);
		if (coldName == null) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.tiered.cold", null,
					"chronotrace.storage is tiered, so a cold tier is required: set chronotrace.tiered.cold, "
							+ "for example to s3.");
		}
		if (hotName.equals(coldName)) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.tiered.cold", coldName,
					"The hot and cold tiers are the same backend; choose two different ones, such as redis and s3.");
		}
		TraceStorage hot = TraceStorageFactory.named(available, hotName, "chronotrace.tiered.hot").create();
		TraceStorage cold;
		try {
			cold = TraceStorageFactory.named(available, coldName, "chronotrace.tiered.cold").create();
		}
		catch (RuntimeException ex) {
			closeQuietly(hot);
			throw ex;
		}
		logger.info("ChronoTrace keeps recent traces in " + hotName + " storage and moves them to " + coldName
				+ " storage after " + tiered.getHotRetention());
		return new TieredStorageTiers(hot, cold);
	}

	/** The storage of {@code storage: tiered}, which closes its tiers with the context. */
	@Bean
	@ConditionalOnMissingBean(name = "chronoTraceTieredStorageFactory")
	TraceStorageFactory chronoTraceTieredStorageFactory(ObjectProvider<TieredStorageTiers> tiers) {
		return TraceStorageFactory.of("tiered", () -> tiers.getObject().storage());
	}

	/**
	 * Moves between the tiers themselves, not through the storage bean, which another
	 * post-processor (encryption) may wrap.
	 */
	@Bean
	@ConditionalOnMissingBean
	TierMoverScheduler chronoTraceTierMoverScheduler(TieredStorageTiers tiers, ChronoTraceTieredProperties tiered) {
		return new TierMoverScheduler(new TierMover(tiers.storage(), tiered.getHotRetention(), Clock.systemUTC()),
				tiered.getMoveInterval());
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

	/**
	 * The two tiers.
	 *
	 * @param hot the hot tier
	 * @param cold the cold tier
	 */
	record TieredStorageTiers(TraceStorage hot, TraceStorage cold) {

		TieredTraceStorage storage() {
			return new TieredTraceStorage(this.hot, this.cold);
		}

	}

}
