/**
 * Gzip compression of stored traces and attachments.
 */
@NullMarked
package io.chronotrace.core.compress;

import org.jspecify.annotations.NullMarked;
