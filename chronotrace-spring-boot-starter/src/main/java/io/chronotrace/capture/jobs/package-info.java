/**
 * {@code @Async} methods and tasks on Spring-managed executors, with the trace carried to the worker thread.
 */
@NullMarked
package io.chronotrace.capture.jobs;

import org.jspecify.annotations.NullMarked;
