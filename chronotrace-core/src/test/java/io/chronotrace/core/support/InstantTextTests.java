package io.chronotrace.core.support;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instants are written as {@link Instant#toString()} writes them, whatever their year and
 * fraction.
 */
class InstantTextTests {

	@Test
	void writesWhatInstantToStringWrites() {
		SplittableRandom random = new SplittableRandom(7);
		long min = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
		for (int i = 0; i < 200_000; i++) {
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), nanos);
			assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
		}
	}

	@Test
	void edgesOfTheYearsWrittenWithoutASign() {
		for (String text : new String[] { "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
				"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.000001Z",
				"2100-03-01T00:00:00Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z" }) {
			Instant instant = Instant.parse(text);
			assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
		}
	}

}
