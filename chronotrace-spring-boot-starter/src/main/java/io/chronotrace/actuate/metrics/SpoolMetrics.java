package io.chronotrace.actuate.metrics;

import java.util.function.ToDoubleFunction;

import io.chronotrace.core.storage.SpoolStatistics;
import io.chronotrace.core.storage.TraceStorage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Metrics of the spool that keeps traces on local disk while a remote storage (S3) cannot be
 * reached, or until they are uploaded: {@code chronotrace.spool.spooled},
 * {@code chronotrace.spool.uploaded}, {@code chronotrace.spool.failed},
 * {@code chronotrace.spool.dropped} and the gauge {@code chronotrace.spool.size} (bytes
 * waiting). Bound for any storage with {@linkplain TraceStorage#spoolStatistics() spool
 * statistics}, whatever wraps it (encryption, tiers).
 */
public final class SpoolMetrics implements MeterBinder {

	private final ObjectProvider<TraceStorage> storage;

	/**
	 * Creates the binder.
	 * @param storage the trace storage; only one with a spool has spool metrics
	 */
	public SpoolMetrics(ObjectProvider<TraceStorage> storage) {
		this.storage = storage;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TraceStorage storage = this.storage.getIfUnique();
		if (storage == null || storage.spoolStatistics().isEmpty()) {
			return;
		}
		counter(registry, storage, "chronotrace.spool.spooled", "Traces kept in the spool because storage failed",
				SpoolStatistics::spooled);
		counter(registry, storage, "chronotrace.spool.uploaded", "Traces uploaded from the spool",
				SpoolStatistics::uploaded);
		counter(registry, storage, "chronotrace.spool.failed",
				"Traces lost to an error that spooling cannot help, such as access denied", SpoolStatistics::failed);
		counter(registry, storage, "chronotrace.spool.dropped", "Traces dropped because the spool was full",
				SpoolStatistics::dropped);
		Gauge.builder("chronotrace.spool.size", storage, (it) -> value(it, SpoolStatistics::spoolBytes))
			.description("Bytes of traces waiting in the spool")
			.baseUnit("bytes")
			.register(registry);
	}

	private static void counter(MeterRegistry registry, TraceStorage storage, String name, String description,
			ToDoubleFunction<SpoolStatistics> value) {
		FunctionCounter.builder(name, storage, (it) -> value(it, value)).description(description).register(registry);
	}

	private static double value(TraceStorage storage, ToDoubleFunction<SpoolStatistics> value) {
		return storage.spoolStatistics().map(value::applyAsDouble).orElse(0.0);
	}

}
