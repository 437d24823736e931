/**
 * Log records of the recorded request's threads, captured by a Logback appender.
 */
@NullMarked
package io.chronotrace.capture.logs;

import org.jspecify.annotations.NullMarked;
