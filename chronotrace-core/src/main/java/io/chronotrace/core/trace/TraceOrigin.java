package io.chronotrace.core.trace;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a trace came from: ordinary traffic, or a request the application or ChronoTrace sent
 * itself. {@link TraceOrigins#of(Trace)} tells which.
 */
public enum TraceOrigin {

	/** An ordinary request, and every trace stored before origins existed. */
	REQUEST,

	/** A replay the application sent itself from the endpoint; related: the trace replayed. */
	REPLAY,

	/**
	 * A request the application sent to its own server through a captured HTTP client; related:
	 * the trace of the request that made the call.
	 */
	SELF_CALL,

	/**
	 * A request sent by a JUnit test that the endpoint generated; related: the trace the test was
	 * generated from. Only a label: the test's request says so, nothing proves it.
	 */
	GENERATED_TEST;

	/**
	 * The name of this origin in listing parameters: {@code request}, {@code replay},
	 * {@code self-call} or {@code generated-test}.
	 * @return the name
	 */
	public String parameterName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The origin of a parameter name, without regard to case, {@code _} for {@code -} allowed.
	 * @param name the name
	 * @return the origin, or {@code null} when the name is none
	 */
	public static @Nullable TraceOrigin ofParameterName(String name) {
		String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (TraceOrigin origin : values()) {
			if (origin.name().equals(normalized)) {
				return origin;
			}
		}
		return null;
	}

}
