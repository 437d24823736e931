package io.chronotrace.core.storage;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;

/**
 * Where traces are kept: the one interface every backend implements (local disk, memory, S3,
 * and an application's own).
 * <p>
 * Implementations are thread-safe. Operations that fail throw {@link TraceStorageException}
 * naming the backend and the trace; {@link #check()} never throws. Content that cannot be read
 * (a corrupt or foreign file) is skipped with a warning, never thrown at the caller. Methods
 * added later get default implementations so that custom backends keep compiling.
 */
public interface TraceStorage {

	/**
	 * Stores a trace and its attachments. Storing the same id again replaces the trace.
	 * @param trace the trace
	 * @return the number of bytes written, or 0 when the backend does not know
	 * @throws TraceStorageException when the trace could not be stored
	 */
	long store(Trace trace);

	/**
	 * Stores a batch of traces, as the writer hands them over after draining its queue. The
	 * default stores them one at a time through {@link #store(Trace)}; backends override it to
	 * store a batch in a few calls. A failure of one trace does not stop the others: it is
	 * reported in the result, never thrown. Attachments are released by the caller afterwards.
	 * @param traces the traces, in the order they were recorded
	 * @return the bytes written and the traces that could not be stored
	 */
	default BatchStoreResult storeAll(List<Trace> traces) {
		long bytes = 0;
		List<BatchStoreResult.Failure> failures = new ArrayList<>();
		for (Trace trace : traces) {
			try {
				bytes += store(trace);
			}
			catch (RuntimeException ex) {
				failures.add(new BatchStoreResult.Failure(trace.id(), ex));
			}
		}
		return new BatchStoreResult(bytes, failures);
	}

	/**
	 * Reads a trace back.
	 * @param id the trace id
	 * @return the trace, or empty when there is none (or it cannot be read)
	 * @throws TraceStorageException when the storage cannot be reached
	 */
	Optional<Trace> retrieve(TraceId id);

	/**
	 * Lists summaries of the traces that match the query, newest first, reading only what a
	 * listing needs ({@code metadata.json}), never whole traces, and about
	 * {@link TraceQuery#scanLimit()} summaries at most: a listing that reaches that limit before
	 * its page is full returns what it found (possibly nothing) with a cursor that continues
	 * where it stopped ({@link PageCollector} does this for backends that read summaries).
	 * @param query the filters, limit, cursor and scan limit
	 * @return one page of summaries and the cursor of the next page
	 * @throws TraceStorageException when the storage cannot be reached
	 */
	TracePage list(TraceQuery query);

	/**
	 * Deletes a trace and its attachments.
	 * @param id the trace id
	 * @return whether there was a trace to delete
	 * @throws TraceStorageException when the storage cannot be reached
	 */
	boolean delete(TraceId id);

	/**
	 * Deletes the traces of every UTC day before the cutoff's day: a day goes once all of it is
	 * older than the cutoff, and the cutoff's own day stays whole. Backends that lay traces out
	 * by day delete whole days, so the cost grows with days rather than traces.
	 * @param cutoff the instant whose day is the first one kept
	 * @return the days deleted, and the traces deleted when the backend knows them
	 * @throws TraceStorageException when the storage cannot be reached
	 */
	PurgeResult purgeOlderThan(Instant cutoff);

	/**
	 * Checks, cheaply, that the storage is reachable and that this application may use it (as
	 * Zipkin's {@code StorageComponent.check()}): a directory that exists and is writable, a
	 * bucket that answers, a table that can be read, a server that answers a ping. It writes
	 * nothing; {@link #probe()} does. Health runs it every few seconds. Never throws.
	 * @return the result, with a one-line reason when it is down
	 */
	StorageCheck check();

	/**
	 * Checks that the storage works with a real write, read and delete of a probe, for health
	 * when {@code chronotrace.health.write-probe} asks for it. The default is {@link #check()},
	 * for backends that have no probe. Never throws.
	 * @return the result, with a one-line reason when it is down
	 */
	default StorageCheck probe() {
		return check();
	}

	/**
	 * Opens an attachment of a stored trace (a body kept outside {@code trace.json}),
	 * decompressed.
	 * @param id the trace id
	 * @param name the attachment name, as {@code TraceBody.attachment()} gives it
	 * @return the content, or empty when there is no such attachment
	 * @throws TraceStorageException when the storage cannot be reached
	 */
	default Optional<InputStream> openAttachment(TraceId id, String name) {
		return Optional.empty();
	}

	/**
	 * The bytes stored per day, oldest day first, for a cap on the total size.
	 * @return bytes per UTC day, or empty when the backend cannot tell
	 * @throws TraceStorageException when the storage cannot be reached
	 */
	default SortedMap<LocalDate, Long> sizeByDay() {
		return Collections.emptySortedMap();
	}

	/**
	 * What this storage is, as health details and logs show it.
	 * @return its type and location; never a secret
	 */
	default StorageDescription description() {
		return StorageDescription.of(getClass().getSimpleName());
	}

	/**
	 * The statistics of the local spool of a remote storage, for metrics: storages with no
	 * spool have none, and storages that wrap others pass theirs on.
	 * @return the spool's statistics, or empty when there is no spool
	 */
	default Optional<SpoolStatistics> spoolStatistics() {
		return Optional.empty();
	}

}
