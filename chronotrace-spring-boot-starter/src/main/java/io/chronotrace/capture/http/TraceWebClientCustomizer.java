package io.chronotrace.capture.http;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link TraceExchangeFilterFunction} to every {@link WebClient} built from Spring
 * Boot's {@code WebClient.Builder}, once.
 */
public final class TraceWebClientCustomizer implements WebClientCustomizer {

	private final HttpBodySettings bodies;

	private final SelfCalls selfCalls;

	/**
	 * Creates a customizer that tells no self-calls.
	 * @param bodies how bodies are captured
	 */
	public TraceWebClientCustomizer(HttpBodySettings bodies) {
		this(bodies, SelfCalls.NONE);
	}

	/**
	 * Creates a customizer.
	 * @param bodies how bodies are captured
	 * @param selfCalls marks the calls to this application's own server
	 */
	public TraceWebClientCustomizer(HttpBodySettings bodies, SelfCalls selfCalls) {
		this.bodies = bodies;
		this.selfCalls = selfCalls;
	}

	@Override
	public void customize(WebClient.Builder builder) {
		builder.filters((filters) -> {
			if (filters.stream().noneMatch(TraceExchangeFilterFunction.class::isInstance)) {
				filters.add(new TraceExchangeFilterFunction(this.bodies, this.selfCalls));
			}
		});
	}

}
