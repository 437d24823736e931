/**
 * The {@code chronotrace} actuator endpoint: lists, reads, exports and deletes stored traces,
 * and serves the trace browser page.
 */
@NullMarked
package io.chronotrace.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
