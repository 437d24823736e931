/**
 * The in-memory backend, for tests and development.
 */
@NullMarked
package io.chronotrace.core.storage.memory;

import org.jspecify.annotations.NullMarked;
