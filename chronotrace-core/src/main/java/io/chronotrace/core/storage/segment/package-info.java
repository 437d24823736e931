/**
 * The segment layout of local storage ({@code chronotrace.layout=segments}): a few append-only
 * segment files per UTC day of length-prefixed, CRC32C-checksummed blocks of records, each with
 * an index of the summaries a listing needs. The format is documented, with its version, in
 * {@code docs/trace-format.md}.
 */
@NullMarked
package io.chronotrace.core.storage.segment;

import org.jspecify.annotations.NullMarked;
