package io.chronotrace.capture.http;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/**
 * Adds the {@link TraceClientHttpRequestInterceptor} to every {@link RestClient} built from
 * Spring Boot's {@code RestClient.Builder}, once.
 */
public final class TraceRestClientCustomizer implements RestClientCustomizer {

	private final HttpBodySettings bodies;

	private final SelfCalls selfCalls;

	/**
	 * Creates a customizer that tells no self-calls.
	 * @param bodies how bodies are captured
	 */
	public TraceRestClientCustomizer(HttpBodySettings bodies) {
		this(bodies, SelfCalls.NONE);
	}

	/**
	 * Creates a customizer.
	 * @param bodies how bodies are captured
	 * @param selfCalls marks the calls to this application's own server
	 */
	public TraceRestClientCustomizer(HttpBodySettings bodies, SelfCalls selfCalls) {
		this.bodies = bodies;
		this.selfCalls = selfCalls;
	}

	@Override
	public void customize(RestClient.Builder builder) {
		builder.requestInterceptors((interceptors) -> {
			if (interceptors.stream().noneMatch(TraceClientHttpRequestInterceptor.class::isInstance)) {
				interceptors.add(new TraceClientHttpRequestInterceptor("RestClient", this.bodies, this.selfCalls));
			}
		});
	}

}
