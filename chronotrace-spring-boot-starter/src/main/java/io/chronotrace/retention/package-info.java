/**
 * Scheduling of storage maintenance: the retention purge and the tiered storage's mover.
 */
@NullMarked
package io.chronotrace.retention;

import org.jspecify.annotations.NullMarked;
