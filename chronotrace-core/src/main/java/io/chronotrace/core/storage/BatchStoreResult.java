package io.chronotrace.core.storage;

import java.util.List;
import java.util.Objects;

import io.chronotrace.core.trace.TraceId;

/**
 * What {@link TraceStorage#storeAll} did with a batch: the bytes it wrote and the traces it
 * could not store. A trace of the batch that is not among the failures was stored.
 *
 * @param bytesWritten the bytes written for the whole batch, or 0 when the backend does not know
 * @param failures the traces that were not stored, each with why
 */
public record BatchStoreResult(long bytesWritten, List<Failure> failures) {

	public BatchStoreResult {
		failures = List.copyOf(failures);
	}

	/**
	 * A batch that was stored whole.
	 * @param bytesWritten the bytes written, or 0 when unknown
	 * @return the result
	 */
	public static BatchStoreResult stored(long bytesWritten) {
		return new BatchStoreResult(bytesWritten, List.of());
	}

	/**
	 * Whether every trace of the batch was stored.
	 * @return {@code true} when nothing failed
	 */
	public boolean allStored() {
		return this.failures.isEmpty();
	}

	/**
	 * The bytes written, for a backend whose {@link TraceStorage#store} stores a batch of one.
	 * @return the bytes written
	 * @throws TraceStorageException the first failure, as a {@link TraceStorageException}
	 */
	public long bytesWrittenOrThrow() {
		if (allStored()) {
			return this.bytesWritten;
		}
		Failure first = this.failures.get(0);
		RuntimeException cause = first.cause();
		throw (cause instanceof TraceStorageException storageException) ? storageException
				: new TraceStorageException("could not store trace " + first.id() + ": " + cause, cause);
	}

	/**
	 * A trace of the batch that was not stored.
	 *
	 * @param id the trace id
	 * @param cause why it was not stored
	 */
	public record Failure(TraceId id, RuntimeException cause) {

		public Failure {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(cause, "cause");
		}

	}

}
