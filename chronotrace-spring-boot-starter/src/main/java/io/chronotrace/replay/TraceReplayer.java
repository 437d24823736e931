package io.chronotrace.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import io.chronotrace.replay.diff.NoiseRules;
import io.chronotrace.replay.diff.ResponseDiff;
import io.chronotrace.replay.jdbc.RecordedStatements;
import io.chronotrace.replay.jdbc.ReplayedStatement;

/**
 * Replays a recorded request: sends it again, rebuilt from its trace ({@link ReplayRequests}),
 * to the running application (or to the configured target), and compares the response with the
 * recorded one ({@link ResponseDiff}). The replay carries a one-time token
 * ({@link ReplayRegistry}) by which this application records it, whatever the mode, as a trace
 * linked to the original, and, when isolated, answers its outbound calls from the recording, and
 * its SQL too when the application's data sources answer replays and the trace holds the results
 * of its statements: then nothing reaches a database or another service, so any method may be
 * replayed isolated, and what the replay sent that the recording does not hold (or held and the
 * replay did not send) counts as a difference ({@link ReplayDependencies}). The replayed response
 * is scrubbed as a stored one would be before it is shown or compared.
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

	private final NoiseRules noise;

	private final ReplaySender sender;

	private final Supplier<Set<String>> sqlDataSources;

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
		this(storage, registry, settings, localBaseUrl, traceScrubber, bodyScrubber, Set::of);
	}

	/**
	 * Creates a replayer.
	 * @param storage where the traces are
	 * @param registry the replays in progress
	 * @param settings the target, what not to compare and the substitutes of scrubbed values
	 * @param localBaseUrl the base URL of the running application, such as
	 * {@code http://localhost:8080}, asked for at each replay
	 * @param traceScrubber scrubs the replayed response's headers
	 * @param bodyScrubber scrubs the replayed response's body
	 * @param sqlDataSources the names of the application's data sources that answer isolated
	 * replays from the recording
	 */
	public TraceReplayer(TraceStorage storage, ReplayRegistry registry, ReplaySettings settings,
			Supplier<String> localBaseUrl, TraceScrubber traceScrubber, BodyScrubber bodyScrubber,
			Supplier<Set<String>> sqlDataSources) {
		this.sqlDataSources = sqlDataSources;
		this.storage = storage;
		this.registry = registry;
		this.settings = settings;
		this.localBaseUrl = localBaseUrl;
		this.traceScrubber = traceScrubber;
		this.bodyScrubber = bodyScrubber;
		this.requests = new ReplayRequests(new ScrubbedValueReplacer(settings.substitutes()));
		this.diff = new ResponseDiff(settings.ignoreHeaders(), settings.ignorePaths());
		this.noise = new NoiseRules(settings.unorderedPaths());
		this.sender = new ReplaySender(settings);
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
	 * ({@code chronotrace.replay.allowed-methods}) and the replay is not isolated with its SQL
	 * answered from the recording
	 * @throws ReplayRefusedException when an isolated replay is asked for while replays go to
	 * another target
	 * @throws ReplayException when the replay cannot be sent or gets no response
	 */
	public ReplayResult replay(Trace original, boolean isolated) {
		TraceId id = original.id();
		String method = original.request().method();
		boolean local = target() == null;
		String sqlRefusal = isolated ? sqlRefusal(original) : null;
		boolean sqlFromRecording = isolated && local && sqlRefusal == null;
		if (!this.settings.allows(method) && !sqlFromRecording) {
			throw new ReplayNotAllowedException("Trace " + id + " is a " + BoundedText.shown(method, 32)
					+ " request: replaying it could change data again (a second order, a second payment), so"
					+ " only " + String.join(", ", new TreeSet<>(this.settings.allowedMethods()))
					+ " are replayed. Add the method to chronotrace.replay.allowed-methods to replay it"
					+ (!isolated ? ", or replay it isolated (?isolated=true), which answers its SQL and outbound calls"
							+ " from the recording and writes nothing"
							: (sqlRefusal != null) ? "; it cannot be replayed isolated without writing, since "
									+ sqlRefusal : ""));
		}
		if (isolated && !local) {
			throw new ReplayRefusedException("Trace " + id + " cannot be replayed isolated to " + target()
					+ ": outbound calls are answered from the recording only in this application; unset"
					+ " chronotrace.replay.target");
		}
		ReplayRequest request = this.requests.rebuild(original, (name) -> attachment(id, name));
		List<String> warnings = new ArrayList<>(request.warnings());
		ReplaySession session = this.registry.open(original, isolated, false, sqlFromRecording);
		if (local) {
			session.selfOrigin(base());
		}
		ReplayAnswer answer = send(id, request, session, local, warnings);
		if (!local) {
			warnings.add("The replay was sent to " + base() + ", not to this application: its trace, if that"
					+ " application records it, is not linked to the original");
		}
		else if (!session.hasArrived()) {
			warnings.add("The replay did not reach this application's replay filter: it is not linked to the"
					+ " original trace" + (isolated ? ", and its outbound calls were not answered from the recording"
							: ""));
		}
		if (isolated && sqlRefusal != null && local) {
			warnings.add("Its SQL went to the database: " + sqlRefusal);
		}
		if (answer.body().truncated()) {
			warnings.add("The replayed response body is longer than the capture limit of " + this.settings.maxBodySize()
					+ " bytes (chronotrace.capture.max-body-size): only that much was read, and bodies are not"
					+ " compared");
		}
		ReplayDependencies dependencies = ReplayDependencies.of(session);
		warnings.addAll(dependencies.warnings());
		ResponseDiff.Response replay = scrubbed(answer);
		ResponseDiff.Response recorded = recorded(original, warnings);
		List<Difference> differences = new ArrayList<>(
				this.diff.compare(recorded, comparable(replay, answer.body().truncated())));
		differences.addAll(dependencies.differences());
		NoiseRules.Sorted sorted = this.noise.sort(differences, null, answer.status(), replay.contentType());
		if (!sorted.differences().isEmpty() && local
				&& (sqlFromRecording || ReplaySettings.SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT)))) {
			// a second run of the same build tells what changes by itself; it is not recorded, and
			// it writes nothing when it is safe or its SQL is answered from the recording
			ReplaySession probe = this.registry.open(original, isolated, true, sqlFromRecording);
			probe.selfOrigin(base());
			ReplayAnswer again = send(id, request, probe, true, new ArrayList<>());
			List<Difference> betweenRuns = new ArrayList<>(this.diff.compare(
					comparable(replay, answer.body().truncated()), comparable(scrubbed(again), again.body().truncated())));
			betweenRuns.addAll(dependencies.betweenRuns(ReplayDependencies.of(probe)));
			sorted = this.noise.sort(differences, betweenRuns, answer.status(), replay.contentType());
		}
		String replayTraceId = first(answer.headers(), "X-ChronoTrace-Id");
		TraceResponse response = original.response();
		return new ReplayResult(
				new ReplayResult.Exchange(response.status(), response.headers(), recordedText(recorded, original),
						id.toString()),
				new ReplayResult.Exchange(answer.status(), replay.headers(), replay.body(), replayTraceId),
				sorted.differences().isEmpty(), sorted.differences(), sorted.noise(), session.isolated(),
				session.served(), session.unmatched(), List.copyOf(warnings), sqlFromRecording,
				dependencies.statements(), isolated ? session.notMade() : List.of(),
				note(method, isolated, sqlFromRecording));
	}

	/**
	 * Why an isolated replay of a trace cannot answer its SQL from the recording.
	 * @param original the trace
	 * @return the reason, or {@code null} when it can
	 */
	private @Nullable String sqlRefusal(Trace original) {
		Set<String> dataSources = this.sqlDataSources.get();
		if (dataSources.isEmpty()) {
			return "this application has no DataSource that answers replays (datasource-proxy is needed, as for"
					+ " SQL capture)";
		}
		if (!RecordedStatements.holdResults(original)) {
			return "the recording does not hold what its SQL statements answered (it was recorded with"
					+ " chronotrace.capture.sql-results off, or by a version before trace format 2)";
		}
		for (String dataSource : RecordedStatements.dataSources(original)) {
			if (dataSource != null && !dataSources.contains(dataSource)) {
				return "its statements went to a data source, " + BoundedText.shown(dataSource, 64)
						+ ", that this application does not answer replays with";
			}
		}
		return null;
	}

	private static @Nullable String note(String method, boolean isolated, boolean sqlFromRecording) {
		if (!isolated) {
			return null;
		}
		if (!sqlFromRecording) {
			return "Outbound HTTP calls were answered from the recording; SQL went to the database.";
		}
		String note = "Nothing was written: SQL statements and outbound HTTP calls were answered from the"
				+ " recording, and none reached a database or another service (what the request writes by other"
				+ " means, such as files or messages, is not answered from the recording).";
		return ReplaySettings.SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT)) ? note
				: note + " That is why this " + BoundedText.shown(method, 16)
						+ " could be replayed without chronotrace.replay.allowed-methods.";
	}

	private ReplayAnswer send(TraceId id, ReplayRequest request, ReplaySession session, boolean local,
			List<String> warnings) {
		Map<String, String> added = new LinkedHashMap<>();
		if (local) {
			// only this application may learn the one-time token
			added.put(ReplayHeaders.TOKEN, session.token());
		}
		added.put(ReplayHeaders.ORIGINAL, session.originalId().toString());
		try {
			return local ? this.sender.toApplication(id, base(), request, added, warnings)
					: this.sender.toTarget(id, base(), request, added, warnings);
		}
		finally {
			this.registry.close(session);
		}
	}

	/** The recorded response as compared: its body as text, unless it was cut or is not text. */
	private ResponseDiff.Response recorded(Trace original, List<String> warnings) {
		TraceResponse recorded = original.response();
		String body = recordedBody(original, warnings);
		if (recorded.body() != null && recorded.body().truncated()) {
			warnings.add("The recorded response body was cut at " + recorded.body().capturedSize() + " of its "
					+ recorded.body().size() + " bytes; bodies are not compared");
			body = null;
		}
		return new ResponseDiff.Response(recorded.status(), recorded.headers(),
				(recorded.body() != null) ? recorded.body().contentType() : null, body);
	}

	/** The recorded body shown beside the replayed one, even when it was not compared. */
	private static @Nullable String recordedText(ResponseDiff.Response recorded, Trace original) {
		TraceBody body = original.response().body();
		return (recorded.body() == null && body != null && body.encoding() == TraceBody.Encoding.TEXT) ? body.content()
				: recorded.body();
	}

	/** The replayed answer scrubbed as a stored one would be, before it is shown or compared. */
	private ResponseDiff.Response scrubbed(ReplayAnswer answer) {
		Map<String, List<String>> headers = scrubbedHeaders(answer.status(), answer.headers());
		String contentType = first(answer.headers(), "Content-Type");
		return new ResponseDiff.Response(answer.status(), headers, contentType,
				scrubbedBody(answer.body().bytes(), contentType));
	}

	/** A response as compared: a body cut at the limit is not. */
	private static ResponseDiff.Response comparable(ResponseDiff.Response response, boolean truncated) {
		return truncated ? new ResponseDiff.Response(response.status(), response.headers(), response.contentType(), null)
				: response;
	}

	private static @Nullable String first(Map<String, List<String>> headers, String name) {
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
				return header.getValue().get(0);
			}
		}
		return null;
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

	private Map<String, List<String>> scrubbedHeaders(int status, Map<String, List<String>> headers) {
		Instant now = Instant.now();
		Trace probe = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 0, null,
				new TraceRequest("GET", "/", "/", null, Map.of(), null, null),
				new TraceResponse(status, headers, null, 0), null, List.of(), 0, null, List.of());
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

}
