/**
 * Where a layout keeps its objects: the small {@link io.chronotrace.core.storage.objectstore.ObjectStore}
 * interface, with a local file system and an in-memory implementation (S3's is in
 * {@code storage.s3}). The folder layout and the segment layout are written once over it.
 */
@NullMarked
package io.chronotrace.core.storage.objectstore;

import org.jspecify.annotations.NullMarked;
