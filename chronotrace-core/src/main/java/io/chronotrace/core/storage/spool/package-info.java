/**
 * Keeping traces on local disk while a remote storage (S3, later a database) cannot be
 * reached, and uploading them once it answers again.
 */
@NullMarked
package io.chronotrace.core.storage.spool;

import org.jspecify.annotations.NullMarked;
