package io.chronotrace.capture.jdbc;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.ChainListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import io.chronotrace.replay.jdbc.ReplayingDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link DataSource} bean in a datasource-proxy {@link ProxyDataSource} that records
 * the statements of recorded requests, whatever sits on top (JdbcTemplate, JPA, jOOQ). The
 * wrapper is named after the bean, delegates {@code unwrap} and {@code isWrapperFor} to the
 * original (so pool metrics and health still find it), and closes it when the context closes.
 * <p>
 * The bean's type becomes {@link ProxyDataSource}: an injection point that asks for the pool's
 * own class (such as {@code HikariDataSource}) rather than {@link DataSource} no longer matches.
 */
public final class DataSourceCapturePostProcessor implements BeanPostProcessor {

	private final SqlResultSettings results;

	/**
	 * Creates a post-processor that records statements with their results, bounded as by default.
	 */
	public DataSourceCapturePostProcessor() {
		this(SqlResultSettings.defaults());
	}

	/**
	 * Creates a post-processor.
	 * @param results whether statements record what they answered, and how much
	 */
	public DataSourceCapturePostProcessor(SqlResultSettings results) {
		this.results = results;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !isCaptured(dataSource)) {
			return capture(beanName, dataSource, this.results);
		}
		return bean;
	}

	/**
	 * Wraps a data source so that the statements of recorded requests become events, with their
	 * results bounded as by default.
	 * @param name the name the events give the data source
	 * @param dataSource the data source
	 * @return the wrapper
	 */
	public static ProxyDataSource capture(String name, DataSource dataSource) {
		return capture(name, dataSource, SqlResultSettings.defaults());
	}

	/**
	 * Wraps a data source so that the statements of recorded requests become events.
	 * @param name the name the events give the data source
	 * @param dataSource the data source
	 * @param results whether statements record what they answered, and how much
	 * @return the wrapper
	 */
	public static ProxyDataSource capture(String name, DataSource dataSource, SqlResultSettings results) {
		return ProxyDataSourceBuilder.create(name, dataSource)
			.listener(new StatementListener(results))
			.jdbcProxyFactory(new ResultCapturingJdbcProxyFactory(results))
			.proxyResultSet()
			.proxyGeneratedKeys()
			.build();
	}

	/**
	 * The data source beneath ChronoTrace's capture and replay wrappers, for ChronoTrace's own
	 * statements.
	 * @param dataSource a data source bean
	 * @return the data source it wraps when it is ChronoTrace's wrapper, otherwise itself
	 */
	public static DataSource uncaptured(DataSource dataSource) {
		DataSource beneath = isCaptured(dataSource) ? ((ProxyDataSource) dataSource).getDataSource() : dataSource;
		// nor does an isolated replay answer them from a recording
		return ReplayingDataSource.original(beneath);
	}

	private static boolean isCaptured(DataSource dataSource) {
		if (!(dataSource instanceof ProxyDataSource proxy)) {
			return false;
		}
		ChainListener listeners = proxy.getProxyConfig().getQueryListener();
		return listeners.getListeners().stream().anyMatch(StatementListener.class::isInstance);
	}

}
