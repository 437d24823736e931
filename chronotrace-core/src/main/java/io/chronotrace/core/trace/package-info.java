/**
 * The trace model: one recorded HTTP exchange with its events, and its JSON codec.
 */
@NullMarked
package io.chronotrace.core.trace;

import org.jspecify.annotations.NullMarked;
