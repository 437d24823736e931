package io.chronotrace.autoconfigure;

import javax.sql.DataSource;

import io.chronotrace.capture.jdbc.DataSourceCapturePostProcessor;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.jdbc.JdbcTables;
import io.chronotrace.core.storage.jdbc.JdbcTraceSchema;
import io.chronotrace.core.storage.jdbc.JdbcTraceStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The JDBC backend ({@code chronotrace.storage=jdbc}, or a tier of {@code storage: tiered}): a
 * {@link JdbcTraceStorage} on the application's {@link DataSource} (or the one named by
 * {@code chronotrace.jdbc.data-source}), its tables created per
 * {@code chronotrace.jdbc.initialize-schema}. The storage uses the data source beneath
 * ChronoTrace's statement capture, so that its own SQL is never recorded.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStorageBackend("jdbc")
@ConditionalOnMissingBean(TraceStorage.class)
@EnableConfigurationProperties(ChronoTraceJdbcProperties.class)
class JdbcStorageConfiguration {

	private static final Log logger = LogFactory.getLog(JdbcStorageConfiguration.class);

	private static final boolean CAPTURE_PRESENT = ClassUtils.isPresent("net.ttddyy.dsproxy.support.ProxyDataSource",
			JdbcStorageConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean(name = "chronoTraceJdbcStorageFactory")
	TraceStorageFactory chronoTraceJdbcStorageFactory(ChronoTraceProperties properties,
			ChronoTraceJdbcProperties jdbc, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<DataSource> dataSources) {
		return TraceStorageFactory.of("jdbc", () -> jdbcStorage(properties, jdbc, beanFactory, dataSources));
	}

	private static JdbcTraceStorage jdbcStorage(ChronoTraceProperties properties, ChronoTraceJdbcProperties jdbc,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<DataSource> dataSources) {
		DataSource bean = dataSource(jdbc, beanFactory, dataSources);
		dependOn(bean, beanFactory);
		DataSource dataSource = uncaptured(bean);
		JdbcTables tables;
		try {
			tables = new JdbcTables(jdbc.getTable());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.jdbc.table", jdbc.getTable(),
					ex.getMessage());
		}
		if (initializeSchema(jdbc.getInitializeSchema(), dataSource)) {
			JdbcTraceSchema.create(dataSource, tables);
		}
		JdbcTraceStorage storage;
		try {
			storage = new JdbcTraceStorage(dataSource, tables, StorageSettings.compression(properties));
		}
		catch (TraceStorageException ex) {
			throw new IllegalStateException(ex.getMessage() + " (chronotrace.storage=jdbc)", ex);
		}
		logger.info("ChronoTrace stores traces in table " + storage.description().location()
				+ (storage.platform().id().equals("postgresql") ? ", one partition per day" : ""));
		return storage;
	}

	private static DataSource dataSource(ChronoTraceJdbcProperties jdbc, BeanFactory beanFactory,
			ObjectProvider<DataSource> dataSources) {
		String name = jdbc.getDataSource();
		if (StringUtils.hasText(name)) {
			try {
				return beanFactory.getBean(name.trim(), DataSource.class);
			}
			catch (NoSuchBeanDefinitionException ex) {
				throw new InvalidConfigurationPropertyValueException("chronotrace.jdbc.data-source", name,
						"There is no DataSource bean of that name.");
			}
		}
		DataSource dataSource = dataSources.getIfUnique();
		if (dataSource == null) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.jdbc.data-source", null,
					"chronotrace.storage is jdbc but the application has no single DataSource: configure one "
							+ "(spring.datasource.url) or name the DataSource bean to use in chronotrace.jdbc.data-source.");
		}
		return dataSource;
	}

	/**
	 * Makes the context close the storage (and so the writer that drains into it) before the
	 * data source: a data source found by name or through a provider is not a recorded
	 * dependency otherwise.
	 */
	private static void dependOn(DataSource dataSource, ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanNamesForType(DataSource.class, false, false)) {
			if (beanFactory.containsSingleton(name) && beanFactory.getSingleton(name) == dataSource) {
				beanFactory.registerDependentBean(name, ChronoTraceStorageAutoConfiguration.STORAGE_BEAN);
				beanFactory.registerDependentBean(name, TieredStorageConfiguration.TIERS_BEAN);
			}
		}
	}

	/**
	 * The data source beneath ChronoTrace's statement capture, so that storing a trace never
	 * becomes an event of a trace.
	 */
	private static DataSource uncaptured(DataSource dataSource) {
		return CAPTURE_PRESENT ? DataSourceCapturePostProcessor.uncaptured(dataSource) : dataSource;
	}

	private static boolean initializeSchema(DatabaseInitializationMode mode, DataSource dataSource) {
		return switch (mode) {
			case ALWAYS -> true;
			case NEVER -> false;
			case EMBEDDED -> EmbeddedDatabaseConnection.isEmbedded(dataSource);
		};
	}

}
