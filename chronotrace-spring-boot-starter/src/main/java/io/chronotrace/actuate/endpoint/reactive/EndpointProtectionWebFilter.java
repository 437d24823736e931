package io.chronotrace.actuate.endpoint.reactive;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.chronotrace.actuate.endpoint.EndpointRequests;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux twin of the servlet {@code EndpointProtectionFilter}: the endpoint's answers carry
 * a strict {@code Content-Security-Policy}, {@code nosniff}, {@code DENY} framing,
 * {@code no-referrer} and {@code no-store}, and a write request sent by a page of another site
 * is refused with 403.
 */
public final class EndpointProtectionWebFilter implements WebFilter, Ordered {

	private final Supplier<String> endpointPath;

	/**
	 * Creates the filter.
	 * @param endpointPath the endpoint's path under the base path, such as
	 * {@code /actuator/chronotrace}
	 */
	public EndpointProtectionWebFilter(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!EndpointRequests.isEndpoint(request.getPath().pathWithinApplication().value(), this.endpointPath.get())) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		EndpointRequests.protectiveHeaders().forEach(headers::set);
		HttpHeaders sent = request.getHeaders();
		if (EndpointRequests.isWrite(request.getMethod().name()) && EndpointRequests.isCrossSite(
				sent.getFirst("Sec-Fetch-Site"), sent.getFirst("Origin"), sent.getFirst(HttpHeaders.HOST))) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			headers.setContentType(MediaType.APPLICATION_JSON);
			return response.writeWith(Mono.just(response.bufferFactory()
				.wrap(EndpointRequests.CROSS_SITE_REFUSAL.getBytes(StandardCharsets.UTF_8))));
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		// first, so that the headers are there whatever answers
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
