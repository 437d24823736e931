package io.chronotrace.replay;

import org.springframework.http.server.reactive.ServerHttpRequest;

import io.chronotrace.web.RecordingDecision;
import io.chronotrace.web.reactive.ReactiveRecordingPolicy;

/**
 * The WebFlux twin of the {@link ReplayRecordingPolicy}: records every replay this application
 * sends itself, whatever the mode, but not a replay's second run, and leaves every other request
 * to the application's policy.
 */
public final class ReactiveReplayRecordingPolicy implements ReactiveRecordingPolicy {

	private final ReactiveRecordingPolicy delegate;

	private final ReplayRegistry registry;

	/**
	 * Creates a policy.
	 * @param delegate decides for requests that are not replays
	 * @param registry the replays in progress
	 */
	public ReactiveReplayRecordingPolicy(ReactiveRecordingPolicy delegate, ReplayRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public RecordingDecision decide(ServerHttpRequest request) {
		Boolean recorded = this.registry.recorded(request.getHeaders().getFirst(ReplayHeaders.TOKEN));
		if (recorded != null) {
			return recorded ? RecordingDecision.RECORD : RecordingDecision.SKIP;
		}
		return this.delegate.decide(request);
	}

	@Override
	public String toString() {
		return "ReactiveReplayRecordingPolicy[" + this.delegate + "]";
	}

}
