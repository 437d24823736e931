/**
 * JMH benchmarks, run by hand (see docs/benchmarks.md), never by the test build.
 */
@NullMarked
package io.chronotrace.benchmarks;

import org.jspecify.annotations.NullMarked;
