package io.chronotrace.replay;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * Puts the {@link IsolatedReplayInterceptor} last among the interceptors of every
 * {@link RestTemplate} built from Spring Boot's {@code RestTemplateBuilder}.
 */
public final class IsolatedReplayRestTemplateCustomizer implements RestTemplateCustomizer {

	private final ReplayRegistry registry;

	/**
	 * Creates a customizer.
	 * @param registry the replays in progress
	 */
	public IsolatedReplayRestTemplateCustomizer(ReplayRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		restTemplate.getInterceptors().removeIf(IsolatedReplayInterceptor.class::isInstance);
		restTemplate.getInterceptors().add(new IsolatedReplayInterceptor(this.registry));
	}

}
