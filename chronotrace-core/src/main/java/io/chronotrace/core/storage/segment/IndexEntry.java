package io.chronotrace.core.storage.segment;

import java.time.Instant;
import java.util.UUID;

import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigin;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a segment's index: a trace with the summary a listing needs, a tombstone, or an
 * attachment, each with where its record is in the segment.
 *
 * @param kind {@link #TRACE}, {@link #REPLACING_TRACE}, {@link #TOMBSTONE} or {@link #ATTACHMENT}
 * @param idMsb the trace id's first 64 bits
 * @param idLsb its last 64 bits
 * @param version orders the entries of one id: the highest trace or tombstone wins
 * @param location where the record is
 * @param startSecond the trace's start, epoch second (0 for tombstones and attachments)
 * @param startNano the nanosecond of that second
 * @param durationMicros the trace's duration
 * @param status the response status
 * @param eventCount the number of events
 * @param method the request method ({@code ""} for tombstones and attachments)
 * @param path the request path, or the attachment's name
 * @param application the application name
 * @param exceptionType the exception that escaped
 * @param origin where the trace came from ({@link TraceOrigin#REQUEST} for tombstones,
 * attachments and entries written before origins existed)
 * @param originTraceId the related trace of a trace that is not an ordinary request
 */
public record IndexEntry(byte kind, long idMsb, long idLsb, long version, RecordLocation location, long startSecond,
		int startNano, long durationMicros, int status, int eventCount, String method, String path,
		@Nullable String application, @Nullable String exceptionType, TraceOrigin origin,
		@Nullable TraceId originTraceId) {

	public IndexEntry {
		origin = (origin != null) ? origin : TraceOrigin.REQUEST;
	}

	/**
	 * An entry of an ordinary request, a tombstone or an attachment.
	 * @param kind the kind
	 * @param idMsb the trace id's first 64 bits
	 * @param idLsb its last 64 bits
	 * @param version the version
	 * @param location where the record is
	 * @param startSecond the trace's start, epoch second
	 * @param startNano the nanosecond of that second
	 * @param durationMicros the trace's duration
	 * @param status the response status
	 * @param eventCount the number of events
	 * @param method the request method
	 * @param path the request path, or the attachment's name
	 * @param application the application name
	 * @param exceptionType the exception that escaped
	 */
	public IndexEntry(byte kind, long idMsb, long idLsb, long version, RecordLocation location, long startSecond,
			int startNano, long durationMicros, int status, int eventCount, String method, String path,
			@Nullable String application, @Nullable String exceptionType) {
		this(kind, idMsb, idLsb, version, location, startSecond, startNano, durationMicros, status, eventCount, method,
				path, application, exceptionType, TraceOrigin.REQUEST, null);
	}

	/** A trace. */
	public static final byte TRACE = 1;

	/** A tombstone: the trace was deleted. */
	public static final byte TOMBSTONE = 2;

	/** An attachment of a trace; {@link #path()} is its name. */
	public static final byte ATTACHMENT = 3;

	/** A trace stored again under an id that was already stored: readers look for the newest version. */
	public static final byte REPLACING_TRACE = 4;

	static IndexEntry trace(TraceSummary summary, boolean replacing, long version, RecordLocation location) {
		UUID uuid = summary.id().uuid();
		return new IndexEntry(replacing ? REPLACING_TRACE : TRACE, uuid.getMostSignificantBits(),
				uuid.getLeastSignificantBits(), version, location, summary.startTime().getEpochSecond(),
				summary.startTime().getNano(), summary.durationMicros(), summary.status(), summary.eventCount(),
				summary.method(), summary.path(), summary.application(), summary.exceptionType(), summary.origin(),
				summary.originTraceId());
	}

	static IndexEntry tombstone(TraceId id, long version, RecordLocation location) {
		UUID uuid = id.uuid();
		return new IndexEntry(TOMBSTONE, uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), version,
				location, 0, 0, 0, 0, 0, "", "", null, null);
	}

	static IndexEntry attachment(TraceId id, String name, long version, RecordLocation location) {
		UUID uuid = id.uuid();
		return new IndexEntry(ATTACHMENT, uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), version,
				location, 0, 0, 0, 0, 0, "", name, null, null);
	}

	/**
	 * Whether this entry is a trace (first stored or stored again).
	 * @return whether it is a trace
	 */
	public boolean isTrace() {
		return this.kind == TRACE || this.kind == REPLACING_TRACE;
	}

	/**
	 * Whether this entry replaces another as its id's newest version: the trace or tombstone of
	 * the highest version wins; attachments never do.
	 * @param current the newest entry of the id so far, or {@code null}
	 * @return whether this entry is newer
	 */
	public boolean supersedes(@Nullable IndexEntry current) {
		return this.kind != ATTACHMENT && (current == null || this.version > current.version);
	}

	/**
	 * When the trace started (zero for tombstones and attachments).
	 * @return the start time
	 */
	public Instant startTime() {
		return Instant.ofEpochSecond(this.startSecond, this.startNano);
	}

	/**
	 * When the trace started, epoch milliseconds (the start's millisecond, rounded down).
	 * @return the milliseconds
	 */
	public long startMillis() {
		return this.startSecond * 1000 + this.startNano / 1_000_000;
	}

	/**
	 * Whether this trace started before an instant.
	 * @param instant the instant
	 * @return whether it started before
	 */
	public boolean startedBefore(Instant instant) {
		return this.startSecond < instant.getEpochSecond()
				|| (this.startSecond == instant.getEpochSecond() && this.startNano < instant.getNano());
	}

	/**
	 * The trace id.
	 * @return the id
	 */
	public TraceId id() {
		return TraceId.parse(new UUID(this.idMsb, this.idLsb).toString());
	}

	/**
	 * The summary of a trace entry.
	 * @return the summary
	 */
	public TraceSummary summary() {
		return new TraceSummary(id(), Instant.ofEpochSecond(this.startSecond, this.startNano), this.durationMicros,
				this.application, this.method, this.path, this.status, this.exceptionType, this.eventCount, this.origin,
				this.originTraceId);
	}

}
