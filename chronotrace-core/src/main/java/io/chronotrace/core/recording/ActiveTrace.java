package io.chronotrace.core.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TracingContext;

/**
 * The trace of a request while it is being recorded: its id, its start, and the events that
 * capture adds from the request thread and from the threads the request handed work to.
 * <p>
 * The number of events is bounded: past {@code maxEvents} events are counted as dropped, not
 * kept, so a request that runs 100 000 queries cannot exhaust memory. Every SQL statement is
 * also counted by its text ({@link #countStatement(String)}), dropped or not, so that
 * {@link #finish()} can mark the statements the request ran more than once (the N+1 pattern);
 * that counter holds at most {@code maxEvents} distinct statements. Thread-safe.
 */
public final class ActiveTrace {

	private final TraceId id;

	private final Instant startTime;

	private final long startNanos;

	private final int maxEvents;

	private final boolean customEvents;

	/** {@link TraceEvent}s and {@link PendingEvent}s, in the order they were added. */
	private final List<Object> events = new ArrayList<>();

	private final AtomicInteger dropped = new AtomicInteger();

	/** Runs per SQL text; guarded by itself. */
	private final Map<String, Integer> statementCounts = new HashMap<>();

	private volatile @Nullable AtomicLong sqlResultBudget;

	private volatile @Nullable TracingContext tracing;

	private volatile boolean finished;

	/** What {@link #finish()} returned; guarded by {@code this}. */
	private @Nullable List<TraceEvent> finishedEvents;

	/**
	 * Starts a trace now, that takes custom events.
	 * @param maxEvents the event bound
	 */
	public ActiveTrace(int maxEvents) {
		this(maxEvents, true);
	}

	/**
	 * Starts a trace now.
	 * @param maxEvents the event bound
	 * @param customEvents whether it takes custom events ({@link ChronoTrace#event(String)});
	 * the switch travels with the trace, so applications in one JVM each keep their own
	 */
	public ActiveTrace(int maxEvents, boolean customEvents) {
		this(Instant.now(), System.nanoTime(), maxEvents, customEvents);
	}

	/**
	 * Starts a trace at a given time.
	 * @param startTime the wall-clock start
	 * @param startNanos the {@link System#nanoTime()} at the start
	 * @param maxEvents the event bound
	 */
	public ActiveTrace(Instant startTime, long startNanos, int maxEvents) {
		this(startTime, startNanos, maxEvents, true);
	}

	/**
	 * Starts a trace at a given time.
	 * @param startTime the wall-clock start
	 * @param startNanos the {@link System#nanoTime()} at the start
	 * @param maxEvents the event bound
	 * @param customEvents whether it takes custom events ({@link ChronoTrace#event(String)})
	 */
	public ActiveTrace(Instant startTime, long startNanos, int maxEvents, boolean customEvents) {
		this.customEvents = customEvents;
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
	 * Whether application code may add its own events ({@link ChronoTrace#event(String)}).
	 * @return whether custom events are taken
	 */
	public boolean acceptsCustomEvents() {
		return this.customEvents;
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
		return addEntry(event);
	}

	/**
	 * Adds an event that is completed when the trace finishes, under the same rules as
	 * {@link #add(TraceEvent)}; one that then completes to nothing is left out (and not counted
	 * as dropped).
	 * @param event the pending event
	 * @return whether the event was kept
	 */
	public boolean add(PendingEvent event) {
		return addEntry(event);
	}

	private boolean addEntry(Object entry) {
		if (this.finished) {
			return false;
		}
		synchronized (this.events) {
			if (this.events.size() < this.maxEvents) {
				this.events.add(entry);
				return true;
			}
		}
		this.dropped.incrementAndGet();
		return false;
	}

	/**
	 * Counts one run of a SQL statement, whether or not its event is kept; {@link #finish()}
	 * marks the kept events of statements that ran more than once with their count. Statements
	 * first seen once {@code maxEvents} distinct ones are counted are not counted: none of
	 * their events can be kept by then.
	 * @param sql the SQL, as the statement's event records it
	 */
	public void countStatement(String sql) {
		if (this.finished) {
			return;
		}
		synchronized (this.statementCounts) {
			Integer count = this.statementCounts.get(sql);
			if (count != null) {
				this.statementCounts.put(sql, count + 1);
			}
			else if (this.statementCounts.size() < this.maxEvents) {
				this.statementCounts.put(sql, 1);
			}
		}
	}

	/**
	 * The characters of SQL result values the trace may still record
	 * ({@code chronotrace.capture.sql-result-size}), shared by its statements on every thread
	 * and by every data source.
	 * @param perTrace the characters a trace may record, used when first asked
	 * @return the remaining characters, to be taken from as values are recorded
	 */
	public AtomicLong sqlResultBudget(long perTrace) {
		AtomicLong budget = this.sqlResultBudget;
		if (budget == null) {
			synchronized (this.statementCounts) {
				budget = this.sqlResultBudget;
				if (budget == null) {
					budget = new AtomicLong(perTrace);
					this.sqlResultBudget = budget;
				}
			}
		}
		return budget;
	}

	/**
	 * The distributed tracing ids of the request, when a tracer reported them.
	 * @return the tracing context, or {@code null}
	 */
	public @Nullable TracingContext tracing() {
		return this.tracing;
	}

	/**
	 * Sets the distributed tracing ids of the request (Micrometer Tracing's current span).
	 * @param tracing the tracing context, or {@code null}
	 */
	public void setTracing(@Nullable TracingContext tracing) {
		this.tracing = tracing;
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
	 * Ends the recording of events and returns them sorted by start offset: pending events
	 * completed, statements that ran more than once marked with their count
	 * ({@link DatabaseEvent#repeated()}). A pending event that fails to complete is counted as
	 * dropped. Later calls return the same events.
	 * @return the events
	 */
	public synchronized List<TraceEvent> finish() {
		if (this.finishedEvents != null) {
			return this.finishedEvents;
		}
		this.finished = true;
		List<Object> entries;
		synchronized (this.events) {
			entries = new ArrayList<>(this.events);
		}
		Map<String, Integer> counts;
		synchronized (this.statementCounts) {
			counts = new HashMap<>(this.statementCounts);
		}
		List<TraceEvent> finished = new ArrayList<>(entries.size());
		for (Object entry : entries) {
			TraceEvent event = complete(entry);
			if (event instanceof DatabaseEvent database) {
				Integer count = counts.get(database.sql());
				if (count != null && count > 1) {
					event = database.withRepeated(count);
				}
			}
			if (event != null) {
				finished.add(event);
			}
		}
		finished.sort(Comparator.comparingLong(TraceEvent::offsetMicros));
		this.finishedEvents = List.copyOf(finished);
		return this.finishedEvents;
	}

	private @Nullable TraceEvent complete(Object entry) {
		if (entry instanceof PendingEvent pending) {
			try {
				return pending.complete();
			}
			catch (RuntimeException ex) {
				this.dropped.incrementAndGet();
				return null;
			}
		}
		return (TraceEvent) entry;
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
