package io.chronotrace.replay;

import java.io.IOException;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.TraceOrigins;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Recognizes a replay this application sent itself by its pending one-time token, claims it,
 * links the replay's trace to the original with a {@value ReplayHeaders#EVENT} event, and, for
 * an isolated replay, lets the outbound calls of the request be answered from the recording.
 * Registered right after the recording filter, so that the replay's trace is bound. A request
 * with any other token passes untouched.
 */
public final class ReplayFilter implements Filter {

	private final ReplayRegistry registry;

	/**
	 * Creates the filter.
	 * @param registry the replays in progress
	 */
	public ReplayFilter(ReplayRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		ReplaySession session = (request instanceof HttpServletRequest http)
				? this.registry.claim(http.getHeader(ReplayHeaders.TOKEN)) : null;
		if (session == null) {
			chain.doFilter(request, response);
			return;
		}
		session.arrived();
		ActiveTrace trace = TraceContextHolder.current();
		if (trace != null) {
			trace.add(TraceOrigins.replayEvent(trace.offsetMicros(System.nanoTime()), session.originalId(),
					session.isolated()));
		}
		try (ReplayRegistry.Scope scope = this.registry.enter(session, trace)) {
			chain.doFilter(request, response);
		}
	}

}
