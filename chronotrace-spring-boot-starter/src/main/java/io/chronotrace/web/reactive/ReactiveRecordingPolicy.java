package io.chronotrace.web.reactive;

import org.springframework.http.server.reactive.ServerHttpRequest;

import io.chronotrace.web.RecordingDecision;
import io.chronotrace.web.RecordingRules;

/**
 * Decides, when a request arrives at a WebFlux application, whether its exchange is recorded.
 * Declare a bean of this type to replace the policy of the {@code chronotrace.mode} property.
 */
@FunctionalInterface
public interface ReactiveRecordingPolicy {

	/**
	 * Decides whether to record a request's exchange. Called on every request, so it must be
	 * cheap, and must not read the request's body.
	 * @param request the request
	 * @return the decision
	 */
	RecordingDecision decide(ServerHttpRequest request);

	/**
	 * The policy of the {@code chronotrace.mode} rules, applied to the path within the
	 * application (without {@code spring.webflux.base-path}).
	 * @param rules the rules
	 * @return the policy
	 */
	static ReactiveRecordingPolicy of(RecordingRules rules) {
		return new ModeReactiveRecordingPolicy(rules);
	}

}
