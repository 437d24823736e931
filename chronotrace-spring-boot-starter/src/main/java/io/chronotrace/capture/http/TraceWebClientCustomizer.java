package io.chronotrace.capture.http;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link TraceExchangeFilterFunction} to every {@link WebClient} built from Spring
 * Boot's {@code WebClient.Builder}, once.
 */
public final class TraceWebClientCustomizer implements WebClientCustomizer {

	private final HttpBodySettings bodies;

	/**
	 * Creates a customizer.
	 * @param bodies how bodies are captured
	 */
	public TraceWebClientCustomizer(HttpBodySettings bodies) {
		this.bodies = bodies;
	}

	@Override
	public void customize(WebClient.Builder builder) {
		builder.filters((filters) -> {
			if (filters.stream().noneMatch(TraceExchangeFilterFunction.class::isInstance)) {
				filters.add(new TraceExchangeFilterFunction(this.bodies));
			}
		});
	}

}
