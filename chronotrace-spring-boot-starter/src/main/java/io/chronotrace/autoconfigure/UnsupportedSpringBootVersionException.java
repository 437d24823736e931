package io.chronotrace.autoconfigure;

/**
 * Thrown at start-up when the application runs a Spring Boot that ChronoTrace does not support.
 */
public class UnsupportedSpringBootVersionException extends IllegalStateException {

	/** How to go on. */
	static final String ACTION = "Upgrade the application to Spring Boot 4, or set chronotrace.enabled=false to "
			+ "start it without ChronoTrace.";

	UnsupportedSpringBootVersionException(String version, String supported) {
		super("ChronoTrace supports Spring Boot " + supported + " (it is built on Spring Boot 4 and Jackson 3); "
				+ "this application runs Spring Boot " + version + ". Set chronotrace.enabled=false to start "
				+ "without it.");
	}

}
