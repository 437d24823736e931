/**
 * Scheduling of the tiered storage's mover.
 */
@NullMarked
package io.chronotrace.tiered;

import org.jspecify.annotations.NullMarked;
