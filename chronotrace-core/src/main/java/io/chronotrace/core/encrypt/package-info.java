/**
 * Client-side encryption of stored traces: AES-256-GCM under keys the application holds, so
 * that whoever holds the disk, bucket or database cannot read a trace. A wrapper that any
 * {@link io.chronotrace.core.storage.TraceStorage} sits under.
 */
@NullMarked
package io.chronotrace.core.encrypt;

import org.jspecify.annotations.NullMarked;
