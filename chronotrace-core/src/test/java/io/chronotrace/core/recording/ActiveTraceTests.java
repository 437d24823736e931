package io.chronotrace.core.recording;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TracingContext;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveTraceTests {

	@Test
	void finishReturnsEventsInStartOrder() {
		ActiveTrace trace = new ActiveTrace(10);
		trace.add(custom("second", 20));
		trace.add(custom("first", 10));
		trace.add(custom("third", 30));
		assertThat(trace.finish()).extracting((event) -> ((CustomEvent) event).name())
			.containsExactly("first", "second", "third");
	}

	@Test
	void eventsPastTheBoundAreCountedAsDropped() {
		ActiveTrace trace = new ActiveTrace(3);
		for (int i = 0; i < 10; i++) {
			trace.add(custom("e" + i, i));
		}
		assertThat(trace.finish()).hasSize(3);
		assertThat(trace.droppedEvents()).isEqualTo(7);
	}

	@Test
	void eventsAfterFinishAreIgnored() {
		ActiveTrace trace = new ActiveTrace(10);
		trace.finish();
		assertThat(trace.add(custom("late", 1))).isFalse();
		assertThat(trace.droppedEvents()).isZero();
	}

	@Test
	void statementsThatRanMoreThanOnceAreMarkedWithTheirCountIncludingDroppedRuns() {
		ActiveTrace trace = new ActiveTrace(3);
		for (int i = 0; i < 5; i++) {
			trace.countStatement("select * from product where id = ?");
			trace.add(statement("select * from product where id = ?", i));
		}
		trace.countStatement("select count(*) from orders");
		trace.add(statement("select count(*) from orders", 10));
		List<TraceEvent> events = trace.finish();
		assertThat(events).hasSize(3)
			.allSatisfy((event) -> assertThat(((DatabaseEvent) event).repeated()).isEqualTo(5));
		assertThat(trace.droppedEvents()).isEqualTo(3);
	}

	@Test
	void statementRunOnceIsNotMarked() {
		ActiveTrace trace = new ActiveTrace(10);
		trace.countStatement("select 1");
		trace.add(statement("select 1", 1));
		assertThat(((DatabaseEvent) trace.finish().get(0)).repeated()).isNull();
	}

	@Test
	void statementCounterHoldsAtMostTheBoundsNumberOfDistinctStatements() {
		ActiveTrace trace = new ActiveTrace(2);
		trace.countStatement("select 1");
		trace.add(statement("select 1", 1));
		trace.countStatement("select 2");
		trace.add(statement("select 2", 2));
		for (int i = 0; i < 1000; i++) {
			trace.countStatement("select " + (i + 3));
			trace.countStatement("select 1");
		}
		assertThat(trace.finish()).extracting((event) -> ((DatabaseEvent) event).repeated())
			.containsExactly(1001, null);
	}

	@Test
	void pendingEventsAreCompletedWhenTheTraceFinishes() {
		ActiveTrace trace = new ActiveTrace(10);
		AtomicLong rows = new AtomicLong();
		trace.add(() -> new DatabaseEvent(5, 1, TraceEvent.OK, "dataSource", "select name from product", List.of(), 0,
				rows.get(), null, null));
		rows.set(42);
		assertThat(((DatabaseEvent) trace.finish().get(0)).rows()).isEqualTo(42);
	}

	@Test
	void pendingEventThatFailsToCompleteIsCountedAsDropped() {
		ActiveTrace trace = new ActiveTrace(10);
		trace.add(() -> {
			throw new IllegalStateException("broken");
		});
		trace.add(custom("kept", 1));
		assertThat(trace.finish()).hasSize(1);
		assertThat(trace.droppedEvents()).isEqualTo(1);
	}

	@Test
	void pendingEventThatCompletesToNothingIsLeftOut() {
		ActiveTrace trace = new ActiveTrace(10);
		trace.add(() -> null);
		assertThat(trace.finish()).isEmpty();
		assertThat(trace.droppedEvents()).isZero();
	}

	@Test
	void finishingAgainReturnsTheSameEvents() {
		ActiveTrace trace = new ActiveTrace(10);
		AtomicLong rows = new AtomicLong(1);
		trace.add(() -> new DatabaseEvent(5, 1, TraceEvent.OK, "dataSource", "select 1", List.of(), 0, rows.get(), null,
				null));
		List<TraceEvent> events = trace.finish();
		rows.set(2);
		assertThat(trace.finish()).isEqualTo(events);
	}

	@Test
	void keepsTheTracingContext() {
		ActiveTrace trace = new ActiveTrace(10);
		assertThat(trace.tracing()).isNull();
		trace.setTracing(new TracingContext("6a3f0c1de2b94f5e8a7b6c5d4e3f2a10", "8a7b6c5d4e3f2a10"));
		assertThat(trace.tracing()).isEqualTo(new TracingContext("6a3f0c1de2b94f5e8a7b6c5d4e3f2a10", "8a7b6c5d4e3f2a10"));
	}

	private static CustomEvent custom(String name, long offsetMicros) {
		return new CustomEvent(offsetMicros, 0, TraceEvent.OK, name, Map.of());
	}

	private static DatabaseEvent statement(String sql, long offsetMicros) {
		return new DatabaseEvent(offsetMicros, 1, TraceEvent.OK, "dataSource", sql, List.of(), 0, 1L, null, null);
	}

}
