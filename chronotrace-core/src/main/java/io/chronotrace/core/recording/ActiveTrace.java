package io.chronotrace.core.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;

/**
 * The trace of a request while it is being recorded: its id, its start, and the events that
 * capture adds from the request thread and from the threads the request handed work to.
 * <p>
 * The number of events is bounded: past {@code maxEvents} events are counted as dropped, not
 * kept, so a request that runs 100 000 queries cannot exhaust memory. Thread-safe.
 */
public final class ActiveTrace {

	private final TraceId id;

	private final Instant startTime;

	private final long startNanos;

	private final int maxEvents;

	private final List<TraceEvent> events = new ArrayList<>();

	private final AtomicInteger dropped = new AtomicInteger();

	private volatile boolean finished;

	/**
	 * Starts a trace now.
	 * @param maxEvents the event bound
	 */
	public ActiveTrace(int maxEvents) {
		this(Instant.now(), System.nanoTime(), maxEvents);
	}

	/**
	 * Starts a trace at a given time.
	 * @param startTime the wall-clock start
	 * @param startNanos the {@link System#nanoTime()} at the start
	 * @param maxEvents the event bound
	 */
	public ActiveTrace(Instant startTime, long startNanos, int maxEvents) {
		this.id = TraceId.create(startTime);
		this.startTime = startTime;
		this.startNanos = startNanos;
		this.maxEvents = Math.max(0, maxEvents);
	}

	public TraceId id() {
		return this.id;
	}

	public Instant startTime() {
		return this.startTime;
	}

	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * Microseconds from the request start to a {@link System#nanoTime()} reading.
	 * @param nanoTime the reading
	 * @return the offset, never negative
	 */
	public long offsetMicros(long nanoTime) {
		return Math.max(0, (nanoTime - this.startNanos) / 1000);
	}

	/**
	 * Microseconds from the request start to now.
	 * @return the offset
	 */
	public long elapsedMicros() {
		return offsetMicros(System.nanoTime());
	}

	/**
	 * Adds an event, unless the bound is reached (then it is counted as dropped) or the trace
	 * is already finished (late events of work that outlived the request are ignored).
	 * @param event the event
	 * @return whether the event was kept
	 */
	public boolean add(TraceEvent event) {
		if (this.finished) {
			return false;
		}
		synchronized (this.events) {
			if (this.events.size() < this.maxEvents) {
				this.events.add(event);
				return true;
			}
		}
		this.dropped.incrementAndGet();
		return false;
	}

	/**
	 * Whether another event would still be kept; capture code checks it to skip the cost of
	 * building an event that would be dropped.
	 * @return whether the bound is not reached
	 */
	public boolean acceptsEvents() {
		if (this.finished) {
			return false;
		}
		synchronized (this.events) {
			if (this.events.size() < this.maxEvents) {
				return true;
			}
		}
		this.dropped.incrementAndGet();
		return false;
	}

	/**
	 * Ends the recording of events and returns them sorted by start offset.
	 * @return the events
	 */
	public List<TraceEvent> finish() {
		this.finished = true;
		List<TraceEvent> copy;
		synchronized (this.events) {
			copy = new ArrayList<>(this.events);
		}
		copy.sort(java.util.Comparator.comparingLong(TraceEvent::offsetMicros));
		return copy;
	}

	/**
	 * How many events were dropped because the bound was reached.
	 * @return the count
	 */
	public int droppedEvents() {
		return this.dropped.get();
	}

	public boolean isFinished() {
		return this.finished;
	}

}
