package io.chronotrace.core.scrub;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScrubbingWindowTests {

	@Test
	void matchStraddlingTheChunkBoundaryIsFoundWhereverItFalls() throws IOException {
		String email = "someone.special@example.com";
		String card = "4111 1111 1111 1111";
		for (String secret : List.of(email, card)) {
			for (int shift = -secret.length() - 2; shift <= 2; shift++) {
				String text = "a".repeat(ScrubbingWindow.CHUNK + shift) + " " + secret + " " + "b".repeat(30_000);
				assertThat(scrubOneCharAtATime(text, ScrubRules.defaults().textMatcher())).as("shift %d", shift)
					.isEqualTo(text.replace(secret, ScrubRules.MARKER));
			}
		}
	}

	@Test
	void chunkIsNeverCutBetweenASecretNameAndItsValue() throws IOException {
		String secret = "password=hunter2-is-secret";
		for (int shift = -secret.length() - 2; shift <= 2; shift++) {
			String text = "a".repeat(ScrubbingWindow.CHUNK + shift) + " " + secret + " " + "b".repeat(30_000);
			assertThat(scrubOneCharAtATime(text, ScrubRules.defaults().textMatcher())).as("shift %d", shift)
				.isEqualTo(text.replace("hunter2-is-secret", ScrubRules.MARKER));
		}
	}

	@Test
	void matchLongerThanTheWindowIsScrubbedWithoutStalling() throws IOException {
		TextMatcher xs = ScrubRules.of(List.of(), List.of("x+")).valueMatcher();
		String text = "a" + "x".repeat(100_000) + "b";
		String scrubbed = scrubOneCharAtATime(text, xs);
		assertThat(scrubbed).startsWith("a[SCRUBBED]").endsWith("[SCRUBBED]b").doesNotContain("x");
	}

	@Test
	void surrogatePairsAreNeverSplit() throws IOException {
		String text = "🎉".repeat(40_000);
		StringBuilder out = new StringBuilder();
		ScrubbingWindow window = new ScrubbingWindow(ScrubRules.defaults().valueMatcher(), (chars, offset, length) -> {
			assertThat(length == 0 || !Character.isHighSurrogate(chars[offset + length - 1])).isTrue();
			out.append(chars, offset, length);
		});
		char[] chars = text.toCharArray();
		for (char c : chars) {
			window.append(new char[] { c }, 0, 1);
		}
		window.finish();
		assertThat(out.toString()).isEqualTo(text);
	}

	private static String scrubOneCharAtATime(String text, TextMatcher matcher) throws IOException {
		StringBuilder out = new StringBuilder();
		ScrubbingWindow window = new ScrubbingWindow(matcher, out::append);
		char[] one = new char[1];
		for (int i = 0; i < text.length(); i++) {
			one[0] = text.charAt(i);
			window.append(one, 0, 1);
		}
		window.finish();
		return out.toString();
	}

}
