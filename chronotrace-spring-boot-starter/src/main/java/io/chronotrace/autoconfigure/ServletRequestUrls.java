package io.chronotrace.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the servlet request being served was sent, for the endpoint's page and exports. Apart
 * from the auto-configuration, so that nothing of the servlet API loads in other applications.
 */
final class ServletRequestUrls {

	private ServletRequestUrls() {
	}

	/** The request's path without a trailing slash; {@code null} outside a servlet request. */
	static @Nullable String requestPath() {
		HttpServletRequest request = current();
		if (request == null) {
			return null;
		}
		String uri = request.getRequestURI();
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	/**
	 * The absolute URL of an endpoint whose path (under the context and management paths) is
	 * {@code endpointPath}, as the request reached it; {@code null} outside a servlet request.
	 */
	static @Nullable String endpointUrl(String endpointPath) {
		HttpServletRequest request = current();
		if (request == null) {
			return null;
		}
		String uri = request.getRequestURI();
		int at = uri.lastIndexOf(endpointPath + "/");
		String prefix = (at >= 0) ? uri.substring(0, at) : request.getContextPath();
		String host = request.getServerName();
		return request.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
				+ request.getServerPort() + prefix + endpointPath;
	}

	/** The address of the client of the request, as the container (and its proxy settings) sees it. */
	static @Nullable String remoteAddress() {
		HttpServletRequest request = current();
		return (request != null) ? request.getRemoteAddr() : null;
	}

	private static @Nullable HttpServletRequest current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

}
