package io.chronotrace.core.scrub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ScrubRulesValueTests {

	private final ScrubRules rules = ScrubRules.defaults();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			contact alice@example.com now                | contact [SCRUBBED] now
			<a href="mailto:bob.smith+tag@mail.example.co.uk">  | <a href="mailto:[SCRUBBED]">
			a@b.io,c_d@e-f.org                           | [SCRUBBED],[SCRUBBED]
			end with dot jane@example.com.               | end with dot [SCRUBBED].
			""")
	void emailAddressesAreScrubbed(String text, String expected) {
		assertThat(this.rules.scrubValue(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "@", "user@", "@example.com", "user@localhost", "user@example.c", "a@b.c1",
			"version 1.2@3.4", "@@@", "x@-.-" })
	void textThatIsNotAnEmailAddressIsKept(String text) {
		assertThat(this.rules.scrubValue(text)).isSameAs(text);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			card 4111111111111111 ok       | card [SCRUBBED] ok
			4111 1111 1111 1111            | [SCRUBBED]
			4111-1111-1111-1111            | [SCRUBBED]
			amex 3782 822463 10005.        | amex [SCRUBBED].
			mc=5555555555554444&x=1        | mc=[SCRUBBED]&x=1
			visa13 4222222222222           | visa13 [SCRUBBED]
			ref 1234 4111 1111 1111 1111   | ref 1234 [SCRUBBED]
			""")
	void luhnValidCardNumbersAreScrubbed(String text, String expected) {
		assertThat(this.rules.scrubValue(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "order 4111111111111112", "1718000000000", "at 1718000000004 ms", "41111111111",
			"41111111111111111111111", "4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1", "sha a4111111111111111b",
			"4111  1111  1111  1111", "phone 555-123-4567" })
	void numbersThatAreNotCardNumbersAreKept(String text) {
		assertThat(this.rules.scrubValue(text)).isSameAs(text);
	}

	@Test
	void luhnCheckAcceptsKnownTestNumbers() {
		for (String number : List.of("4111111111111111", "5500005555555559", "378282246310005", "6011111111111117",
				"3530111333300000", "30569309025904")) {
			assertThat(CardNumberMatcher.passesLuhn(number.getBytes(StandardCharsets.US_ASCII), 0, number.length())).as(number).isTrue();
		}
		assertThat(CardNumberMatcher.passesLuhn("4111111111111121".getBytes(StandardCharsets.US_ASCII), 0, 16)).isFalse();
	}

	@Test
	void configuredPatternsReplaceTheDefaults() {
		ScrubRules custom = ScrubRules.of(List.of("password"), List.of("ACCT-[0-9]{6}"));
		assertThat(custom.scrubValue("account ACCT-123456 of alice@example.com"))
			.isEqualTo("account [SCRUBBED] of alice@example.com");
	}

	@Test
	void builtInPatternsCanBeListedBesideOwnOnes() {
		ScrubRules custom = ScrubRules.of(List.of(), List.of(ScrubRules.EMAIL, "(?i)iban [a-z]{2}[0-9]{2}[0-9 ]+"));
		assertThat(custom.scrubValue("alice@example.com IBAN DE89 3704 0044 0532 0130 00"))
			.isEqualTo("[SCRUBBED] [SCRUBBED]");
	}

	@Test
	void noPatternsScrubsNoValue() {
		ScrubRules none = ScrubRules.of(List.of("password"), List.of());
		String text = "alice@example.com 4111111111111111";
		assertThat(none.scrubValue(text)).isSameAs(text);
	}

	@Test
	void invalidPatternIsRejectedWithItsText() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScrubRules.of(List.of(), List.of("ok", "(unclosed")))
			.withMessageContaining("'(unclosed'")
			.withMessageContaining("chronotrace.scrub-patterns");
	}

	@Test
	void backReferenceIsRejectedAsUnsupported() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScrubRules.of(List.of(), List.of("(a)\\1")))
			.withMessageContaining("'(a)\\1'")
			.withMessageContaining("RE2");
	}

	@Test
	void patternMatchingEmptyTextIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScrubRules.of(List.of(), List.of("x*")))
			.withMessageContaining("'x*'")
			.withMessageContaining("empty");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			4111111111111111                            | [SCRUBBED]
			card 4111 1111 1111 1111 paid               | card [SCRUBBED] paid
			x4111-1111-1111-1111                        | x4111-1111-1111-1111
			(4111-1111-1111-1111)                       | ([SCRUBBED])
			01a23279-fa9f-7d10-9611-dddf6d265dd1        | 01a23279-fa9f-7d10-9611-dddf6d265dd1
			mail zoe@example.com now                    | mail [SCRUBBED] now
			""")
	void textWithoutANameValueSeparatorIsScannedForCardsAndAddresses(String text, String expected) {
		assertThat(this.rules.scrubText(text)).isEqualTo(expected);
		assertThat(this.rules.scrubValue(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			login failed password=hunter2 for user 7   | login failed password=[SCRUBBED] for user 7
			{"token": "abc def", "user": "x"}           | {"token": "[SCRUBBED]", "user": "x"}
			Authorization: Bearer eyJhbGciOi.x.y done   | Authorization: Bearer [SCRUBBED] done
			GET /cb?code=1&access_token=zzz&x=2         | GET /cb?code=1&access_token=[SCRUBBED]&x=2
			api_key = 'k1', id=3                        | api_key = '[SCRUBBED]', id=3
			already password=[SCRUBBED] here            | already password=[SCRUBBED] here
			monkey=banana keyboard: qwerty              | monkey=banana keyboard: qwerty
			""")
	void freeTextAlsoHasSecretsWrittenAsNameAndValueScrubbed(String text, String expected) {
		assertThat(this.rules.scrubText(text)).isEqualTo(expected);
		assertThat(this.rules.scrubText(expected)).isEqualTo(expected);
	}

	@Test
	void valuesDoNotGetTheNameAndValueScan() {
		assertThat(this.rules.scrubValue("password=hunter2")).isEqualTo("password=hunter2");
	}

	@Test
	void adversarialTextsAreScannedWithoutBlowingUp() {
		List<String> hostile = List.of("a@a.a@a.".repeat(128 * 1024), "1-1-1-".repeat(170_000),
				"4111 ".repeat(200_000), "a".repeat(1 << 20) + "@", "@" + "a.".repeat(500_000),
				"x.".repeat(300_000) + "@" + "y-".repeat(200_000), "password=\"".repeat(100_000),
				"key: ".repeat(200_000), "9".repeat(1 << 20));
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			for (String text : hostile) {
				assertThat(this.rules.scrubText(text)).isNotNull();
			}
		});
	}

	@Test
	void patternsThatWouldBacktrackForeverRunInLinearTime() {
		ScrubRules catastrophic = ScrubRules.of(List.of(), List.of("(a+)+b", "(x|x)*y", "(.*a){12}b"));
		String text = "a".repeat(1 << 20) + "c";
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(catastrophic.scrubValue(text)).isSameAs(text));
	}

}
