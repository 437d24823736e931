package io.chronotrace.core.recording;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.TraceEvent;

/**
 * Lets application code add its own events to the trace of the request being recorded:
 * <pre class="code">
 * ChronoTrace.event("order.placed", Map.of("total", total));
 *
 * try (ChronoTrace.TimedEvent charge = ChronoTrace.start("payment.charge", Map.of("provider", "acme"))) {
 *     paymentProvider.charge(order);
 * }
 *
 * Receipt receipt = ChronoTrace.timed("receipt.render", Map.of(), () -> renderer.render(order));
 * </pre>
 * Every method is a cheap no-op when the current thread records nothing, or when the
 * application that records it switched custom events off ({@code chronotrace.capture.events=false};
 * the switch is carried by each trace, so two applications in one JVM do not share it). Attribute values are kept as
 * text, at most {@value #MAX_ATTRIBUTE_LENGTH} characters each, at most
 * {@value #MAX_ATTRIBUTES} attributes per event.
 */
public final class ChronoTrace {

	/** The most characters kept of an attribute value. */
	public static final int MAX_ATTRIBUTE_LENGTH = 1000;

	/** The most attributes kept per event. */
	public static final int MAX_ATTRIBUTES = 32;

	private ChronoTrace() {
	}

	/**
	 * Adds an instantaneous event.
	 * @param name the event name, such as {@code order.placed}
	 */
	public static void event(String name) {
		event(name, Map.of());
	}

	/**
	 * Adds an instantaneous event with attributes.
	 * @param name the event name, such as {@code order.placed}
	 * @param attributes the attributes; values are kept as text
	 */
	public static void event(String name, Map<String, ?> attributes) {
		ActiveTrace trace = recordingTrace();
		if (trace != null) {
			trace.add(new CustomEvent(trace.elapsedMicros(), 0, TraceEvent.OK, name, text(attributes)));
		}
	}

	/**
	 * Starts an event that lasts until the returned handle is closed.
	 * @param name the event name
	 * @param attributes the attributes; values are kept as text
	 * @return the handle to close when the work is done
	 */
	public static TimedEvent start(String name, Map<String, ?> attributes) {
		ActiveTrace trace = recordingTrace();
		if (trace == null) {
			return TimedEvent.NONE;
		}
		return new TimedEvent(trace, name, text(attributes), System.nanoTime());
	}

	/**
	 * Runs work as an event that lasts as long as the work; its outcome is {@code error} when
	 * the work throws, and the exception is rethrown.
	 * @param <T> the result type
	 * @param name the event name
	 * @param attributes the attributes; values are kept as text
	 * @param work the work
	 * @return the work's result
	 */
	public static <T> T timed(String name, Map<String, ?> attributes, Supplier<T> work) {
		try (TimedEvent event = start(name, attributes)) {
			try {
				return work.get();
			}
			catch (RuntimeException | Error ex) {
				event.outcome(TraceEvent.ERROR);
				throw ex;
			}
		}
	}

	/**
	 * The id of the trace the current thread records, for example to show it in an error
	 * response so that a support request can name it.
	 * @return the trace id, empty when nothing is recorded
	 */
	public static Optional<String> currentTraceId() {
		ActiveTrace trace = TraceContextHolder.current();
		return (trace != null) ? Optional.of(trace.id().toString()) : Optional.empty();
	}

	private static @Nullable ActiveTrace recordingTrace() {
		ActiveTrace trace = TraceContextHolder.current();
		return (trace != null && trace.acceptsCustomEvents() && !trace.isFinished()) ? trace : null;
	}

	private static Map<String, String> text(Map<String, ?> attributes) {
		Map<String, String> text = new LinkedHashMap<>();
		for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
			if (text.size() == MAX_ATTRIBUTES) {
				break;
			}
			text.put(BoundedText.of(attribute.getKey(), MAX_ATTRIBUTE_LENGTH),
					BoundedText.of(attribute.getValue(), MAX_ATTRIBUTE_LENGTH));
		}
		return text;
	}

	/** An event in progress; closing it adds it to the trace, once. Not thread-safe. */
	public static final class TimedEvent implements AutoCloseable {

		static final TimedEvent NONE = new TimedEvent(null, "", Map.of(), 0);

		private final @Nullable ActiveTrace trace;

		private final String name;

		private final Map<String, String> attributes;

		private final long startNanos;

		private String outcome = TraceEvent.OK;

		private boolean closed;

		private TimedEvent(@Nullable ActiveTrace trace, String name, Map<String, String> attributes, long startNanos) {
			this.trace = trace;
			this.name = name;
			this.attributes = attributes;
			this.startNanos = startNanos;
		}

		/**
		 * Sets the outcome the event ends with, {@code ok} unless set.
		 * @param outcome the outcome, such as {@code error} or {@code declined}
		 * @return this event
		 */
		public TimedEvent outcome(String outcome) {
			this.outcome = outcome;
			return this;
		}

		@Override
		public void close() {
			if (this.trace == null || this.closed) {
				return;
			}
			this.closed = true;
			long durationMicros = (System.nanoTime() - this.startNanos) / 1000;
			this.trace.add(new CustomEvent(this.trace.offsetMicros(this.startNanos), durationMicros, this.outcome,
					this.name, this.attributes));
		}

	}

}
