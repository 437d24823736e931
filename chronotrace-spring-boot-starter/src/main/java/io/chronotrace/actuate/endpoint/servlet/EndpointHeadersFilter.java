package io.chronotrace.actuate.endpoint.servlet;

import java.io.IOException;
import java.util.function.Supplier;

import io.chronotrace.actuate.endpoint.TraceBrowserPage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds protective headers to every answer of the {@code chronotrace} endpoint, whose page and
 * JSON show what strangers' requests held: a strict {@code Content-Security-Policy} (only the
 * page's own script and style run, and no other site may frame it, so its buttons cannot be
 * clickjacked), {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} for
 * older browsers, {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}.
 * Actuator's endpoint responses cannot carry headers of their own, hence a filter.
 */
public final class EndpointHeadersFilter extends OncePerRequestFilter {

	private final Supplier<String> endpointPath;

	/**
	 * Creates the filter.
	 * @param endpointPath the endpoint's path under the servlet context, such as
	 * {@code /actuator/chronotrace}
	 */
	public EndpointHeadersFilter(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isEndpoint(request)) {
			response.setHeader("Content-Security-Policy", TraceBrowserPage.contentSecurityPolicy());
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("X-Frame-Options", "DENY");
			response.setHeader("Referrer-Policy", "no-referrer");
			response.setHeader("Cache-Control", "no-store");
		}
		chain.doFilter(request, response);
	}

	private boolean isEndpoint(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String endpoint = this.endpointPath.get();
		// a dispatcher servlet mapped under a path puts it before the endpoint's
		return path.endsWith(endpoint) || path.endsWith(endpoint + "/") || path.contains(endpoint + "/");
	}

}
