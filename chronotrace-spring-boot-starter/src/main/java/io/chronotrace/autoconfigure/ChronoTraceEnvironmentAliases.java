package io.chronotrace.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Environment variables of the ChronoTrace storage guide that relaxed binding does not map by
 * itself: {@code CHRONOTRACE_S3_PREFIX} sets {@code chronotrace.s3.path-prefix}.
 * <p>
 * The alias sits just below the system environment: the canonical
 * {@code CHRONOTRACE_S3_PATH_PREFIX}, system properties and command-line arguments win over
 * it, and it wins over application properties files, as environment variables do.
 */
public final class ChronoTraceEnvironmentAliases implements EnvironmentPostProcessor {

	/** The name of the property source the aliases are added as. */
	public static final String PROPERTY_SOURCE_NAME = "chronotraceEnvironmentAliases";

	private static final Map<String, String> ALIASES = Map.of("CHRONOTRACE_S3_PREFIX", "chronotrace.s3.path-prefix");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> system = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (system == null) {
			return;
		}
		Map<String, Object> aliased = new LinkedHashMap<>();
		ALIASES.forEach((variable, property) -> {
			Object value = system.getProperty(variable);
			if (value != null) {
				aliased.put(property, value);
			}
		});
		if (!aliased.isEmpty()) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new MapPropertySource(PROPERTY_SOURCE_NAME, aliased));
		}
	}

}
