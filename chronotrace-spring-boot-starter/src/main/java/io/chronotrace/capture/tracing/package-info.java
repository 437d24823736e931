/**
 * The Micrometer Tracing ids of a recorded request.
 */
@NullMarked
package io.chronotrace.capture.tracing;

import org.jspecify.annotations.NullMarked;
