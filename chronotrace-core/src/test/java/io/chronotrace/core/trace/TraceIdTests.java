package io.chronotrace.core.trace;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TraceIdTests {

	@ParameterizedTest
	@ValueSource(strings = { "../../etc/passwd", "", "1-1-1-1-1", "0192f5e4-6a1b-7cde-8f01-23456789abc",
			"0192f5e4-6a1b-7cde-8f01-23456789abcdd", "0192f5e4/6a1b-7cde-8f01-23456789abcd",
			"0192f5e4-6a1b-7cde-8f01-23456789abcg", "0192f5e4-6a1b-7cde-8f01-2345678٣abcd",
			"..%2f..%2fetc%2fpasswd00000000000000", "0192f5e4-6a1b-7cde-8f01 23456789abcd" })
	void rejectsAnythingButACanonicalUuid(String text) {
		assertThat(TraceId.isValid(text)).isFalse();
		assertThatExceptionOfType(InvalidTraceIdException.class).isThrownBy(() -> TraceId.parse(text))
			.withMessageContaining("Invalid trace id")
			.withMessageContaining("a trace id is a UUID");
	}

	@Test
	void rejectsNull() {
		assertThatExceptionOfType(InvalidTraceIdException.class).isThrownBy(() -> TraceId.parse(null));
	}

	@Test
	void acceptsEitherCaseAndNormalizesToLowerCase() {
		assertThat(TraceId.parse("0192F5E4-6A1B-7CDE-8F01-23456789ABCD"))
			.hasToString("0192f5e4-6a1b-7cde-8f01-23456789abcd")
			.isEqualTo(TraceId.parse("0192f5e4-6a1b-7cde-8f01-23456789abcd"));
	}

	@Test
	void createdIdsCarryTheirMillisecondAndSortByTime() {
		Instant earlier = Instant.parse("2026-11-21T10:15:30.123Z");
		Instant later = earlier.plusMillis(1);
		TraceId first = TraceId.create(earlier);
		TraceId second = TraceId.create(later);
		assertThat(first.timestamp()).contains(earlier);
		assertThat(first).isLessThan(second);
		assertThat(TraceId.parse(first.toString())).isEqualTo(first);
	}

	@Test
	void idsOfOtherVersionsCarryNoTime() {
		assertThat(TraceId.parse(java.util.UUID.randomUUID().toString()).timestamp()).isEmpty();
	}

	@Test
	void longRejectedTextIsCutInTheMessage() {
		String hostile = "x".repeat(10_000) + "\n";
		assertThatExceptionOfType(InvalidTraceIdException.class).isThrownBy(() -> TraceId.parse(hostile))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
	}

}
