/**
 * The JDBC backend: traces in a table of the application's database (PostgreSQL, H2, MySQL or
 * MariaDB), with the columns a listing filters on, day partitions on PostgreSQL, and
 * attachments in chunks.
 */
@NullMarked
package io.chronotrace.core.storage.jdbc;

import org.jspecify.annotations.NullMarked;
