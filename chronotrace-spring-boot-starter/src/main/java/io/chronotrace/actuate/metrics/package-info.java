/**
 * Micrometer metrics of recording and storage.
 */
@NullMarked
package io.chronotrace.actuate.metrics;

import org.jspecify.annotations.NullMarked;
