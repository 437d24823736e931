package io.chronotrace.actuate.endpoint.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.chronotrace.actuate.endpoint.EndpointRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;


/**
 * Protects the operator's browser on the {@code chronotrace} endpoint, whose page and JSON show
 * what strangers' requests held.
 * <ul>
 * <li>Every answer carries a strict {@code Content-Security-Policy} (only the page's own script
 * and style run, and no other site may frame it, so its buttons cannot be clickjacked),
 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} for older browsers,
 * {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}. Actuator's endpoint
 * responses cannot carry headers of their own, hence a filter.</li>
 * <li>A write request (replay, delete, purge) sent by a page of another site is refused with
 * 403: browsers say where a request comes from ({@code Sec-Fetch-Site}, or {@code Origin}), and
 * a command-line client says neither, so a plain {@code curl -X POST} still works.</li>
 * </ul>
 */
public final class EndpointProtectionFilter extends HttpFilter {

	private final Supplier<String> endpointPath;

	/**
	 * Creates the filter.
	 * @param endpointPath the endpoint's path under the servlet context, such as
	 * {@code /actuator/chronotrace}
	 */
	public EndpointProtectionFilter(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!EndpointRequests.isEndpoint(path, this.endpointPath.get())) {
			chain.doFilter(request, response);
			return;
		}
		EndpointRequests.protectiveHeaders().forEach(response::setHeader);
		if (EndpointRequests.isWrite(request.getMethod()) && EndpointRequests.isCrossSite(
				request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Host"))) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType("application/json");
			response.getOutputStream().write(EndpointRequests.CROSS_SITE_REFUSAL.getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

}
