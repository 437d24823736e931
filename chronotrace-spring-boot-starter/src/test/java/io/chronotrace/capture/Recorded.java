package io.chronotrace.capture;

import java.util.List;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.TraceEvent;

/**
 * What a piece of work recorded, as the recording filter would see it: the work runs with an
 * {@link ActiveTrace} bound to the thread, which is then finished.
 *
 * @param events the events, sorted
 * @param droppedEvents the number of dropped events
 * @param trace the finished trace
 */
public record Recorded(List<TraceEvent> events, int droppedEvents, ActiveTrace trace) {

	/** What a test's work does. */
	@FunctionalInterface
	public interface Work {

		void run() throws Exception;

	}

	public static Recorded of(Work work) {
		return of(1000, work);
	}

	public static Recorded of(int maxEvents, Work work) {
		ActiveTrace trace = new ActiveTrace(maxEvents);
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(trace)) {
			work.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		List<TraceEvent> events = trace.finish();
		return new Recorded(events, trace.droppedEvents(), trace);
	}

	public <T extends TraceEvent> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
