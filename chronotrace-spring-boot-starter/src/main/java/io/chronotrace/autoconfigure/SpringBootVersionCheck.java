package io.chronotrace.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fails start-up with one clear line when the application runs a Spring Boot older than 4:
 * ChronoTrace is built on Spring Boot 4 and Jackson 3, and on Spring Boot 3 it would otherwise
 * fail later with a {@code NoClassDefFoundError} that names neither. Registered in
 * {@code META-INF/spring.factories} as an {@link ApplicationContextInitializer}, which every
 * Spring Boot line loads and runs before any auto-configuration; it touches only types that
 * Spring Boot 3 and 4 share. {@code chronotrace.enabled=false} lets the application start
 * without ChronoTrace.
 */
public final class SpringBootVersionCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The Spring Boot lines ChronoTrace is built and tested against. */
	static final String SUPPORTED = "4.0 and 4.1";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (!isEnabled(context)) {
			return;
		}
		check(SpringBootVersion.getVersion());
	}

	/**
	 * Checks a Spring Boot version.
	 * @param version the version, {@code null} when unknown (then it passes)
	 * @throws UnsupportedSpringBootVersionException when it is older than 4
	 */
	static void check(@Nullable String version) {
		Integer major = major(version);
		if (major != null && major < 4) {
			throw new UnsupportedSpringBootVersionException(version, SUPPORTED);
		}
	}

	private static @Nullable Integer major(@Nullable String version) {
		if (version == null) {
			return null;
		}
		int dot = version.indexOf('.');
		try {
			return Integer.valueOf((dot > 0) ? version.substring(0, dot) : version);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean isEnabled(ConfigurableApplicationContext context) {
		String enabled = context.getEnvironment().getProperty("chronotrace.enabled");
		return enabled == null || !"false".equalsIgnoreCase(enabled.trim());
	}

}
