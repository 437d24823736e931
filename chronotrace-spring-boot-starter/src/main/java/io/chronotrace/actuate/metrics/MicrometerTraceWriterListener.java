package io.chronotrace.actuate.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.chronotrace.core.write.TraceWriterListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts traces on their way to storage in Micrometer:
 * <ul>
 * <li>{@code chronotrace.traces.recorded}: handed to the writer;</li>
 * <li>{@code chronotrace.traces.stored}: stored;</li>
 * <li>{@code chronotrace.traces.dropped} (tag {@code reason}: {@code queue_full},
 * {@code shutdown}): not stored for lack of room;</li>
 * <li>{@code chronotrace.traces.failed}: the storage failed;</li>
 * <li>{@code chronotrace.storage.write}: storage write latency;</li>
 * <li>{@code chronotrace.storage.bytes.written}: bytes written.</li>
 * </ul>
 */
public final class MicrometerTraceWriterListener implements TraceWriterListener {

	private final Counter recorded;

	private final Counter stored;

	private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

	private final Counter failed;

	private final Timer writeLatency;

	private final Counter bytesWritten;

	public MicrometerTraceWriterListener(MeterRegistry registry) {
		this.recorded = Counter.builder("chronotrace.traces.recorded")
			.description("Traces recorded and handed to storage")
			.register(registry);
		this.stored = Counter.builder("chronotrace.traces.stored").description("Traces stored").register(registry);
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason,
					Counter.builder("chronotrace.traces.dropped")
						.description("Traces dropped because the writer had no room for them")
						.tag("reason", reason.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
		this.failed = Counter.builder("chronotrace.traces.failed")
			.description("Traces the storage failed to store")
			.register(registry);
		this.writeLatency = Timer.builder("chronotrace.storage.write")
			.description("Time to store one trace")
			.register(registry);
		this.bytesWritten = Counter.builder("chronotrace.storage.bytes.written")
			.description("Bytes written to trace storage")
			.baseUnit("bytes")
			.register(registry);
	}

	@Override
	public void recorded() {
		this.recorded.increment();
	}

	@Override
	public void stored(Duration latency, long bytes) {
		this.stored.increment();
		this.writeLatency.record(latency);
		this.bytesWritten.increment(bytes);
	}

	@Override
	public void storedBatch(int count, Duration latency, long bytes) {
		this.stored.increment(count);
		this.bytesWritten.increment(bytes);
		// the timer keeps its meaning, the time to store one trace: each trace of the batch
		// took its share of the batch's time
		Duration share = latency.dividedBy(count);
		for (int i = 0; i < count; i++) {
			this.writeLatency.record(share);
		}
	}

	@Override
	public void dropped(DropReason reason) {
		this.dropped.get(reason).increment();
	}

	@Override
	public void failed(Throwable failure) {
		this.failed.increment();
	}

}
