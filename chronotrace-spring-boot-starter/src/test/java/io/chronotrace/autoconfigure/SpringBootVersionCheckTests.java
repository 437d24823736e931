package io.chronotrace.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The check's decisions; {@code chronotrace-boot3-check} runs it on a real Spring Boot 3.5 app.
 */
class SpringBootVersionCheckTests {

	@Test
	void springBoot3IsRefusedInOneLineNamingTheSupportedVersionsAndTheSwitch() {
		assertThatExceptionOfType(UnsupportedSpringBootVersionException.class)
			.isThrownBy(() -> SpringBootVersionCheck.check("3.5.7"))
			.withMessage("ChronoTrace supports Spring Boot 4.0 and 4.1 (it is built on Spring Boot 4 and Jackson 3); "
					+ "this application runs Spring Boot 3.5.7. Set chronotrace.enabled=false to start without it.")
			.satisfies((ex) -> {
				FailureAnalysis analysis = new UnsupportedSpringBootVersionFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription()).isEqualTo(ex.getMessage()).doesNotContain("\n");
				assertThat(analysis.getAction()).contains("chronotrace.enabled=false");
			});
	}

	@Test
	void springBoot4AndUnknownVersionsPass() {
		for (String version : new String[] { "4.0.8", "4.1.2", "4.2.0-SNAPSHOT", null, "unknown" }) {
			assertThatNoException().as(String.valueOf(version)).isThrownBy(() -> SpringBootVersionCheck.check(version));
		}
	}

}
