package io.chronotrace.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a backend is in use: it is {@code chronotrace.storage}, or
 * {@code chronotrace.storage} is {@code tiered} and the backend is its
 * {@code chronotrace.tiered.hot} or {@code chronotrace.tiered.cold}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(StorageBackendCondition.class)
public @interface ConditionalOnStorageBackend {

	/**
	 * The backend.
	 * @return the backend
	 */
	ChronoTraceProperties.StorageType value();

}
