package io.chronotrace.replay;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chronotrace.core.trace.HttpClientEvent;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Answers the calls of a {@code WebClient} from the recording while the request is an isolated
 * replay, as {@link IsolatedReplayInterceptor} does for blocking clients. The replay is found
 * when the exchange is subscribed to, on the subscribing thread, as for capture.
 */
public final class IsolatedReplayExchangeFilterFunction implements ExchangeFilterFunction {

	private final ReplayRegistry registry;

	/**
	 * Creates a filter.
	 * @param registry the replays in progress
	 */
	public IsolatedReplayExchangeFilterFunction(ReplayRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		ReplaySession session = this.registry.isolated();
		if (session == null) {
			return next.exchange(request);
		}
		String method = request.method().name();
		String url = request.url().toString();
		HttpClientEvent call = session.answer(method, url);
		if (call == null) {
			return Mono.error(new UnrecordedCallException(method, url));
		}
		try {
			RecordedAnswer answer = RecordedAnswer.of(call);
			return Mono.just(ClientResponse.create(answer.status())
				.headers((headers) -> headers.addAll(answer.headers()))
				.body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(answer.body())))
				.build());
		}
		catch (RecordedCallFailedException ex) {
			return Mono.error(ex);
		}
	}

}
