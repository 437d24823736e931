package io.chronotrace.core.storage;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SortedMap;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;

/**
 * A storage that hands every call to another one: tests extend it to hold back, count or fail
 * the calls they are about.
 *
 * @param <S> the type of the storage called
 */
public class ForwardingTraceStorage<S extends TraceStorage> implements TraceStorage {

	/** The storage called. */
	public final S delegate;

	public ForwardingTraceStorage(S delegate) {
		this.delegate = delegate;
	}

	@Override
	public long store(Trace trace) {
		return this.delegate.store(trace);
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		return this.delegate.retrieve(id);
	}

	@Override
	public TracePage list(TraceQuery query) {
		return this.delegate.list(query);
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
		return this.delegate.openAttachment(id, name);
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

}
