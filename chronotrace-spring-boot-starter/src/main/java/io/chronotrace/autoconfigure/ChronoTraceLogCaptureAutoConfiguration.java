package io.chronotrace.autoconfigure;

import io.chronotrace.capture.logs.LogCapture;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Captures the log records of recorded requests' threads ({@code chronotrace.capture.logs}) at
 * or above {@code chronotrace.capture.log-level}, when Logback is the logging system.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.logs", matchIfMissing = true)
@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceLogCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LogCapture chronoTraceLogCapture(ChronoTraceProperties properties) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		return new LogCapture(capture.getLogLevel(), capture.getMaxStackFrames());
	}

}
