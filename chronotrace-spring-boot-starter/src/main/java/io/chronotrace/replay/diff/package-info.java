/**
 * Differences between a recorded response and its replay: status, headers, JSON bodies by path
 * and text bodies by line.
 */
@NullMarked
package io.chronotrace.replay.diff;

import org.jspecify.annotations.NullMarked;
