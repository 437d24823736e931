/**
 * Scrubbing of secrets and personal data, before a trace leaves the request path.
 */
@NullMarked
package io.chronotrace.core.scrub;

import org.jspecify.annotations.NullMarked;
