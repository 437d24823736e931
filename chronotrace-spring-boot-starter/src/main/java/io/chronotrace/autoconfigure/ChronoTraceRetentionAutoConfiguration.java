package io.chronotrace.autoconfigure;

import java.time.Clock;

import io.chronotrace.core.retention.RetentionPolicy;
import io.chronotrace.core.retention.TracePurger;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.retention.TracePurgeScheduler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Purges traces older than {@code chronotrace.retention-days}, and the oldest days beyond
 * {@code chronotrace.max-storage-size}, on the {@code chronotrace.purge-cron} schedule (daily
 * at 02:00 by default) when {@code chronotrace.auto-purge} is on.
 */
@AutoConfiguration(after = { ChronoTraceStorageAutoConfiguration.class, ChronoTraceWriterAutoConfiguration.class })
@ConditionalOnChronoTraceEnabled
@ConditionalOnBean(TraceStorage.class)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceRetentionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TracePurger chronoTracePurger(TraceStorage storage, ChronoTraceProperties properties) {
		Long cap = (properties.getMaxStorageSize() != null) ? properties.getMaxStorageSize().toBytes() : null;
		return new TracePurger(storage, new RetentionPolicy(properties.getRetentionDays(), cap), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "chronotrace.auto-purge", matchIfMissing = true)
	@Conditional(PurgeScheduleCondition.class)
	TracePurgeScheduler chronoTracePurgeScheduler(TracePurger purger, ChronoTraceProperties properties) {
		return new TracePurgeScheduler(purger, properties.getPurgeCron());
	}

}
