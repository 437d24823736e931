package io.chronotrace.autoconfigure;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.DefaultBodyScrubber;
import io.chronotrace.core.scrub.DefaultTraceScrubber;
import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.scrub.TraceScrubber;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Scrubbing of secrets and personal data before a trace leaves the request: bodies while they
 * are captured ({@link BodyScrubber}), everything else when the trace is finished
 * ({@link TraceScrubber}), by the names of {@code chronotrace.scrub} and the value patterns of
 * {@code chronotrace.scrub-patterns}.
 */
@AutoConfiguration(before = ChronoTraceServletAutoConfiguration.class)
@ConditionalOnChronoTraceEnabled
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceScrubAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ScrubRules chronoTraceScrubRules(ChronoTraceProperties properties) {
		try {
			return ScrubRules.of(properties.getScrub(), properties.getScrubPatterns());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.scrub-patterns",
					String.valueOf(properties.getScrubPatterns()), ex.getMessage());
		}
	}

	@Bean
	@ConditionalOnMissingBean(BodyScrubber.class)
	DefaultBodyScrubber chronoTraceBodyScrubber(ScrubRules rules) {
		return new DefaultBodyScrubber(rules);
	}

	@Bean
	@ConditionalOnMissingBean(TraceScrubber.class)
	DefaultTraceScrubber chronoTraceScrubber(ScrubRules rules) {
		return new DefaultTraceScrubber(rules);
	}

}
