package io.chronotrace.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link UnsupportedSpringBootVersionException} as its one line, without a stack
 * trace. Uses only types that Spring Boot 3 and 4 share, since it runs on the version it
 * refuses.
 */
public final class UnsupportedSpringBootVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedSpringBootVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedSpringBootVersionException cause) {
		return new FailureAnalysis(cause.getMessage(), UnsupportedSpringBootVersionException.ACTION, cause);
	}

}
