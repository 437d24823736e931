/**
 * The servlet filter that records HTTP exchanges, and the request and response wrappers that
 * copy bodies as they pass, bounded, without holding the response back.
 */
@NullMarked
package io.chronotrace.web.servlet;

import org.jspecify.annotations.NullMarked;
