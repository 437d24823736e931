package io.chronotrace.actuate.endpoint.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

import io.chronotrace.actuate.endpoint.TraceBrowserPage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

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
public final class EndpointProtectionFilter extends OncePerRequestFilter {

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
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!EndpointPaths.isEndpoint(request, this.endpointPath.get())) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader("Content-Security-Policy", TraceBrowserPage.contentSecurityPolicy());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cache-Control", "no-store");
		if (isWrite(request) && isCrossSite(request)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType("application/json");
			response.getOutputStream()
				.write(("{\"status\":403,\"error\":\"Forbidden\",\"message\":\"The chronotrace endpoint takes"
						+ " replay, delete and purge requests from its own page or a command-line client, not from"
						+ " a page of another site\"}")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isWrite(HttpServletRequest request) {
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
	}

	/**
	 * Whether a browser sent the request for a page of another origin. Browsers of the last
	 * years send {@code Sec-Fetch-Site}; older ones send {@code Origin} with every cross-origin
	 * write, which is then compared with the request's own host.
	 */
	static boolean isCrossSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return false;
		}
		String host = request.getHeader("Host");
		int scheme = origin.indexOf("://");
		return host == null || scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
	}

}
