package io.chronotrace.web.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides, when a request arrives, whether its exchange is recorded. Declare a bean of this
 * type to replace the policy of the {@code chronotrace.mode} property.
 */
@FunctionalInterface
public interface RecordingPolicy {

	/**
	 * Decides whether to record a request's exchange. Called on every request, so it must be
	 * cheap, and must not read the request's body or parameters.
	 * @param request the request
	 * @return the decision
	 */
	Decision decide(HttpServletRequest request);

	/** Whether an exchange is recorded. */
	enum Decision {

		/** Not recorded, and not even wrapped: no cost. */
		SKIP,

		/** Recorded. */
		RECORD,

		/** Recorded if it fails: a status of 500 or above, or an exception escaped. */
		RECORD_ON_ERROR

	}

}
