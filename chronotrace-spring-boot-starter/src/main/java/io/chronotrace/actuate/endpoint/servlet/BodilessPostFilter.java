package io.chronotrace.actuate.endpoint.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

import io.chronotrace.actuate.endpoint.EndpointRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/**
 * Lets a {@code POST} with no body reach the {@code chronotrace} endpoint's write operations
 * whatever its content type: {@code curl -X POST .../replay} (no content type) and
 * {@code curl -X POST -d '' ...} (a form type) are the first forms a user types, and actuator
 * answers 415 to both because the operations also take an optional JSON body. A body-less
 * request is shown to actuator as an empty JSON one; requests with a body are left as sent.
 */
public final class BodilessPostFilter extends HttpFilter {

	private final Supplier<String> endpointPath;

	/**
	 * Creates the filter.
	 * @param endpointPath the endpoint's path under the servlet context
	 */
	public BodilessPostFilter(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean bodiless = "POST".equals(request.getMethod()) && request.getContentLengthLong() <= 0
				&& request.getHeader("Transfer-Encoding") == null;
		if (bodiless && !EndpointRequests.isJson(request.getContentType()) && EndpointRequests
			.isEndpoint(request.getRequestURI().substring(request.getContextPath().length()), this.endpointPath.get())) {
			chain.doFilter(new JsonRequest(request), response);
			return;
		}
		chain.doFilter(request, response);
	}

	/** The request with an empty JSON body. */
	private static final class JsonRequest extends HttpServletRequestWrapper {

		JsonRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return MediaType.APPLICATION_JSON_VALUE;
		}

		@Override
		public String getHeader(String name) {
			return "Content-Type".equalsIgnoreCase(name) ? MediaType.APPLICATION_JSON_VALUE : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return "Content-Type".equalsIgnoreCase(name)
					? Collections.enumeration(List.of(MediaType.APPLICATION_JSON_VALUE)) : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			if (names.stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
				names.add("Content-Type");
			}
			return Collections.enumeration(names);
		}

	}

}
