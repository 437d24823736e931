/**
 * SQL answered from the recording during an isolated replay: the application's data sources hand
 * the replayed request a connection that answers each statement with what the same statement
 * answered when recorded (rows, update counts, generated keys, the SQLException), and reaches
 * no database.
 */
@NullMarked
package io.chronotrace.replay.jdbc;

import org.jspecify.annotations.NullMarked;
