/**
 * S3 with the segment layout ({@code chronotrace.storage=s3}, {@code chronotrace.layout=segments}):
 * traces are written to local segments (the spool), and every sealed segment is uploaded as two
 * objects, a block and its index, instead of two or more objects per trace.
 */
@NullMarked
package io.chronotrace.core.storage.s3.segment;

import org.jspecify.annotations.NullMarked;
