/**
 * Tiered storage: recent traces in a hot backend, older ones moved to a cold backend, read
 * through one {@link io.chronotrace.core.storage.TraceStorage}.
 */
@NullMarked
package io.chronotrace.core.storage.tiered;

import org.jspecify.annotations.NullMarked;
