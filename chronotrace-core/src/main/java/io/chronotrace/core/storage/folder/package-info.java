/**
 * The folder layout, written once over any {@link io.chronotrace.core.storage.objectstore.ObjectStore}:
 * a local directory or a bucket holds one folder per trace under a folder per day.
 */
@NullMarked
package io.chronotrace.core.storage.folder;

import org.jspecify.annotations.NullMarked;
