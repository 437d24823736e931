/**
 * Retention: which traces to purge, by age and by total size.
 */
@NullMarked
package io.chronotrace.core.retention;

import org.jspecify.annotations.NullMarked;
