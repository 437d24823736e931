package io.chronotrace.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a backend is in use, as {@code chronotrace.storage} or as a tier of
 * {@code storage: tiered}, and its client libraries are on the classpath.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(StorageBackendCondition.class)
@interface ConditionalOnStorageBackend {

	/**
	 * The backend's name.
	 * @return the value of {@code chronotrace.storage} that names it
	 */
	String value();

}
