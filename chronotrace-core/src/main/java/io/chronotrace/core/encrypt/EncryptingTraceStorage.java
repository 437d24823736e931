package io.chronotrace.core.encrypt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.SpoolStatistics;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.AttachmentStream;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.core.trace.TraceOrigin;
import io.chronotrace.core.trace.TraceOrigins;
import io.chronotrace.core.trace.TraceSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals every trace and attachment with AES-256-GCM before it reaches the storage underneath,
 * and opens them when they are read back, so that whoever holds the disk, the bucket or the
 * database sees ciphertext. Any {@link TraceStorage} can sit under it.
 * <p>
 * The storage underneath receives an <em>envelope</em>: a trace with the same id and start
 * time whose request body is the sealed trace (content type {@value #SEALED_CONTENT_TYPE},
 * base64), and that keeps in clear only what a listing filters on: the method, the path
 * (without query), the status, the duration, the application name, the exception's class
 * name and the origin ({@link TraceOrigins#markerEvents}). With {@code sealSummaries} even those are hidden and a listing filters by time only.
 * Attachments are sealed as streams of 64 KB chunks, never held whole in memory.
 * <p>
 * A trace sealed with a key that is no longer configured, or whose bytes were changed, is
 * skipped with a warning naming the key id, never shown as garbage. Traces stored in clear
 * before encryption was switched on are read as they are, unless {@code requireSealed} is on:
 * then content that is not sealed (planted in the bucket or table by whoever can write there)
 * is skipped with a warning, as is, in listings, a summary that no envelope can have.
 */
public final class EncryptingTraceStorage implements TraceStorage, AutoCloseable {

	/** The content type of the request body that carries a sealed trace. */
	public static final String SEALED_CONTENT_TYPE = "application/vnd.chronotrace.sealed";

	/** The method and path listings show of a trace whose summary is sealed too. */
	public static final String SEALED = "SEALED";

	private static final Logger logger = LoggerFactory.getLogger(EncryptingTraceStorage.class);

	private final TraceStorage delegate;

	private final EncryptionKeys keys;

	private final boolean sealSummaries;

	private final boolean requireSealed;

	private final TraceSealer sealer;

	private final RateLimitedLog unreadable = new RateLimitedLog(logger, Duration.ofMinutes(1));

	private final RateLimitedLog unsealed = new RateLimitedLog(logger, Duration.ofMinutes(1));

	/**
	 * Wraps a storage.
	 * @param delegate the storage that keeps the sealed traces
	 * @param keys the keys; new traces are sealed with the active one
	 * @param sealSummaries whether the fields a listing filters on are sealed too
	 */
	public EncryptingTraceStorage(TraceStorage delegate, EncryptionKeys keys, boolean sealSummaries) {
		this(delegate, keys, sealSummaries, false);
	}

	/**
	 * Wraps a storage.
	 * @param delegate the storage that keeps the sealed traces
	 * @param keys the keys; new traces are sealed with the active one
	 * @param sealSummaries whether the fields a listing filters on are sealed too
	 * @param requireSealed whether what is not sealed is refused (skipped with a warning) rather
	 * than read as it is; off while traces stored before encryption remain
	 */
	public EncryptingTraceStorage(TraceStorage delegate, EncryptionKeys keys, boolean sealSummaries,
			boolean requireSealed) {
		this.delegate = delegate;
		this.keys = keys;
		this.sealSummaries = sealSummaries;
		this.requireSealed = requireSealed;
		this.sealer = new TraceSealer(keys);
	}

	/**
	 * The storage that keeps the sealed traces.
	 * @return the wrapped storage
	 */
	public TraceStorage delegate() {
		return this.delegate;
	}

	@Override
	public long store(Trace trace) {
		Trace envelope = seal(trace);
		try {
			return this.delegate.store(envelope);
		}
		finally {
			envelope.releaseAttachments();
		}
	}

	@Override
	public BatchStoreResult storeAll(List<Trace> traces) {
		List<Trace> envelopes = new ArrayList<>(traces.size());
		List<BatchStoreResult.Failure> failures = new ArrayList<>();
		try {
			for (Trace trace : traces) {
				try {
					envelopes.add(seal(trace));
				}
				catch (RuntimeException ex) {
					failures.add(new BatchStoreResult.Failure(trace.id(), ex));
				}
			}
			BatchStoreResult stored = this.delegate.storeAll(envelopes);
			failures.addAll(stored.failures());
			return new BatchStoreResult(stored.bytesWritten(), failures);
		}
		finally {
			envelopes.forEach(Trace::releaseAttachments);
		}
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		return this.delegate.retrieve(id).flatMap(this::open);
	}

	@Override
	public TracePage list(TraceQuery query) {
		// only the start time is in clear when summaries are sealed: other filters have nothing to match
		TracePage page = this.delegate.list(!this.sealSummaries ? query
				: TraceQuery.builder()
					.from(query.from())
					.to(query.to())
					.limit(query.limit())
					.cursor(query.cursor())
					.scanLimit(query.scanLimit())
					.build());
		if (!this.requireSealed) {
			return page;
		}
		List<TraceSummary> envelopes = new ArrayList<>(page.items().size());
		for (TraceSummary summary : page.items()) {
			if (couldBeEnvelope(summary)) {
				envelopes.add(summary);
			}
			else {
				warnUnsealed(summary.id(), "its summary is not that of a sealed trace");
			}
		}
		// the cursor stays: it continues after the last summary the storage listed
		return (envelopes.size() == page.items().size()) ? page : new TracePage(envelopes, page.nextCursor());
	}

	/**
	 * Whether a summary is one an envelope of this storage can have: an envelope carries no
	 * event, and with sealed summaries nothing but its id and start time. A summary in clear
	 * proves nothing more (whoever can write a sealed trace's summary can change it), so a
	 * trace that passes is still opened, and refused, when it is read.
	 */
	private boolean couldBeEnvelope(TraceSummary summary) {
		// no event, but the one that tells a replay or self-call
		int markers = (summary.origin() == TraceOrigin.REPLAY || summary.origin() == TraceOrigin.SELF_CALL) ? 1 : 0;
		if (summary.eventCount() != markers) {
			return false;
		}
		return !this.sealSummaries || (SEALED.equals(summary.method()) && "/".equals(summary.path())
				&& summary.origin() == TraceOrigin.REQUEST
				&& summary.status() == 0 && summary.durationMicros() == 0 && summary.application() == null
				&& summary.exceptionType() == null);
	}

	@Override
	public boolean delete(TraceId id) {
		return this.delegate.delete(id);
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		return this.delegate.purgeOlderThan(cutoff);
	}

	@Override
	public StorageCheck check() {
		return this.delegate.check();
	}

	@Override
	public StorageCheck probe() {
		return this.delegate.probe();
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		Optional<InputStream> stored = this.delegate.openAttachment(id, name);
		if (stored.isEmpty()) {
			return stored;
		}
		InputStream in = new BufferedInputStream(stored.get(), 8192);
		try {
			in.mark(SealingOutputStream.MAGIC.length);
			byte[] magic = in.readNBytes(SealingOutputStream.MAGIC.length);
			in.reset();
			if (!OpeningInputStream.isSealed(magic)) {
				if (this.requireSealed) {
					close(in);
					warnUnsealed(id, "its attachment " + name + " is not sealed");
					return Optional.empty();
				}
				return Optional.of(in);
			}
			return AttachmentStream.of(Optional.of(Compression.decompress(new OpeningInputStream(in, this.keys, id, name))),
					id, name, "encrypted " + this.delegate.description().type());
		}
		catch (SealedContentException ex) {
			close(in);
			warnUnreadable(id, ex);
			return Optional.empty();
		}
		catch (IOException ex) {
			close(in);
			if (ex.getCause() instanceof SealedContentException sealed) {
				warnUnreadable(id, sealed);
				return Optional.empty();
			}
			throw new TraceStorageException("Could not open attachment " + name + " of trace " + id + " in encrypted "
					+ this.delegate.description().type() + " storage: " + ex.getMessage(), ex);
		}
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		return this.delegate.sizeByDay();
	}

	@Override
	public StorageDescription description() {
		return this.delegate.description();
	}

	@Override
	public Optional<SpoolStatistics> spoolStatistics() {
		return this.delegate.spoolStatistics();
	}

	/** Closes the storage underneath when it holds resources (an S3 spool, for example). */
	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public String toString() {
		return "EncryptingTraceStorage[" + this.delegate + ", " + this.keys + "]";
	}

	/**
	 * Tells whether a stored trace is an envelope of this class.
	 * @param trace the trace as the storage underneath returns it
	 * @return whether its content is sealed
	 */
	public static boolean isSealed(Trace trace) {
		TraceBody body = trace.request().body();
		return body != null && SEALED_CONTENT_TYPE.equals(body.contentType());
	}

	private Trace seal(Trace trace) {
		List<TraceAttachment> attachments = sealAttachments(trace);
		byte[] sealed = this.sealer.seal(trace);
		TraceBody carrier = new TraceBody(SEALED_CONTENT_TYPE, TraceBody.Encoding.BASE64,
				Base64.getEncoder().encodeToString(sealed), null, null, sealed.length, sealed.length, false);
		// in clear, the envelope keeps the origin too, as the markers that tell it
		TraceOrigins.Origin origin = TraceOrigins.of(trace);
		TraceRequest request = this.sealSummaries ? new TraceRequest(SEALED, "/", "/", null, Map.of(), carrier, null)
				: new TraceRequest(trace.request().method(), trace.request().path(), trace.request().path(), null,
						TraceOrigins.markerHeaders(origin), carrier, null);
		TraceResponse response = new TraceResponse(this.sealSummaries ? 0 : trace.response().status(), Map.of(),
				null, 0);
		TraceError exception = (this.sealSummaries || trace.exception() == null) ? null
				: new TraceError(trace.exception().type(), null, List.of(), 0, null);
		return new Trace(trace.schemaVersion(), trace.id(), trace.startTime(),
				this.sealSummaries ? 0 : trace.durationMicros(), this.sealSummaries ? null : trace.application(),
				request, response, exception, this.sealSummaries ? List.of() : TraceOrigins.markerEvents(origin), 0,
				null, attachments);
	}

	private List<TraceAttachment> sealAttachments(Trace trace) {
		List<TraceAttachment> sealed = new ArrayList<>(trace.attachments().size());
		try {
			for (TraceAttachment attachment : trace.attachments()) {
				sealed.add(sealAttachment(trace.id(), attachment));
			}
			return sealed;
		}
		catch (IOException | RuntimeException ex) {
			sealed.forEach(TraceAttachment::release);
			throw new TraceStorageException("Could not seal the attachments of trace " + trace.id() + " for "
					+ this.delegate.description().type() + " storage: " + ex.getMessage(), ex);
		}
	}

	private TraceAttachment sealAttachment(TraceId id, TraceAttachment attachment) throws IOException {
		Path parent = attachment.file().toAbsolutePath().getParent();
		Path file = Files.createTempFile(parent, "sealed-", ".tmp");
		try {
			try (InputStream in = Files.newInputStream(attachment.file());
					OutputStream out = Compression.DEFAULT.compress(new SealingOutputStream(
							Files.newOutputStream(file), this.keys, id, attachment.name()))) {
				in.transferTo(out);
			}
			return new TraceAttachment(attachment.name(), file, Files.size(file));
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	private Optional<Trace> open(Trace stored) {
		if (!isSealed(stored)) {
			if (this.requireSealed) {
				warnUnsealed(stored.id(), "it is not sealed");
				return Optional.empty();
			}
			return Optional.of(stored);
		}
		try {
			byte[] sealed = Base64.getDecoder().decode(stored.request().body().content());
			return Optional.of(this.sealer.open(stored.id(), sealed));
		}
		catch (SealedContentException ex) {
			warnUnreadable(stored.id(), ex);
			return Optional.empty();
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			warnUnreadable(stored.id(), new SealedContentException("?", "unreadable: " + ex.getMessage()));
			return Optional.empty();
		}
	}

	private void warnUnreadable(TraceId id, RuntimeException ex) {
		this.unreadable.warn("Skipping trace " + id + " of " + this.delegate.description().type() + " storage: it is "
				+ ex.getMessage(), ex);
	}

	private void warnUnsealed(TraceId id, String why) {
		this.unsealed.warn("Skipping trace " + id + " of " + this.delegate.description().type() + " storage: " + why
				+ ", and chronotrace.encryption.require-sealed refuses what is not sealed", null);
	}

	private static void close(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// nothing was read from it
		}
	}

}
