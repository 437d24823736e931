package io.chronotrace.capture.http;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link TraceExchangeFilterFunction} to every {@link WebClient} built from Spring
 * Boot's {@code WebClient.Builder}, once.
 */
public final class TraceWebClientCustomizer implements WebClientCustomizer {

	private final long maxBodySize;

	/**
	 * Creates a customizer.
	 * @param maxBodySize the most bytes captured of each response body
	 */
	public TraceWebClientCustomizer(long maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	@Override
	public void customize(WebClient.Builder builder) {
		builder.filters((filters) -> {
			if (filters.stream().noneMatch(TraceExchangeFilterFunction.class::isInstance)) {
				filters.add(new TraceExchangeFilterFunction(this.maxBodySize));
			}
		});
	}

}
