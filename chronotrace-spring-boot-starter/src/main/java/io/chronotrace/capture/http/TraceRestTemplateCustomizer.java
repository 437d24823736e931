package io.chronotrace.capture.http;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the {@link TraceClientHttpRequestInterceptor} to every {@link RestTemplate} built from
 * Spring Boot's {@code RestTemplateBuilder}, once.
 */
public final class TraceRestTemplateCustomizer implements RestTemplateCustomizer {

	private final long maxBodySize;

	/**
	 * Creates a customizer.
	 * @param maxBodySize the most bytes captured of each body
	 */
	public TraceRestTemplateCustomizer(long maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		if (restTemplate.getInterceptors().stream().noneMatch(TraceClientHttpRequestInterceptor.class::isInstance)) {
			restTemplate.getInterceptors().add(new TraceClientHttpRequestInterceptor("RestTemplate", this.maxBodySize));
		}
	}

}
