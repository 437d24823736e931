/**
 * Command-line tools for stored traces: print one as JSON, export the segment layout into the
 * folder layout.
 */
@NullMarked
package io.chronotrace.core.storage.tool;

import org.jspecify.annotations.NullMarked;
