package io.chronotrace.capture.http;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the {@link TraceClientHttpRequestInterceptor} to every {@link RestTemplate} built from
 * Spring Boot's {@code RestTemplateBuilder}, once.
 */
public final class TraceRestTemplateCustomizer implements RestTemplateCustomizer {

	private final HttpBodySettings bodies;

	private final SelfCalls selfCalls;

	/**
	 * Creates a customizer that tells no self-calls.
	 * @param bodies how bodies are captured
	 */
	public TraceRestTemplateCustomizer(HttpBodySettings bodies) {
		this(bodies, SelfCalls.NONE);
	}

	/**
	 * Creates a customizer.
	 * @param bodies how bodies are captured
	 * @param selfCalls marks the calls to this application's own server
	 */
	public TraceRestTemplateCustomizer(HttpBodySettings bodies, SelfCalls selfCalls) {
		this.bodies = bodies;
		this.selfCalls = selfCalls;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		if (restTemplate.getInterceptors().stream().noneMatch(TraceClientHttpRequestInterceptor.class::isInstance)) {
			restTemplate.getInterceptors().add(new TraceClientHttpRequestInterceptor("RestTemplate", this.bodies, this.selfCalls));
		}
	}

}
