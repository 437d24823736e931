package io.chronotrace.web.servlet;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.awaitility.Awaitility;

import org.springframework.beans.factory.DisposableBean;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.TraceWriter;


/** A writer that keeps traces in memory, with their attachment files, until the context closes. */
class RecordedTraces implements TraceWriter, DisposableBean {

	private final ConcurrentLinkedQueue<Trace> traces = new ConcurrentLinkedQueue<>();

	@Override
	public void write(Trace trace) {
		this.traces.add(trace);
	}

	Trace awaitTrace(String traceId) {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(traceId), Optional::isPresent).get();
	}

	Optional<Trace> find(String traceId) {
		return this.traces.stream().filter((trace) -> trace.id().toString().equals(traceId)).findFirst();
	}

	List<Trace> withPath(String path) {
		return this.traces.stream().filter((trace) -> trace.request().path().equals(path)).toList();
	}

	@Override
	public void destroy() {
		this.traces.forEach(Trace::releaseAttachments);
	}

}
