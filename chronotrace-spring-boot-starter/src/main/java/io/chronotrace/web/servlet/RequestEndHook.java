package io.chronotrace.web.servlet;

/**
 * Something that ends, once a request has left the container, the exchange that waited for an
 * error page that never came, in place of the request listener the {@link ChronoTraceFilter}
 * registers otherwise. Free of any container's types, so that the configuration that looks for
 * one loads on every container.
 */
public interface RequestEndHook {

	/**
	 * Whether the hook is in place on the server the application runs on.
	 * @return whether it ends the requests
	 */
	boolean isInstalled();

}
