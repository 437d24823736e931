/**
 * The Redis backend: each trace a compressed key that expires after the retention period, a
 * sorted set per day indexing ids by start time and a hash per day of summaries, through
 * Lettuce's asynchronous API (pipelined, thread-safe).
 */
@NullMarked
package io.chronotrace.core.storage.redis;

import org.jspecify.annotations.NullMarked;
