/**
 * Scheduling of the retention purge.
 */
@NullMarked
package io.chronotrace.retention;

import org.jspecify.annotations.NullMarked;
