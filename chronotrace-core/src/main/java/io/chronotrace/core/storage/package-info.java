/**
 * The storage SPI: {@link io.chronotrace.core.storage.TraceStorage} and the types its
 * operations take and return. Each backend lives in a package of its own below this one.
 */
@NullMarked
package io.chronotrace.core.storage;

import org.jspecify.annotations.NullMarked;
