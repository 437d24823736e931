package io.chronotrace.web.servlet;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import io.chronotrace.web.servlet.RecordingPolicy.Decision;

import static org.assertj.core.api.Assertions.assertThat;

class ModeRecordingPolicyTests {

	private static final List<String> DEFAULT_EXCLUDES = ModeRecordingPolicy.defaultExcludes("/actuator");

	@Test
	void alwaysRecordsEveryRequestThatIsNotExcluded() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.always(DEFAULT_EXCLUDES);

		assertThat(policy.decide("/api/orders")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("/")).isEqualTo(Decision.RECORD);
	}

	@Test
	void defaultExcludesSkipTheActuatorAndStaticResources() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.always(DEFAULT_EXCLUDES);

		assertThat(List.of("/actuator", "/actuator/health", "/actuator/metrics/jvm.memory.used", "/favicon.ico",
				"/webjars/bootstrap/5.3/css/bootstrap.min.css", "/static/app.html", "/css/site.css", "/js/app.js",
				"/images/logo", "/assets/font", "/app/main.js", "/img/logo.png", "/fonts/inter.woff2"))
			.allSatisfy((path) -> assertThat(policy.decide(path)).as(path).isEqualTo(Decision.SKIP));
		assertThat(policy.decide("/actuatorish")).isEqualTo(Decision.RECORD);
	}

	@Test
	void excludesMatchPathsAsTheMatcherSeesThemEncodedOrWithPathParameters() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.always(DEFAULT_EXCLUDES);

		assertThat(policy.decide("/%61ctuator/health")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/actuator;jsessionid=abc/health")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/api;v=1/orders")).isEqualTo(Decision.RECORD);
	}

	@Test
	void defaultExcludesFollowTheActuatorBasePath() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.always(ModeRecordingPolicy.defaultExcludes("/manage/"));

		assertThat(policy.decide("/manage/health")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/actuator/health")).isEqualTo(Decision.RECORD);
	}

	@Test
	void actuatorAtTheRootDoesNotExcludeEverything() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.always(ModeRecordingPolicy.defaultExcludes("/"));

		assertThat(policy.decide("/api/orders")).isEqualTo(Decision.RECORD);
	}

	@Test
	void userPatternsKeepAntSemanticsWhereverTheDoubleWildcardStands() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.always(List.of("/api/**/internal", "/reports/*.CSV",
				"health", "/docs/{page}"));

		assertThat(policy.decide("/api/v1/admin/internal")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/api/v1/admin/public")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("/reports/sales.CSV")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/health")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/docs/intro")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/docs/intro/more")).isEqualTo(Decision.RECORD);
	}

	@Test
	void staticExtensionsAreMatchedWhateverTheirCase() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.always(DEFAULT_EXCLUDES);

		assertThat(policy.decide("/deep/path/logo.PNG")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/archive/site.min.Css")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/themes/.css")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/api/files.json")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("/api/v1.2/css")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("/api/style.scss")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("/api/css")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("css")).isEqualTo(Decision.RECORD);
	}

	@Test
	void recordOnErrorLeavesTheDecisionToTheOutcome() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.onError(DEFAULT_EXCLUDES);

		assertThat(policy.decide("/api/orders")).isEqualTo(Decision.RECORD_ON_ERROR);
		assertThat(policy.decide("/actuator/health")).isEqualTo(Decision.SKIP);
	}

	@Test
	void sampleRecordsTheSampledFractionAndLeavesTheRestToTheOutcome() {
		assertThat(ModeRecordingPolicy.sampled(0.1, () -> 0.05, List.of()).decide("/a")).isEqualTo(Decision.RECORD);
		assertThat(ModeRecordingPolicy.sampled(0.1, () -> 0.5, List.of()).decide("/a"))
			.isEqualTo(Decision.RECORD_ON_ERROR);
		assertThat(ModeRecordingPolicy.sampled(0.0, () -> 0.0, List.of()).decide("/a"))
			.isEqualTo(Decision.RECORD_ON_ERROR);
		assertThat(ModeRecordingPolicy.sampled(1.0, () -> 0.999, List.of()).decide("/a")).isEqualTo(Decision.RECORD);
	}

	@Test
	void targetedRecordsMatchingRoutesOnlyWithOrWithoutLeadingSlash() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.targeted(List.of("checkout/*", "/api/**"), DEFAULT_EXCLUDES);

		assertThat(policy.decide("/checkout/42")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("/api/v1/orders/7")).isEqualTo(Decision.RECORD);
		assertThat(policy.decide("/checkout/42/items")).isEqualTo(Decision.SKIP);
		assertThat(policy.decide("/other")).isEqualTo(Decision.SKIP);
	}

	@Test
	void targetedWithoutRoutesRecordsNothing() {
		assertThat(ModeRecordingPolicy.targeted(List.of(), List.of()).decide("/checkout/42")).isEqualTo(Decision.SKIP);
	}

	@Test
	void excludeWinsOverTarget() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.targeted(List.of("/api/**"), List.of("api/health"));

		assertThat(policy.decide("/api/health")).isEqualTo(Decision.SKIP);
	}

	@Test
	void pathsAreMatchedWithinTheApplicationWithoutTheContextPath() {
		ModeRecordingPolicy policy = ModeRecordingPolicy.targeted(List.of("/checkout/*"), DEFAULT_EXCLUDES);
		MockHttpServletRequest checkout = new MockHttpServletRequest("GET", "/shop/checkout/42");
		checkout.setContextPath("/shop");
		MockHttpServletRequest actuator = new MockHttpServletRequest("GET", "/shop/actuator/health");
		actuator.setContextPath("/shop");

		assertThat(policy.decide(checkout)).isEqualTo(Decision.RECORD);
		assertThat(ModeRecordingPolicy.always(DEFAULT_EXCLUDES).decide(actuator)).isEqualTo(Decision.SKIP);
	}

}
