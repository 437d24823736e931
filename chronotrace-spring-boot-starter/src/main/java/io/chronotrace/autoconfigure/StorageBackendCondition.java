package io.chronotrace.autoconfigure;

import java.util.Locale;
import java.util.Map;

import io.chronotrace.autoconfigure.ChronoTraceProperties.StorageType;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnStorageBackend}.
 */
class StorageBackendCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnStorageBackend.class.getName());
		StorageType backend = (StorageType) attributes.get("value");
		Environment environment = context.getEnvironment();
		StorageType storage = type(environment.getProperty("chronotrace.storage"), StorageType.LOCAL);
		if (storage == backend) {
			return ConditionOutcome.match("chronotrace.storage is " + name(backend));
		}
		if (storage == StorageType.TIERED) {
			if (type(environment.getProperty("chronotrace.tiered.hot"), ChronoTraceTieredProperties.DEFAULT_HOT) == backend) {
				return ConditionOutcome.match("chronotrace.tiered.hot is " + name(backend));
			}
			if (type(environment.getProperty("chronotrace.tiered.cold"), null) == backend) {
				return ConditionOutcome.match("chronotrace.tiered.cold is " + name(backend));
			}
		}
		return ConditionOutcome.noMatch(name(backend) + " is neither chronotrace.storage nor a tier of it");
	}

	private static StorageType type(String value, StorageType fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return StorageType.valueOf(value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			// binding reports the bad value with the property's name
			return null;
		}
	}

	private static String name(StorageType type) {
		return type.name().toLowerCase(Locale.ROOT);
	}

}
