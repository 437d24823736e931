package io.chronotrace.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.chronotrace.capture.r2dbc.ConnectionFactoryCapturePostProcessor;

/**
 * Captures the R2DBC statements of recorded requests ({@code chronotrace.capture.database}) by
 * wrapping the application's {@code ConnectionFactory} beans with r2dbc-proxy, when the
 * application adds it ({@code io.r2dbc:r2dbc-proxy}).
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.database", matchIfMissing = true)
@ConditionalOnClass(name = { "io.r2dbc.spi.ConnectionFactory", "io.r2dbc.proxy.ProxyConnectionFactory" })
public final class ChronoTraceR2dbcCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ConnectionFactoryCapturePostProcessor chronoTraceConnectionFactoryCapture() {
		return new ConnectionFactoryCapturePostProcessor();
	}

}
