package io.chronotrace.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnStorageBackend}: the backend is in use
 * ({@link StorageBackends}) and its libraries are present ({@link StorageLibraries}). A backend
 * in use without its libraries fails start-up elsewhere, naming them.
 */
class StorageBackendCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnStorageBackend.class.getName());
		String backend = (String) attributes.get("value");
		StorageBackends backends = StorageBackends.of(context.getEnvironment());
		if (!backends.inUse().contains(backend)) {
			return ConditionOutcome.noMatch(backend + " is neither chronotrace.storage nor a tier of it");
		}
		List<String> missing = StorageLibraries.missing(backend, context.getClassLoader());
		if (!missing.isEmpty()) {
			return ConditionOutcome.noMatch(backends.describe(backend) + " but " + missing + " is missing");
		}
		return ConditionOutcome.match(backends.describe(backend));
	}

}
