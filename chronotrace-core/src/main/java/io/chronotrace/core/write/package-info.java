/**
 * Getting finished traces into storage off the request thread: the bounded queue and its
 * writer threads.
 */
@NullMarked
package io.chronotrace.core.write;

import org.jspecify.annotations.NullMarked;
