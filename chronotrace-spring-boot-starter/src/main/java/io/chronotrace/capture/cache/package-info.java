/**
 * Spring Cache operations, captured by decorating the application's cache managers.
 */
@NullMarked
package io.chronotrace.capture.cache;

import org.jspecify.annotations.NullMarked;
