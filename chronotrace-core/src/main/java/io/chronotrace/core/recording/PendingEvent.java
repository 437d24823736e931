package io.chronotrace.core.recording;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.TraceEvent;

/**
 * An event whose last details are known only after it started, such as the rows a query's
 * result set returned or the body of a response the application reads later. It holds its
 * place (and its share of the event bound) in the trace from the moment it is added, and is
 * completed when the trace finishes.
 */
@FunctionalInterface
public interface PendingEvent {

	/**
	 * The event with what is known of it now; called once, when the trace finishes, possibly
	 * on another thread than the one that added it.
	 * @return the event, or {@code null} when it turned out to belong to no request, such as
	 * a job still running when the request ended
	 */
	@Nullable TraceEvent complete();

}
