package io.chronotrace.core.storage;

import java.time.Duration;
import java.time.Instant;

import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceQueryTests {

	private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

	@Test
	void filtersOnEverySummaryField() {
		TraceSummary summary = summary(T, 503, "POST", "/api/orders/1", 2_000_000);
		assertThat(TraceQuery.builder().status(StatusFilter.parse("5xx")).build().matches(summary)).isTrue();
		assertThat(TraceQuery.builder().status(StatusFilter.parse("500")).build().matches(summary)).isFalse();
		assertThat(TraceQuery.builder().method("post").build().matches(summary)).isTrue();
		assertThat(TraceQuery.builder().pathPrefix("/api/orders").build().matches(summary)).isTrue();
		assertThat(TraceQuery.builder().pathPrefix("/api/products").build().matches(summary)).isFalse();
		assertThat(TraceQuery.builder().minDuration(Duration.ofSeconds(2)).build().matches(summary)).isTrue();
		assertThat(TraceQuery.builder().minDuration(Duration.ofMillis(2001)).build().matches(summary)).isFalse();
		assertThat(TraceQuery.builder().from(T).to(T.plusSeconds(1)).build().matches(summary)).isTrue();
		assertThat(TraceQuery.builder().to(T).build().matches(summary)).isFalse();
	}

	@Test
	void cursorContinuesStrictlyAfterTheLastItem() {
		TraceSummary last = summary(T, 200, "GET", "/", 1);
		String cursor = TraceCursor.after(last);
		TraceQuery next = TraceQuery.builder().cursor(cursor).build();
		assertThat(next.matches(last)).isFalse();
		assertThat(next.matches(summary(T.minusNanos(1000), 200, "GET", "/", 1))).isTrue();
		assertThat(next.matches(summary(T.plusSeconds(1), 200, "GET", "/", 1))).isFalse();
		assertThat(next.upperBound()).isEqualTo(T.plusNanos(1));
	}

	@Test
	void aCursorWhereAScanStoppedContinuesWithWhatStartedStrictlyBefore() {
		TraceQuery next = TraceQuery.builder().cursor(TraceCursor.before(T).encoded()).build();

		assertThat(next.matches(summary(T, 200, "GET", "/", 1))).isFalse();
		assertThat(next.matches(summary(T.minusNanos(1), 200, "GET", "/", 1))).isTrue();
		assertThat(next.upperBound()).isEqualTo(T);
		assertThat(next.start()).isEqualTo(TraceCursor.before(T));
		assertThat(TraceQuery.builder().to(T).build().start()).isEqualTo(TraceCursor.before(T));
		assertThat(TraceQuery.newest().start()).isNull();
		assertThat(TraceQuery.newest().scanLimit()).isEqualTo(TraceQuery.DEFAULT_SCAN_LIMIT);
	}

	@Test
	void rejectsBadInputWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> TraceQuery.builder().scanLimit(0).build())
			.withMessageContaining("scan limit must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceQuery.builder().limit(0).build())
			.withMessageContaining("limit must be between 1 and 1000");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceQuery.builder().cursor("not-a-cursor").build())
			.withMessageContaining("Invalid trace listing cursor");
		assertThatIllegalArgumentException().isThrownBy(() -> StatusFilter.parse("6xx"))
			.withMessageContaining("use a status such as 404 or a class such as 5xx");
		assertThatIllegalArgumentException().isThrownBy(() -> StatusFilter.parse("abc"));
	}

	private static TraceSummary summary(Instant start, int status, String method, String path, long micros) {
		return new TraceSummary(TraceId.create(start), start, micros, "app", method, path, status, null, 0);
	}

}
