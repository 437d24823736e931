/**
 * The local file system backend, the default ({@code chronotrace.storage=local}): one folder per
 * trace under one folder per UTC day, written atomically.
 */
@NullMarked
package io.chronotrace.core.storage.local;

import org.jspecify.annotations.NullMarked;
