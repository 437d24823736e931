package io.chronotrace.core.storage.s3.segment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the local segments that are the S3 segment layout's spool
 * ({@code chronotrace.s3.spool.max-size}): once they hold that much, because S3 is down or
 * uploads fall behind, new batches are dropped and counted instead of filling the disk, until
 * an upload or a purge frees room.
 * <p>
 * The size is kept as a running total of what each batch wrote, measured afresh from the files
 * whenever segments leave the spool, so that checking it costs nothing per batch. A batch is
 * admitted while the total is below the limit, so the spool can pass it by one batch per writer
 * thread.
 */
final class SpoolLimit {

	private static final Logger logger = LoggerFactory.getLogger(SpoolLimit.class);

	private final long maxBytes;

	private final Path spool;

	private final LongSupplier measure;

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	/**
	 * Creates a limit and measures the spool once.
	 * @param maxBytes the most bytes the spool may hold
	 * @param spool the spool directory, for messages
	 * @param measure the bytes the spool's files hold now
	 */
	SpoolLimit(long maxBytes, Path spool, LongSupplier measure) {
		this.maxBytes = maxBytes;
		this.spool = spool;
		this.measure = measure;
		remeasure();
	}

	/**
	 * Whether a batch may be written: the spool holds less than the limit.
	 * @return {@code true} when there is room
	 */
	boolean admits() {
		return this.bytes.get() < this.maxBytes;
	}

	/**
	 * Counts what a batch wrote.
	 * @param written the bytes written
	 */
	void added(long written) {
		this.bytes.addAndGet(written);
	}

	/**
	 * Measures the spool again, after segments left it (uploaded or purged). A spool that
	 * cannot be measured keeps the running total: its writes report their own failures.
	 */
	void remeasure() {
		try {
			this.bytes.set(this.measure.getAsLong());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not measure the trace spool {}", this.spool, ex);
		}
	}

	/**
	 * Drops a batch the spool has no room for: every trace fails, and is counted. The writer
	 * logs the failures, so this does not.
	 * @param traces the batch
	 * @return the batch's failures
	 */
	BatchStoreResult drop(List<Trace> traces) {
		this.dropped.addAndGet(traces.size());
		TraceStorageException full = new TraceStorageException("the S3 trace spool " + this.spool + " is full ("
				+ this.bytes.get() + " of " + this.maxBytes + " bytes, chronotrace.s3.spool.max-size) while blocks wait "
				+ "for upload; new traces are dropped until uploads free room", null, false);
		List<BatchStoreResult.Failure> failures = new ArrayList<>(traces.size());
		traces.forEach((trace) -> failures.add(new BatchStoreResult.Failure(trace.id(), full)));
		return new BatchStoreResult(0, failures);
	}

	long bytes() {
		return this.bytes.get();
	}

	long maxBytes() {
		return this.maxBytes;
	}

	long dropped() {
		return this.dropped.get();
	}

}
