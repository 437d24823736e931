/**
 * Exceptions Spring MVC handled or let escape, as events of the trace.
 */
@NullMarked
package io.chronotrace.capture.exceptions;

import org.jspecify.annotations.NullMarked;
