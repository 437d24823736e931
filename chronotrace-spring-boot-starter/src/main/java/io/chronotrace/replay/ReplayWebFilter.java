package io.chronotrace.replay;


import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.trace.TraceOrigins;
import io.chronotrace.web.reactive.ChronoTraceWebFilter;
import io.chronotrace.web.reactive.TraceThreadLocalAccessor;

/**
 * The WebFlux twin of the {@link ReplayFilter}: recognizes a replay this application sent itself
 * by its pending one-time token, claims it, and links the replay's trace, found in Reactor's
 * context, to the original with a {@value ReplayHeaders#EVENT} event. The outbound calls of an
 * isolated replay are answered from the recording through the trace, which the registry keeps
 * for the session while it runs, since a reactive request has no thread of its own. Ordered
 * right after the recording filter. A request with any other token passes untouched.
 */
public final class ReplayWebFilter implements WebFilter, Ordered {

	private final ReplayRegistry registry;

	/**
	 * Creates the filter.
	 * @param registry the replays in progress
	 */
	public ReplayWebFilter(ReplayRegistry registry) {
		this.registry = registry;
	}

	@Override
	public int getOrder() {
		return ChronoTraceWebFilter.ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ReplaySession session = this.registry.claim(exchange.getRequest().getHeaders().getFirst(ReplayHeaders.TOKEN));
		if (session == null) {
			return chain.filter(exchange);
		}
		session.arrived();
		return Mono.deferContextual((context) -> {
			ActiveTrace trace = context.getOrDefault(TraceThreadLocalAccessor.KEY, null);
			if (trace != null) {
				trace.add(TraceOrigins.replayEvent(trace.offsetMicros(System.nanoTime()), session.originalId(),
						session.isolated()));
			}
			// registers the session under the trace; the thread binding it also makes is not kept
			this.registry.enter(session, trace).close();
			return chain.filter(exchange);
		});
	}

}
