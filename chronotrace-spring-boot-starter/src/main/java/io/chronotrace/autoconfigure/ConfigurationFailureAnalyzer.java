package io.chronotrace.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains ChronoTrace's configuration failures in the words of the README: an unknown value
 * of one of its enum properties is answered with the values as they are written
 * ({@code record-on-error}, not {@code RECORD_ON_ERROR}), and a missing S3 region with one
 * line naming where to set it. Ahead of Spring Boot's own analyzers, which would print the
 * constants' Java names.
 */
public final class ConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MissingS3RegionException) {
				return new FailureAnalysis(MissingS3RegionException.DESCRIPTION, MissingS3RegionException.ACTION,
						cause);
			}
			if (cause instanceof BindException bind) {
				return analyze(bind);
			}
		}
		return null;
	}

	private static @Nullable FailureAnalysis analyze(BindException failure) {
		Class<?> type = failure.getTarget().getType().resolve(Object.class);
		if (!type.isEnum() || !type.getName().startsWith("io.chronotrace.")) {
			return null;
		}
		String name = failure.getName().toString();
		ConfigurationProperty property = failure.getProperty();
		StringBuilder description = new StringBuilder("Invalid value");
		if (property != null) {
			description.append(" '").append(property.getValue()).append("'");
		}
		description.append(" for ").append(name);
		if (property != null && property.getOrigin() != null) {
			description.append(" (").append(property.getOrigin()).append(")");
		}
		description.append('.');
		return new FailureAnalysis(description.toString(),
				"Set " + name + " to one of: " + values(type) + ".", failure);
	}

	/** The values as the README and application.yml write them: lower case, words joined by '-'. */
	static String values(Class<?> enumType) {
		return Arrays.stream(enumType.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.collect(Collectors.joining(", "));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
