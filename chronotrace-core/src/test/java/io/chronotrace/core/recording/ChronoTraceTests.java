package io.chronotrace.core.recording;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.TraceEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ChronoTraceTests {

	private final ActiveTrace trace = new ActiveTrace(10);

	@Test
	void addsAnEventWithItsAttributesAsText() {
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(this.trace)) {
			ChronoTrace.event("order.placed", Map.of("total", new java.math.BigDecimal("49.80"), "lines", 2));
		}
		CustomEvent event = (CustomEvent) this.trace.finish().get(0);
		assertThat(event.name()).isEqualTo("order.placed");
		assertThat(event.attributes()).containsOnly(Map.entry("total", "49.80"), Map.entry("lines", "2"));
		assertThat(event.durationMicros()).isZero();
		assertThat(event.outcome()).isEqualTo(TraceEvent.OK);
	}

	@Test
	void timedEventLastsAsLongAsItsWork() {
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(this.trace)) {
			String result = ChronoTrace.timed("receipt.render", Map.of(), () -> {
				busyFor(2_000_000);
				return "receipt";
			});
			assertThat(result).isEqualTo("receipt");
		}
		CustomEvent event = (CustomEvent) this.trace.finish().get(0);
		assertThat(event.durationMicros()).isGreaterThanOrEqualTo(2000);
	}

	@Test
	void timedEventThatThrowsEndsInErrorAndRethrows() {
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(this.trace)) {
			assertThatIllegalStateException().isThrownBy(() -> ChronoTrace.timed("payment.charge", Map.of(), () -> {
				throw new IllegalStateException("declined");
			}));
		}
		assertThat(this.trace.finish()).singleElement().extracting(TraceEvent::outcome).isEqualTo(TraceEvent.ERROR);
	}

	@Test
	void startedEventTakesTheOutcomeItIsGivenAndIsAddedOnce() {
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(this.trace)) {
			ChronoTrace.TimedEvent event = ChronoTrace.start("payment.charge", Map.of("provider", "acme"));
			event.outcome("declined").close();
			event.close();
		}
		List<TraceEvent> events = this.trace.finish();
		assertThat(events).singleElement().extracting(TraceEvent::outcome).isEqualTo("declined");
	}

	@Test
	void attributesAreBounded() {
		Map<String, String> many = new java.util.HashMap<>();
		for (int i = 0; i < 100; i++) {
			many.put("k" + i, "x".repeat(5000));
		}
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(this.trace)) {
			ChronoTrace.event("big", many);
		}
		CustomEvent event = (CustomEvent) this.trace.finish().get(0);
		assertThat(event.attributes()).hasSize(ChronoTrace.MAX_ATTRIBUTES);
		assertThat(event.attributes().values()).allSatisfy(
				(value) -> assertThat(value).hasSize(ChronoTrace.MAX_ATTRIBUTE_LENGTH).endsWith("..."));
	}

	@Test
	void nothingIsRecordedWhenTheThreadRecordsNothing() {
		ChronoTrace.event("order.placed");
		assertThat(ChronoTrace.timed("work", Map.of(), () -> 1)).isEqualTo(1);
		assertThat(ChronoTrace.currentTraceId()).isEmpty();
		assertThat(this.trace.finish()).isEmpty();
	}

	@Test
	void nothingIsRecordedWhenEventsAreSwitchedOffForTheTrace() {
		ActiveTrace withoutEvents = new ActiveTrace(10, false);
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(withoutEvents)) {
			ChronoTrace.event("order.placed");
			ChronoTrace.start("work", Map.of()).close();
			assertThat(ChronoTrace.currentTraceId()).contains(withoutEvents.id().toString());
		}
		assertThat(withoutEvents.finish()).isEmpty();
	}

	@Test
	void aTraceWithoutCustomEventsLeavesAnotherTraceAlone() {
		ActiveTrace withoutEvents = new ActiveTrace(10, false);
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(withoutEvents)) {
			ChronoTrace.event("ignored");
		}
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(this.trace)) {
			ChronoTrace.event("order.placed");
		}
		assertThat(withoutEvents.finish()).isEmpty();
		assertThat(this.trace.finish()).singleElement()
			.extracting((event) -> ((CustomEvent) event).name())
			.isEqualTo("order.placed");
	}

	private static void busyFor(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}

}
