package io.chronotrace.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.support.ContentTypes;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.replay.diff.Difference;
import io.chronotrace.replay.diff.ResponseDiff;

/**
 * Replays a recorded request: sends it again, rebuilt from its trace ({@link ReplayRequests}),
 * to the running application (or to the configured target), and compares the response with the
 * recorded one ({@link ResponseDiff}). The replay carries a one-time token
 * ({@link ReplayRegistry}) by which this application records it, whatever the mode, as a trace
 * linked to the original, and, when isolated, answers its outbound calls from the recording.
 * The replayed response is scrubbed as a stored one would be before it is shown or compared.
 */
public final class TraceReplayer {

	private final TraceStorage storage;

	private final ReplayRegistry registry;

	private final ReplaySettings settings;

	private final Supplier<String> localBaseUrl;

	private final TraceScrubber traceScrubber;

	private final BodyScrubber bodyScrubber;

	private final ReplayRequests requests;

	private final ResponseDiff diff;

	private volatile @Nullable HttpClient client;

	/**
	 * Creates a replayer.
	 * @param storage where the traces are
	 * @param registry the replays in progress
	 * @param settings the target, what not to compare and the substitutes of scrubbed values
	 * @param localBaseUrl the base URL of the running application, such as
	 * {@code http://localhost:8080}, asked for at each replay
	 * @param traceScrubber scrubs the replayed response's headers
	 * @param bodyScrubber scrubs the replayed response's body
	 */
	public TraceReplayer(TraceStorage storage, ReplayRegistry registry, ReplaySettings settings,
			Supplier<String> localBaseUrl, TraceScrubber traceScrubber, BodyScrubber bodyScrubber) {
		this.storage = storage;
		this.registry = registry;
		this.settings = settings;
		this.localBaseUrl = localBaseUrl;
		this.traceScrubber = traceScrubber;
		this.bodyScrubber = bodyScrubber;
		this.requests = new ReplayRequests(new ScrubbedValueReplacer(settings.substitutes()));
		this.diff = new ResponseDiff(settings.ignoreHeaders(), settings.ignorePaths());
	}

	/**
	 * Replays the request of a trace and compares the responses.
	 * @param id the trace to replay
	 * @param isolated whether outbound calls are answered from the trace's recorded calls
	 * @return the result, or {@code null} when there is no such trace
	 * @throws ReplayRefusedException when an isolated replay is asked for while replays go to
	 * another target
	 * @throws ReplayException when the replay cannot be sent or gets no response
	 */
	public @Nullable ReplayResult replay(TraceId id, boolean isolated) {
		Optional<Trace> found = this.storage.retrieve(id);
		return found.isPresent() ? replay(found.get(), isolated) : null;
	}

	/**
	 * Replays the request of a trace read from the storage and compares the responses.
	 * @param original the trace to replay
	 * @param isolated whether outbound calls are answered from the trace's recorded calls
	 * @return the result
	 * @throws ReplayNotAllowedException when the trace's method may not be replayed
	 * ({@code chronotrace.replay.allowed-methods})
	 * @throws ReplayRefusedException when an isolated replay is asked for while replays go to
	 * another target
	 * @throws ReplayException when the replay cannot be sent or gets no response
	 */
	public ReplayResult replay(Trace original, boolean isolated) {
		TraceId id = original.id();
		String method = original.request().method();
		if (!this.settings.allows(method)) {
			throw new ReplayNotAllowedException("Trace " + id + " is a " + BoundedText.shown(method, 32)
					+ " request: replaying it could change data again (a second order, a second payment), so"
					+ " only " + String.join(", ", new TreeSet<>(this.settings.allowedMethods()))
					+ " are replayed. Add the method to chronotrace.replay.allowed-methods to replay it");
		}
		boolean local = target() == null;
		if (isolated && !local) {
			throw new ReplayRefusedException("Trace " + id + " cannot be replayed isolated to " + target()
					+ ": outbound calls are answered from the recording only in this application; unset"
					+ " chronotrace.replay.target");
		}
		ReplayRequest request = this.requests.rebuild(original, (name) -> attachment(id, name));
		List<String> warnings = new ArrayList<>(request.warnings());
		String base = base();
		URI uri;
		try {
			uri = URI.create(base + request.pathAndQuery());
		}
		catch (IllegalArgumentException ex) {
			throw new ReplayException("Could not replay trace " + id + ": its URL " + base + request.pathAndQuery()
					+ " is not valid", ex);
		}
		ReplaySession session = this.registry.open(original, isolated);
		HttpResponse<BoundedBody> response;
		CompletableFuture<HttpResponse<BoundedBody>> exchange = client()
			.sendAsync(httpRequest(uri, request, session, local, warnings), BoundedBody.handler(this.settings.maxBodySize()));
		try {
			// the whole answer within the timeout: a body that never ends must not hold the replay
			response = exchange.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw new ReplayException("Could not replay trace " + id + " to " + uri + ": no response within "
					+ this.settings.timeout().toMillis() + " ms (chronotrace.replay.timeout)", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpTimeoutException) {
				throw new ReplayException("Could not replay trace " + id + " to " + uri + ": no response within "
						+ this.settings.timeout().toMillis() + " ms (chronotrace.replay.timeout)", cause);
			}
			throw new ReplayException("Could not replay trace " + id + " to " + uri + ": " + cause.getMessage(), cause);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new ReplayException("Interrupted while replaying trace " + id + " to " + uri, ex);
		}
		finally {
			this.registry.close(session);
		}
		if (!local) {
			warnings.add("The replay was sent to " + base + ", not to this application: its trace, if that"
					+ " application records it, is not linked to the original");
		}
		else if (!session.hasArrived()) {
			warnings.add("The replay did not reach this application's replay filter: it is not linked to the"
					+ " original trace" + (isolated ? ", and its outbound calls were not answered from the recording"
							: ""));
		}
		BoundedBody body = response.body();
		if (body.truncated()) {
			warnings.add("The replayed response body is longer than the capture limit of " + this.settings.maxBodySize()
					+ " bytes (chronotrace.capture.max-body-size): only that much was read, and bodies are not"
					+ " compared");
		}
		return result(original, response, body, session, warnings);
	}

	/**
	 * The request to send; only to this application does it carry the one-time token, which
	 * must not be known elsewhere.
	 */
	private HttpRequest httpRequest(URI uri, ReplayRequest request, ReplaySession session, boolean local,
			List<String> warnings) {
		HttpRequest.BodyPublisher body = (request.body().length > 0)
				? HttpRequest.BodyPublishers.ofByteArray(request.body()) : HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(this.settings.timeout()).method(request.method(), body);
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
		if (local) {
			builder.header(ReplayHeaders.TOKEN, session.token());
		}
		builder.header(ReplayHeaders.ORIGINAL, session.originalId().toString());
		return builder.build();
	}

	private ReplayResult result(Trace original, HttpResponse<?> response, BoundedBody replayed, ReplaySession session,
			List<String> warnings) {
		TraceResponse recorded = original.response();
		String recordedBody = recordedBody(original, warnings);
		String recordedType = (recorded.body() != null) ? recorded.body().contentType() : null;
		Map<String, List<String>> headers = scrubbedHeaders(response);
		String contentType = response.headers().firstValue("Content-Type").orElse(null);
		String body = scrubbedBody(replayed.bytes(), contentType);
		boolean truncated = (recorded.body() != null && recorded.body().truncated()) || replayed.truncated();
		if (recorded.body() != null && recorded.body().truncated()) {
			warnings.add("The recorded response body was cut at " + recorded.body().capturedSize() + " of its "
					+ recorded.body().size() + " bytes; bodies are not compared");
		}
		List<Difference> differences = this.diff.compare(
				new ResponseDiff.Response(recorded.status(), recorded.headers(), recordedType,
						truncated ? null : recordedBody),
				new ResponseDiff.Response(response.statusCode(), headers, contentType, body));
		String replayTraceId = response.headers().firstValue("X-ChronoTrace-Id").orElse(null);
		return new ReplayResult(
				new ReplayResult.Exchange(recorded.status(), recorded.headers(), recordedBody, original.id().toString()),
				new ReplayResult.Exchange(response.statusCode(), headers, body, replayTraceId), differences.isEmpty(),
				differences, session.isolated(), session.served(), session.unmatched(), List.copyOf(warnings));
	}

	/** The recorded body as text: {@code ""} when there was none, {@code null} when not text. */
	private @Nullable String recordedBody(Trace original, List<String> warnings) {
		TraceBody body = original.response().body();
		if (body == null) {
			return "";
		}
		return switch (body.encoding()) {
			case TEXT -> body.content();
			case ATTACHMENT -> {
				byte[] bytes = (body.attachment() != null && body.charset() != null)
						? attachment(original.id(), body.attachment()) : null;
				yield (bytes != null) ? new String(bytes, ReplayRequests.charset(body)) : null;
			}
			case BASE64, OMITTED -> {
				warnings.add("The recorded response body is not text; bodies are not compared");
				yield null;
			}
		};
	}

	private Map<String, List<String>> scrubbedHeaders(HttpResponse<?> response) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		response.headers().map().forEach((name, values) -> {
			if (!name.startsWith(":")) {
				headers.put(name, values);
			}
		});
		Instant now = Instant.now();
		Trace probe = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 0, null,
				new TraceRequest("GET", "/", "/", null, Map.of(), null, null),
				new TraceResponse(response.statusCode(), headers, null, 0), null, List.of(), 0, null, List.of());
		return this.traceScrubber.scrub(probe).response().headers();
	}

	private @Nullable String scrubbedBody(byte[] bytes, @Nullable String contentType) {
		if (bytes.length == 0) {
			return "";
		}
		if (contentType != null && !ContentTypes.isTextual(contentType)) {
			return null;
		}
		Charset declared = ContentTypes.charset(contentType);
		Charset charset = (declared != null) ? declared : StandardCharsets.UTF_8;
		ByteArrayOutputStream scrubbed = new ByteArrayOutputStream(bytes.length);
		try (OutputStream out = this.bodyScrubber.scrubbing(scrubbed, contentType)) {
			out.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return scrubbed.toString(charset);
	}

	private byte @Nullable [] attachment(TraceId id, String name) {
		Optional<InputStream> attachment = this.storage.openAttachment(id, name);
		if (attachment.isEmpty()) {
			return null;
		}
		try (InputStream in = attachment.get()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private @Nullable String target() {
		String target = this.settings.target();
		return (target != null && !target.isBlank()) ? target.trim() : null;
	}

	private String base() {
		String target = target();
		if (target == null) {
			target = this.localBaseUrl.get();
		}
		while (target.endsWith("/")) {
			target = target.substring(0, target.length() - 1);
		}
		return target;
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
