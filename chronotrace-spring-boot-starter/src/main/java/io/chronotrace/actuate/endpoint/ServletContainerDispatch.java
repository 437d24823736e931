package io.chronotrace.actuate.endpoint;

/**
 * The methods a generated test uses to send its request through MockMvc as the servlet
 * container did when the request was recorded. MockMvc does not forward to the error page:
 * an exception escapes {@code perform} as a {@code ServletException}, and
 * {@code sendError} leaves an empty body. These methods forward both to
 * {@code server.error.path} with the request attributes the container sets
 * ({@code jakarta.servlet.error.*}) and the attributes of the failed request (where Spring
 * Boot keeps the exception it resolved), and finish an asynchronous request. The source is
 * laid out as {@code spring-javaformat} lays it out.
 */
final class ServletContainerDispatch {

	/** What the methods import, and the test's request too. */
	static final String[] IMPORTS = { "java.net.URI", "java.util.Collections", "jakarta.servlet.DispatcherType",
			"jakarta.servlet.RequestDispatcher", "jakarta.servlet.ServletException",
			"org.springframework.http.HttpMethod", "org.springframework.mock.web.MockHttpServletRequest",
			"org.springframework.mock.web.MockHttpServletResponse", "org.springframework.test.web.servlet.MvcResult",
			"org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder",
			"static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch",
			"static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request" };

	/** The methods' source, indented for a class body, ending in a line break. */
	static final String SOURCE = """
				/**
				 * Performs the request as the servlet container did when it was recorded: an
				 * exception, or an error status sent without a body, is forwarded to the error page.
				 */
				private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
					MockHttpServletRequest[] sent = new MockHttpServletRequest[1];
					request.with((built) -> {
						sent[0] = built;
						return built;
					});
					MockHttpServletResponse response;
					try {
						MvcResult result = this.mvc.perform(request).andReturn();
						if (result.getRequest().isAsyncStarted()) {
							result = this.mvc.perform(asyncDispatch(result)).andReturn();
						}
						response = result.getResponse();
					}
					catch (ServletException ex) {
						Throwable error = (ex.getRootCause() != null) ? ex.getRootCause() : ex;
						return errorPage(sent[0], 500, ex.getMessage(), error);
					}
					if (response.getStatus() >= 400 && response.isCommitted() && response.getContentAsByteArray().length == 0) {
						return errorPage(sent[0], response.getStatus(), response.getErrorMessage(), null);
					}
					return response;
				}

				/**
				 * Forwards a failed request to the error page with the attributes a servlet container
				 * sets ({@code jakarta.servlet.error.*}), as MockMvc does not.
				 */
				private MockHttpServletResponse errorPage(MockHttpServletRequest failed, int status, String message,
						Throwable exception) throws Exception {
					String path = failed.getContextPath() + this.errorPath;
					URI uri = URI.create(failed.getRequestURL().toString()).resolve(path);
					MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(failed.getMethod()), uri);
					request.contextPath(failed.getContextPath());
					for (String name : Collections.list(failed.getHeaderNames())) {
						for (String value : Collections.list(failed.getHeaders(name))) {
							request.header(name, value);
						}
					}
					for (String name : Collections.list(failed.getAttributeNames())) {
						request.requestAttr(name, failed.getAttribute(name));
					}
					request.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status);
					request.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, failed.getRequestURI());
					request.requestAttr(RequestDispatcher.ERROR_SERVLET_NAME, "dispatcherServlet");
					if (message != null) {
						request.requestAttr(RequestDispatcher.ERROR_MESSAGE, message);
					}
					if (exception != null) {
						request.requestAttr(RequestDispatcher.ERROR_EXCEPTION, exception);
						request.requestAttr(RequestDispatcher.ERROR_EXCEPTION_TYPE, exception.getClass());
					}
					request.with((built) -> {
						built.setDispatcherType(DispatcherType.ERROR);
						return built;
					});
					return this.mvc.perform(request).andReturn().getResponse();
				}
			""";

	private ServletContainerDispatch() {
	}

}
