package io.chronotrace.autoconfigure;

import java.util.Map;

import io.chronotrace.autoconfigure.ChronoTraceProperties.Mode;
import io.chronotrace.autoconfigure.ChronoTraceProperties.StorageType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variables of the ChronoTrace storage guide configure the starter as a
 * reader of the guide expects, with the guide's spelling of values.
 */
class SeedEnvironmentVariablesTests {

	@Test
	void seedEnvironmentVariablesBind() {
		ChronoTraceProperties properties = bind(Map.of("CHRONOTRACE_ENABLED", "false", "CHRONOTRACE_MODE",
				"record_on_error", "CHRONOTRACE_STORAGE", "memory", "CHRONOTRACE_PATH", "/var/www/storage/chronotrace",
				"CHRONOTRACE_RETENTION_DAYS", "30", "CHRONOTRACE_AUTO_PURGE", "false", "CHRONOTRACE_SAMPLE_RATE", "0.25",
				"CHRONOTRACE_ASYNC_STORAGE", "false"));
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getMode()).isEqualTo(Mode.RECORD_ON_ERROR);
		assertThat(properties.getStorage()).isEqualTo(StorageType.MEMORY);
		assertThat(properties.getPath()).isEqualTo("/var/www/storage/chronotrace");
		assertThat(properties.getRetentionDays()).isEqualTo(30);
		assertThat(properties.isAutoPurge()).isFalse();
		assertThat(properties.getSampleRate()).isEqualTo(0.25);
		assertThat(properties.isAsyncStorage()).isFalse();
	}

	@Test
	void modeAcceptsTheGuidesAndSpringsSpellings() {
		assertThat(bind(Map.of("CHRONOTRACE_MODE", "always")).getMode()).isEqualTo(Mode.ALWAYS);
		assertThat(bind(Map.of("CHRONOTRACE_MODE", "record-on-error")).getMode()).isEqualTo(Mode.RECORD_ON_ERROR);
		assertThat(bind(Map.of("CHRONOTRACE_MODE", "TARGETED")).getMode()).isEqualTo(Mode.TARGETED);
	}

	private static ChronoTraceProperties bind(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment).bindOrCreate("chronotrace", ChronoTraceProperties.class);
	}

}
