package io.chronotrace.replay.diff;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which differences are noise, and why.
 */
class NoiseRulesTests {

	private final NoiseRules rules = new NoiseRules(List.of("$.errors", "lines"));

	@Test
	void aTimestampOfAnErrorBodyIsNoiseButNotOfAnAnswer() {
		Difference timestamp = new Difference(Difference.BODY, "$.timestamp", "2026-12-07T05:12:45.123+00:00",
				"2026-12-07T05:13:02.009+00:00");
		assertThat(this.rules.sort(List.of(timestamp), null, 500, "application/json").noise())
			.singleElement()
			.satisfies((noise) -> assertThat(noise.reason()).isEqualTo(Noise.ERROR_TIMESTAMP));
		assertThat(this.rules.sort(List.of(timestamp), null, 200, "application/problem+json").noise()).hasSize(1);
		// in a successful answer, a changed time is the application's own business
		assertThat(this.rules.sort(List.of(timestamp), null, 200, "application/json").differences())
			.containsExactly(timestamp);
		// a value that is no time under such a name counts
		Difference notATime = new Difference(Difference.BODY, "$.timestamp", "soon", "later");
		assertThat(this.rules.sort(List.of(notATime), null, 500, "application/json").differences())
			.containsExactly(notATime);
	}

	@Test
	void anOrderIsNoiseOnlyWhereDeclared() {
		Difference errors = new Difference(Difference.ORDER, "$.errors", "[1,2]", "[2,1]");
		Difference items = new Difference(Difference.ORDER, "$.items", "[1,2]", "[2,1]");
		Difference lines = new Difference(Difference.ORDER, "lines", "a\nb", "b\na");
		NoiseRules.Sorted sorted = this.rules.sort(List.of(errors, items, lines), null, 400, "application/json");
		assertThat(sorted.differences()).containsExactly(items);
		assertThat(sorted.noise()).extracting(Noise::path).containsExactly("$.errors", "lines");
	}

	@Test
	void whatDiffersBetweenTwoRunsIsNoiseThereAndUnderneath() {
		Difference views = new Difference(Difference.BODY, "$.views", "1", "2");
		Difference nested = new Difference(Difference.BODY, "$.cart.items[0].id", "7", "8");
		Difference price = new Difference(Difference.BODY, "$.price", "1", "2");
		Difference cookie = new Difference(Difference.HEADER, "Set-Cookie", "a=1", "a=2");
		List<Difference> betweenRuns = List.of(new Difference(Difference.BODY, "$.views", "2", "3"),
				new Difference(Difference.BODY, "$.cart", "{}", "{}"),
				new Difference(Difference.HEADER, "Set-Cookie", "a=2", "a=3"));
		NoiseRules.Sorted sorted = this.rules.sort(List.of(views, nested, price, cookie), betweenRuns, 200,
				"application/json");
		assertThat(sorted.differences()).containsExactly(price);
		assertThat(sorted.noise()).extracting(Noise::path).containsExactly("$.views", "$.cart.items[0].id", "Set-Cookie");
		// $.price is not under $.p...
		assertThat(new NoiseRules(List.of())
			.sort(List.of(price), List.of(new Difference(Difference.BODY, "$.p", "1", "2")), 200, null)
			.differences()).containsExactly(price);
	}

}
