package io.chronotrace.core.scrub;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScrubRulesNameTests {

	private final ScrubRules keyOnly = ScrubRules.of(List.of("key"), List.of());

	private final ScrubRules defaults = ScrubRules.defaults();

	@ParameterizedTest
	@ValueSource(strings = { "key", "KEY", "Key", "api_key", "apiKey", "ApiKey", "X-Api-Key", "x-api-key", "API_KEY",
			"APIKey", "key2", "s3Key", "api.key", "api key", "keys[key]", "my-key-id", "apikey", "secretKey" })
	void keyMatchesItAsAWholeWord(String name) {
		assertThat(this.keyOnly.isSecretName(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "monkey", "keyboard", "turkey", "Monkey", "KEYBOARD", "hockey", "keys", "donkeyKong",
			"keynote", "" })
	void keyDoesNotMatchItInsideAnotherWord(String name) {
		assertThat(this.keyOnly.isSecretName(name)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "userPassword", "PASSWORD_HASH", "Authorization", "Proxy-Authorization",
			"Cookie", "Set-Cookie", "X-CSRF-Token", "access_token", "XMLToken", "oauth2Token", "client_secret",
			"JSESSIONID", "PHPSESSID", "sessionid", "SESSION", "session_id", "creditCard", "credit_card_number",
			"CreditCardNumber", "customer.ssn", "email", "userEmail", "EMAIL_ADDRESS", "phone", "mobilePhone",
			"csrftoken", "refreshToken", "X-Auth-Token", "privateKey" })
	void defaultKeysMatchCommonSecretNames(String name) {
		assertThat(this.defaults.isSecretName(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "username", "Content-Type", "Accept", "X-Request-Id", "tokenizer", "secretary",
			"passwords2fa", "cardNumber", "credit", "creditLimit", "emailing", "telephone", "keyboardLayout",
			"Keep-Alive", "sessions", "orderId", "Host" })
	void defaultKeysLeaveOrdinaryNamesAlone(String name) {
		assertThat(this.defaults.isSecretName(name)).isFalse();
	}

	@Test
	void multiWordKeyMatchesWhenItsWordsAreConsecutive() {
		ScrubRules rules = ScrubRules.of(List.of("credit_card"), List.of());
		assertThat(rules.isSecretName("creditCard")).isTrue();
		assertThat(rules.isSecretName("customer-credit-card-number")).isTrue();
		assertThat(rules.isSecretName("CREDIT_CARD")).isTrue();
		assertThat(rules.isSecretName("cardCredit")).isFalse();
		assertThat(rules.isSecretName("creditScoreCard")).isFalse();
	}

	@Test
	void keysAreSplitLikeNames() {
		ScrubRules rules = ScrubRules.of(List.of("apiKey", "X-Session-Id"), List.of());
		assertThat(rules.isSecretName("api_key")).isTrue();
		assertThat(rules.isSecretName("API-KEY")).isTrue();
		assertThat(rules.isSecretName("x_session_id")).isTrue();
		assertThat(rules.isSecretName("sessionId")).isFalse();
		assertThat(rules.isSecretName("key")).isFalse();
	}

	@Test
	void namesAreSplitAtSeparatorsCaseChangesAndDigits() {
		assertThat(NameMatcher.words("X-Api-Key")).containsExactly("x", "api", "key");
		assertThat(NameMatcher.words("XMLHttpRequest")).containsExactly("xml", "http", "request");
		assertThat(NameMatcher.words("oauth2Token")).containsExactly("oauth", "2", "token");
		assertThat(NameMatcher.words("user[email]")).containsExactly("user", "email");
		assertThat(NameMatcher.words("JSESSIONID")).containsExactly("j", "session", "id");
		assertThat(NameMatcher.words("__a..b__")).containsExactly("a", "b");
	}

	@Test
	void sameAnswerWhenTheCacheIsOverflowed() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(this.keyOnly.isSecretName("field" + i + "Key")).isTrue();
			assertThat(this.keyOnly.isSecretName("field" + i + "monkey")).isFalse();
		}
	}

	@Test
	void keyWithoutLetterOrDigitIsRejectedWithItsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScrubRules.of(List.of("password", "--"), null))
			.withMessageContaining("'--'")
			.withMessageContaining("chronotrace.scrub");
	}

	@Test
	void defaultsAreTheDocumentedOnes() {
		assertThat(ScrubRules.defaults().keys()).containsExactly("password", "token", "secret", "key",
				"authorization", "cookie", "session", "credit_card", "ssn", "email", "phone");
		assertThat(ScrubRules.defaults().patterns()).containsExactly(ScrubRules.EMAIL, ScrubRules.CARD_NUMBER);
		assertThat(ScrubRules.of(List.of("password"), null).patterns()).isEqualTo(ScrubRules.DEFAULT_PATTERNS);
	}

}
