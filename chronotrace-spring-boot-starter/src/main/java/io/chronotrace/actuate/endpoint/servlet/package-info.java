/**
 * What the {@code chronotrace} endpoint needs of a servlet application beyond actuator: the
 * protective headers of its answers.
 */
@NullMarked
package io.chronotrace.actuate.endpoint.servlet;

import org.jspecify.annotations.NullMarked;
