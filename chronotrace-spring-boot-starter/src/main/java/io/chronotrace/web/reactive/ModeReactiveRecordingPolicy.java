package io.chronotrace.web.reactive;

import org.springframework.http.server.reactive.ServerHttpRequest;

import io.chronotrace.web.RecordingDecision;
import io.chronotrace.web.RecordingRules;

/** The {@code chronotrace.mode} rules applied to WebFlux requests. */
final class ModeReactiveRecordingPolicy implements ReactiveRecordingPolicy {

	private final RecordingRules rules;

	ModeReactiveRecordingPolicy(RecordingRules rules) {
		this.rules = rules;
	}

	@Override
	public RecordingDecision decide(ServerHttpRequest request) {
		return this.rules.decide(request.getPath().pathWithinApplication().value());
	}

	@Override
	public String toString() {
		return "ModeReactiveRecordingPolicy[" + this.rules + "]";
	}

}
