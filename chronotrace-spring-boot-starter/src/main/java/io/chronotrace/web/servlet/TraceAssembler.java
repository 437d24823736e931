package io.chronotrace.web.servlet;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CapturedExchange;
import io.chronotrace.core.trace.TraceEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads what the trace of a finished exchange needs from its request, its response as the
 * client received it, its exception and the events its {@link ActiveTrace} collected, into a
 * {@link CapturedExchange} that becomes the trace where the writer finishes it.
 */
public final class TraceAssembler {

	private final @Nullable String application;

	private final TracingContextResolver tracing;

	private final int maxStackFrames;

	/**
	 * Creates an assembler.
	 * @param application the {@code spring.application.name}, if any
	 * @param tracing finds the distributed tracing context of a request
	 * @param maxStackFrames the most stack frames kept per exception
	 */
	public TraceAssembler(@Nullable String application, TracingContextResolver tracing, int maxStackFrames) {
		this.application = application;
		this.tracing = tracing;
		this.maxStackFrames = maxStackFrames;
	}

	/**
	 * Reads what the trace of an exchange needs off the request and the response, on the
	 * request thread, ending the capture of its bodies and events; the rest (finishing the
	 * bodies, formatting the exception) waits for {@link CapturedExchange#toTrace()}.
	 * @param exchange the exchange
	 * @return what the exchange left
	 */
	CapturedExchange capture(RecordingExchange exchange) {
		ActiveTrace active = exchange.trace();
		long durationMicros = active.elapsedMicros();
		RecordingRequestWrapper request = exchange.request();
		RecordingResponseWrapper response = exchange.response();
		BodyCapture requestBody = request.detachBody();
		BodyCapture responseBody = response.detachBody();
		List<TraceEvent> events = active.finish();
		Throwable exception = exchange.exception();
		int status = response.getStatus();
		if (exception != null && status < 400 && !response.isCommitted()) {
			// the container answers an escaped exception with a 500
			status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		}
		String query = request.getQueryString();
		String url = request.getRequestURL().toString() + ((query != null) ? "?" + query : "");
		return new CapturedExchange(active.id(), active.startTime(), durationMicros, this.application,
				request.getMethod(), url, request.getRequestURI(), query, requestHeaders(request), requestBody,
				request.getRemoteAddr(), status, responseHeaders(response), responseBody,
				(exception != null) ? unwrap(exception) : null, this.maxStackFrames, events, active.droppedEvents(),
				this.tracing.resolve(request));
	}

	private static Map<String, List<String>> requestHeaders(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		Enumeration<String> names = request.getHeaderNames();
		while (names != null && names.hasMoreElements()) {
			String name = names.nextElement();
			headers.putIfAbsent(name, values(request.getHeaders(name)));
		}
		return headers;
	}

	/** Most headers have one value: an immutable one-element list is not copied again by the trace. */
	private static List<String> values(Enumeration<String> values) {
		if (values == null || !values.hasMoreElements()) {
			return List.of();
		}
		String first = values.nextElement();
		if (!values.hasMoreElements()) {
			return List.of(first);
		}
		List<String> all = new ArrayList<>(4);
		all.add(first);
		while (values.hasMoreElements()) {
			all.add(values.nextElement());
		}
		return all;
	}

	/**
	 * The headers as the client gets them. Containers keep the content type (its charset
	 * included) and the language of the locale apart from the other headers until they commit,
	 * so they are added here when the response is not committed yet (a redirect, a small body).
	 */
	private static Map<String, List<String>> responseHeaders(RecordingResponseWrapper response) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : response.getHeaderNames()) {
			headers.putIfAbsent(name, List.copyOf(response.getHeaders(name)));
		}
		String contentType = response.getContentType();
		if (contentType != null && !has(headers, "Content-Type")) {
			headers.put("Content-Type", List.of(contentType));
		}
		String language = response.contentLanguage();
		if (language != null && !has(headers, "Content-Language")) {
			headers.put("Content-Language", List.of(language));
		}
		return headers;
	}

	/** A plain loop: this runs for every recorded request, a stream per call shows in profiles. */
	private static boolean has(Map<String, List<String>> headers, String header) {
		for (String name : headers.keySet()) {
			if (header.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The exception the application threw: frameworks wrap it in a {@link ServletException}
	 * ("Request processing failed") on its way out of the servlet.
	 */
	private static Throwable unwrap(Throwable exception) {
		Throwable unwrapped = exception;
		while (unwrapped instanceof ServletException && unwrapped.getCause() != null) {
			unwrapped = unwrapped.getCause();
		}
		return unwrapped;
	}

}
