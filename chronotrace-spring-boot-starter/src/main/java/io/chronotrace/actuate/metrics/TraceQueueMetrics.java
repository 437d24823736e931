package io.chronotrace.actuate.metrics;

import io.chronotrace.core.write.AsyncTraceWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Gauges of the async queue: {@code chronotrace.queue.depth} and
 * {@code chronotrace.queue.capacity}, when traces are written asynchronously.
 */
public final class TraceQueueMetrics implements MeterBinder {

	private final ObjectProvider<AsyncTraceWriter> writer;

	/**
	 * Creates the binder.
	 * @param writer the async writer, absent when traces are stored synchronously
	 */
	public TraceQueueMetrics(ObjectProvider<AsyncTraceWriter> writer) {
		this.writer = writer;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		AsyncTraceWriter writer = this.writer.getIfAvailable();
		if (writer == null) {
			return;
		}
		Gauge.builder("chronotrace.queue.depth", writer, AsyncTraceWriter::queueDepth)
			.description("Traces waiting to be stored")
			.register(registry);
		Gauge.builder("chronotrace.queue.capacity", writer, (queue) -> queue.settings().queueCapacity())
			.description("Most traces that may wait to be stored")
			.register(registry);
	}

}
