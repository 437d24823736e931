/**
 * Capture of R2DBC statements through r2dbc-proxy, the reactive twin of datasource-proxy.
 */
@NullMarked
package io.chronotrace.capture.r2dbc;

import org.jspecify.annotations.NullMarked;
