/**
 * What the two web stacks share when they record an exchange: the {@code chronotrace.mode}
 * rules that decide which requests are recorded, the W3C {@code traceparent} reading, the
 * trace id header, and the hand-off of a finished trace to scrubbing and the writer. The servlet
 * filter ({@code web.servlet}) and the WebFlux filter ({@code web.reactive}) are adapters around
 * them; nothing here depends on either stack.
 */
@NullMarked
package io.chronotrace.web;

import org.jspecify.annotations.NullMarked;
