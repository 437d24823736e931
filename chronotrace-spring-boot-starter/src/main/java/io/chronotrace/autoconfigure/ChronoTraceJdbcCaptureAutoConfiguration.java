package io.chronotrace.autoconfigure;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSource;

import io.chronotrace.capture.jdbc.DataSourceCapturePostProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Captures the JDBC statements of recorded requests ({@code chronotrace.capture.database}) by
 * wrapping the application's {@link DataSource} beans with datasource-proxy.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.database", matchIfMissing = true)
@ConditionalOnClass({ DataSource.class, ProxyDataSource.class })
public final class ChronoTraceJdbcCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static DataSourceCapturePostProcessor chronoTraceDataSourceCapture() {
		return new DataSourceCapturePostProcessor();
	}

}
