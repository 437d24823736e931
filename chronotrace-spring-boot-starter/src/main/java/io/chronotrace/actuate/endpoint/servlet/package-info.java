/**
 * What the {@code chronotrace} endpoint needs of a servlet application beyond actuator: the
 * protective headers of its answers, the refusal of write requests from other sites, and body-less
 * POSTs that need no JSON content type.
 */
@NullMarked
package io.chronotrace.actuate.endpoint.servlet;

import org.jspecify.annotations.NullMarked;
