package io.chronotrace.capture.http;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the {@link TraceClientHttpRequestInterceptor} to every {@link RestTemplate} built from
 * Spring Boot's {@code RestTemplateBuilder}, once.
 */
public final class TraceRestTemplateCustomizer implements RestTemplateCustomizer {

	private final HttpBodySettings bodies;

	/**
	 * Creates a customizer.
	 * @param bodies how bodies are captured
	 */
	public TraceRestTemplateCustomizer(HttpBodySettings bodies) {
		this.bodies = bodies;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		if (restTemplate.getInterceptors().stream().noneMatch(TraceClientHttpRequestInterceptor.class::isInstance)) {
			restTemplate.getInterceptors().add(new TraceClientHttpRequestInterceptor("RestTemplate", this.bodies));
		}
	}

}
