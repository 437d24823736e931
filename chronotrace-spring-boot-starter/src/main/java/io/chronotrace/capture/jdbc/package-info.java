/**
 * JDBC statements, captured by wrapping the application's data sources with datasource-proxy.
 */
@NullMarked
package io.chronotrace.capture.jdbc;

import org.jspecify.annotations.NullMarked;
