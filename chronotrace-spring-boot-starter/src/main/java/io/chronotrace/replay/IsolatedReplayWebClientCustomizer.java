package io.chronotrace.replay;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Puts the {@link IsolatedReplayExchangeFilterFunction} last among the filters of every
 * {@link WebClient} built from Spring Boot's {@code WebClient.Builder}.
 */
public final class IsolatedReplayWebClientCustomizer implements WebClientCustomizer {

	private final ReplayRegistry registry;

	/**
	 * Creates a customizer.
	 * @param registry the replays in progress
	 */
	public IsolatedReplayWebClientCustomizer(ReplayRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void customize(WebClient.Builder builder) {
		builder.filters((filters) -> {
			filters.removeIf(IsolatedReplayExchangeFilterFunction.class::isInstance);
			filters.add(new IsolatedReplayExchangeFilterFunction(this.registry));
		});
	}

}
