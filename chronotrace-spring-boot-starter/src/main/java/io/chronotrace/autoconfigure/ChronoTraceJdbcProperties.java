package io.chronotrace.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of the JDBC trace storage ({@code chronotrace.storage=jdbc}), under
 * {@code chronotrace.jdbc.*}.
 */
@ConfigurationProperties("chronotrace.jdbc")
public class ChronoTraceJdbcProperties {

	/** Name of the DataSource bean traces are stored through. Default: the application's only (or primary) DataSource. */
	private @Nullable String dataSource;

	/** Table of traces; attachments go to a second table named after it with the suffix _attachments. */
	private String table = "chronotrace_traces";

	/** When to create the tables: 'embedded' (only in an embedded database such as H2), 'always' or 'never'. */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	public @Nullable String getDataSource() {
		return this.dataSource;
	}

	public void setDataSource(@Nullable String dataSource) {
		this.dataSource = dataSource;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

}
