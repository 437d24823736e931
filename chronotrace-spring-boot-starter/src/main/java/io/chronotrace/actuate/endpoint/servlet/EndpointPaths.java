package io.chronotrace.actuate.endpoint.servlet;

import jakarta.servlet.http.HttpServletRequest;

/** Whether a request is for the {@code chronotrace} endpoint. */
final class EndpointPaths {

	private EndpointPaths() {
	}

	/**
	 * Whether a request is for the endpoint or one of its operations.
	 * @param request the request
	 * @param endpoint the endpoint's path under the servlet context, such as
	 * {@code /actuator/chronotrace}
	 * @return whether it is
	 */
	static boolean isEndpoint(HttpServletRequest request, String endpoint) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// a dispatcher servlet mapped under a path puts it before the endpoint's
		return path.endsWith(endpoint) || path.endsWith(endpoint + "/") || path.contains(endpoint + "/");
	}

}
