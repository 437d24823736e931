package io.chronotrace.actuate.metrics;

import java.util.function.ToDoubleFunction;

import io.chronotrace.core.encrypt.EncryptingTraceStorage;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.spool.SpoolStatistics;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Metrics of the spool that keeps traces while a remote storage (S3) cannot be reached:
 * {@code chronotrace.spool.spooled}, {@code chronotrace.spool.uploaded},
 * {@code chronotrace.spool.failed}, {@code chronotrace.spool.dropped} and the gauge
 * {@code chronotrace.spool.size} (bytes waiting).
 */
public final class SpoolMetrics implements MeterBinder {

	private final ObjectProvider<TraceStorage> storage;

	/**
	 * Creates the binder.
	 * @param storage the trace storage; only a spooling one has spool metrics
	 */
	public SpoolMetrics(ObjectProvider<TraceStorage> storage) {
		this.storage = storage;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TraceStorage storage = this.storage.getIfUnique();
		if (storage instanceof EncryptingTraceStorage encrypting) {
			storage = encrypting.delegate();
		}
		if (!(storage instanceof SpoolingTraceStorage spool)) {
			return;
		}
		counter(registry, spool, "chronotrace.spool.spooled", "Traces kept in the spool because storage failed",
				SpoolStatistics::spooled);
		counter(registry, spool, "chronotrace.spool.uploaded", "Traces uploaded from the spool",
				SpoolStatistics::uploaded);
		counter(registry, spool, "chronotrace.spool.failed", "Traces lost to an error that spooling cannot help, such as access denied",
				SpoolStatistics::failed);
		counter(registry, spool, "chronotrace.spool.dropped", "Traces dropped because the spool was full",
				SpoolStatistics::dropped);
		Gauge.builder("chronotrace.spool.size", spool, (it) -> it.statistics().spoolBytes())
			.description("Bytes of traces waiting in the spool")
			.baseUnit("bytes")
			.register(registry);
	}

	private static void counter(MeterRegistry registry, SpoolingTraceStorage spool, String name, String description,
			ToDoubleFunction<SpoolStatistics> value) {
		FunctionCounter.builder(name, spool, (it) -> value.applyAsDouble(it.statistics()))
			.description(description)
			.register(registry);
	}

}
