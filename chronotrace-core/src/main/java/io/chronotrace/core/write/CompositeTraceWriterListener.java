package io.chronotrace.core.write;

import java.time.Duration;
import java.util.List;

/**
 * Tells several listeners, in order.
 */
public final class CompositeTraceWriterListener implements TraceWriterListener {

	private final List<TraceWriterListener> listeners;

	private CompositeTraceWriterListener(List<TraceWriterListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * A listener that tells all of the given ones.
	 * @param listeners the listeners
	 * @return one listener: {@link TraceWriterListener#NONE}, the only one, or a composite
	 */
	public static TraceWriterListener of(List<TraceWriterListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		return (listeners.size() == 1) ? listeners.get(0) : new CompositeTraceWriterListener(listeners);
	}

	@Override
	public void recorded() {
		this.listeners.forEach(TraceWriterListener::recorded);
	}

	@Override
	public void stored(Duration latency, long bytes) {
		this.listeners.forEach((listener) -> listener.stored(latency, bytes));
	}

	@Override
	public void dropped(DropReason reason) {
		this.listeners.forEach((listener) -> listener.dropped(reason));
	}

	@Override
	public void storedBatch(int count, Duration latency, long bytes) {
		this.listeners.forEach((listener) -> listener.storedBatch(count, latency, bytes));
	}

	@Override
	public void failed(Throwable failure) {
		this.listeners.forEach((listener) -> listener.failed(failure));
	}

}
