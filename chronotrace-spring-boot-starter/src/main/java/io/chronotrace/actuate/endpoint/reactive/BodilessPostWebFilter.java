package io.chronotrace.actuate.endpoint.reactive;

import java.util.function.Supplier;

import io.chronotrace.actuate.endpoint.EndpointRequests;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux twin of the servlet {@code BodilessPostFilter}: a {@code POST} with no body
 * reaches the endpoint's write operations whatever its content type, shown to actuator as an
 * empty JSON one.
 */
public final class BodilessPostWebFilter implements WebFilter, Ordered {

	private final Supplier<String> endpointPath;

	/**
	 * Creates the filter.
	 * @param endpointPath the endpoint's path under the base path
	 */
	public BodilessPostWebFilter(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		boolean bodiless = HttpMethod.POST.equals(request.getMethod()) && headers.getContentLength() <= 0
				&& !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
		if (bodiless && !EndpointRequests.isJson(headers.getFirst(HttpHeaders.CONTENT_TYPE))
				&& EndpointRequests.isEndpoint(request.getPath().pathWithinApplication().value(), this.endpointPath.get())) {
			ServerHttpRequest json = request.mutate()
				.headers((mutable) -> mutable.setContentType(MediaType.APPLICATION_JSON))
				.build();
			return chain.filter(exchange.mutate().request(json).build());
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
