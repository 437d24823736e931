package io.chronotrace.replay;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.trace.TraceId;

/**
 * Sends a rebuilt request and reads its answer, up to the capture limit and within the timeout:
 * to this application over a plain socket, with the {@code Host} the original carried
 * ({@link LocalHttpExchange}), or to another target ({@code chronotrace.replay.target}) with the
 * JDK's client, which sends that target's own host.
 */
final class ReplaySender {

	private final ReplaySettings settings;

	private volatile @Nullable HttpClient client;

	ReplaySender(ReplaySettings settings) {
		this.settings = settings;
	}

	/**
	 * Sends a request to this application's server.
	 * @param id the replayed trace, for messages
	 * @param base the server's base URL, such as {@code http://localhost:8080}
	 * @param request the request
	 * @param added headers of the replay itself (its token)
	 * @param warnings collects the headers that could not be sent
	 * @return the answer
	 * @throws ReplayException when it cannot be sent or gets no answer in time
	 */
	ReplayAnswer toApplication(TraceId id, String base, ReplayRequest request, Map<String, String> added,
			List<String> warnings) {
		URI server = URI.create(base);
		if (!LocalHttpExchange.isSendableTarget(request.pathAndQuery())) {
			throw new ReplayException("Could not replay trace " + id + ": its path is not one a request line can carry",
					null);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			for (String value : values) {
				if (LocalHttpExchange.isSendable(name, value)) {
					headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
				}
				else {
					warnings.add("The header " + BoundedText.shown(name, 64)
							+ " could not be sent: its name or value holds characters a header cannot");
				}
			}
		});
		added.forEach((name, value) -> headers.put(name, List.of(value)));
		String host = (request.host() != null) ? request.host() : server.getRawAuthority();
		LocalHttpExchange.Request exchange = new LocalHttpExchange.Request(request.method(), request.pathAndQuery(),
				host, headers, request.body());
		try {
			return LocalHttpExchange.send(server, exchange, this.settings.timeout(), this.settings.maxBodySize());
		}
		catch (SocketTimeoutException ex) {
			throw timedOut(id, base + request.pathAndQuery(), ex);
		}
		catch (IOException ex) {
			throw new ReplayException("Could not replay trace " + id + " to " + base + request.pathAndQuery() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Sends a request to another target.
	 * @param id the replayed trace, for messages
	 * @param base the target's base URL
	 * @param request the request
	 * @param added headers of the replay itself
	 * @param warnings collects the headers that could not be sent
	 * @return the answer
	 * @throws ReplayException when it cannot be sent or gets no answer in time
	 */
	ReplayAnswer toTarget(TraceId id, String base, ReplayRequest request, Map<String, String> added,
			List<String> warnings) {
		URI uri;
		try {
			uri = URI.create(base + request.pathAndQuery());
		}
		catch (IllegalArgumentException ex) {
			throw new ReplayException("Could not replay trace " + id + ": its URL " + base + request.pathAndQuery()
					+ " is not valid", ex);
		}
		HttpRequest.BodyPublisher body = (request.body().length > 0)
				? HttpRequest.BodyPublishers.ofByteArray(request.body()) : HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.settings.timeout())
			.method(request.method(), body);
		request.headers().forEach((name, values) -> {
			for (String value : values) {
				try {
					builder.header(name, value);
				}
				catch (IllegalArgumentException ex) {
					warnings.add("The header " + name + " could not be sent: " + ex.getMessage());
				}
			}
		});
		added.forEach(builder::header);
		CompletableFuture<HttpResponse<BoundedBody>> exchange = client().sendAsync(builder.build(),
				BoundedBody.handler(this.settings.maxBodySize()));
		HttpResponse<BoundedBody> response;
		try {
			// the whole answer within the timeout: a body that never ends must not hold the replay
			response = exchange.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw timedOut(id, uri.toString(), ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpTimeoutException) {
				throw timedOut(id, uri.toString(), cause);
			}
			throw new ReplayException("Could not replay trace " + id + " to " + uri + ": " + cause.getMessage(), cause);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new ReplayException("Interrupted while replaying trace " + id + " to " + uri, ex);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		response.headers().map().forEach((name, values) -> {
			if (!name.startsWith(":")) {
				headers.put(name, values);
			}
		});
		return new ReplayAnswer(response.statusCode(), headers, response.body());
	}

	private ReplayException timedOut(TraceId id, String url, Throwable cause) {
		return new ReplayException("Could not replay trace " + id + " to " + url + ": no response within "
				+ this.settings.timeout().toMillis() + " ms (chronotrace.replay.timeout)", cause);
	}

	private HttpClient client() {
		HttpClient client = this.client;
		if (client == null) {
			client = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(10))
				.followRedirects(HttpClient.Redirect.NEVER)
				.version(HttpClient.Version.HTTP_1_1)
				.build();
			this.client = client;
		}
		return client;
	}

}
