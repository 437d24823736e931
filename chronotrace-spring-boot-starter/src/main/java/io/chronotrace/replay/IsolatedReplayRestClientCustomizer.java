package io.chronotrace.replay;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/**
 * Puts the {@link IsolatedReplayInterceptor} last among the interceptors of every
 * {@link RestClient} built from Spring Boot's {@code RestClient.Builder}.
 */
public final class IsolatedReplayRestClientCustomizer implements RestClientCustomizer {

	private final ReplayRegistry registry;

	/**
	 * Creates a customizer.
	 * @param registry the replays in progress
	 */
	public IsolatedReplayRestClientCustomizer(ReplayRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void customize(RestClient.Builder builder) {
		builder.requestInterceptors((interceptors) -> {
			interceptors.removeIf(IsolatedReplayInterceptor.class::isInstance);
			interceptors.add(new IsolatedReplayInterceptor(this.registry));
		});
	}

}
