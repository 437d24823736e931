package io.chronotrace.autoconfigure;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSource;

import io.chronotrace.capture.jdbc.DataSourceCapturePostProcessor;
import io.chronotrace.capture.jdbc.SqlResultSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Captures the JDBC statements of recorded requests ({@code chronotrace.capture.database}) by
 * wrapping the application's {@link DataSource} beans with datasource-proxy, with what they
 * answered when {@code chronotrace.capture.sql-results} is on.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.database", matchIfMissing = true)
@ConditionalOnClass({ DataSource.class, ProxyDataSource.class })
public final class ChronoTraceJdbcCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static DataSourceCapturePostProcessor chronoTraceDataSourceCapture(Environment environment) {
		// a post-processor is created before properties beans can be: bound here
		ChronoTraceProperties.Capture capture = Binder.get(environment)
			.bind("chronotrace.capture", ChronoTraceProperties.Capture.class)
			.orElseGet(ChronoTraceProperties.Capture::new);
		return new DataSourceCapturePostProcessor(new SqlResultSettings(capture.isSqlResults(),
				Math.max(0, capture.getSqlResultRows()), Math.max(0, capture.getSqlResultSize().toBytes())));
	}

}
