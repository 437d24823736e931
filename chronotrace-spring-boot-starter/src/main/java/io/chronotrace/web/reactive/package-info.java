/**
 * The WebFlux filter that records HTTP exchanges, the request and response decorators that copy
 * bodies from the reactive streams as they pass, bounded, without holding them back, and the
 * accessor that carries the trace in Reactor's context.
 */
@NullMarked
package io.chronotrace.web.reactive;

import org.jspecify.annotations.NullMarked;
