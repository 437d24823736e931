package io.chronotrace.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains ChronoTrace's configuration failures in the words of the README: an unknown value
 * of one of its enum properties is answered with the values as they are written
 * ({@code record-on-error}, not {@code RECORD_ON_ERROR}), and a missing S3 region with one
 * line naming where to set it, and every invalid value found by the properties' validation
 * with its origin. Ahead of Spring Boot's own analyzers, which would print the constants' Java
 * names.
 */
public final class ConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MissingS3RegionException) {
				return new FailureAnalysis(MissingS3RegionException.DESCRIPTION, MissingS3RegionException.ACTION,
						cause);
			}
			FailureAnalysis analysis = null;
			if (cause instanceof BindException bind) {
				analysis = analyze(bind);
			}
			else if (cause instanceof BindValidationException validation) {
				analysis = analyze(validation.getValidationErrors());
			}
			if (analysis != null) {
				return analysis;
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

	/**
	 * Every invalid value of ChronoTrace's properties, each with where it was set. Spring Boot's
	 * own analysis names a field in its Java form and finds no origin for nested properties.
	 */
	private static @Nullable FailureAnalysis analyze(ValidationErrors errors) {
		String prefix = errors.getName().toString();
		if (!prefix.equals("chronotrace") && !prefix.startsWith("chronotrace.")) {
			return null;
		}
		StringBuilder description = new StringBuilder("Invalid ChronoTrace configuration:\n");
		for (ObjectError error : errors.getAllErrors()) {
			description.append('\n');
			if (error instanceof FieldError field) {
				String name = prefix + "." + field.getField();
				ConfigurationProperty property = errors.getBoundProperties()
					.stream()
					.filter((bound) -> bound.getName().toString().equals(name))
					.findFirst()
					.orElse(null);
				description.append("    Property: ").append(name).append('\n');
				if (property != null) {
					description.append("    Value: \"").append(property.getValue()).append("\"\n");
					if (property.getOrigin() != null) {
						description.append("    Origin: ").append(property.getOrigin()).append('\n');
					}
				}
			}
			description.append("    Reason: ").append(error.getDefaultMessage()).append('\n');
		}
		return new FailureAnalysis(description.toString(),
				"Correct the properties above; each reason says what the property accepts.", null);
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
