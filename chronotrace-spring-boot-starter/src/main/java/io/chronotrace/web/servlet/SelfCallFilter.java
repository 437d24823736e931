package io.chronotrace.web.servlet;

import java.io.IOException;

import io.chronotrace.capture.http.SelfCalls;
import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigins;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Recognizes a call this application made to itself by its in-flight one-time token
 * ({@link SelfCalls}), claims it, and links the trace of the request to the caller's with a
 * {@value TraceOrigins#SELF_CALL_EVENT} event. Registered right after the recording filter, so
 * that the request's trace is bound. A request with any other token passes untouched.
 */
public final class SelfCallFilter implements Filter {

	private final SelfCalls selfCalls;

	/**
	 * Creates the filter.
	 * @param selfCalls the calls in flight
	 */
	public SelfCallFilter(SelfCalls selfCalls) {
		this.selfCalls = selfCalls;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		TraceId caller = (request instanceof HttpServletRequest http)
				? this.selfCalls.claim(http.getHeader(SelfCalls.HEADER)) : null;
		ActiveTrace trace = (caller != null) ? TraceContextHolder.current() : null;
		if (trace != null) {
			trace.add(TraceOrigins.selfCallEvent(trace.offsetMicros(System.nanoTime()), caller));
		}
		chain.doFilter(request, response);
	}

}
