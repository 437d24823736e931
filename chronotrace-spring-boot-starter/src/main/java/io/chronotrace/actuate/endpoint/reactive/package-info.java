/**
 * What the {@code chronotrace} endpoint needs of a WebFlux application beyond actuator: the
 * protective headers of its answers, the refusal of write requests from other sites, and body-less
 * POSTs that need no JSON content type (the twins of the servlet filters).
 */
@NullMarked
package io.chronotrace.actuate.endpoint.reactive;

import org.jspecify.annotations.NullMarked;
