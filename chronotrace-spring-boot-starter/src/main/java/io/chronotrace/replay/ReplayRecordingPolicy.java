package io.chronotrace.replay;

import io.chronotrace.web.servlet.RecordingPolicy;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Records every replay this application sends itself, whatever the mode (a replay in
 * {@code record-on-error} mode would otherwise be kept only if it failed), and leaves every other
 * request to the application's policy. The second run of a replay, which only tells what changes
 * by itself, is not recorded. Only a pending token counts: a request with a forged or spent one is
 * decided like any other.
 */
public final class ReplayRecordingPolicy implements RecordingPolicy {

	private final RecordingPolicy delegate;

	private final ReplayRegistry registry;

	/**
	 * Creates a policy.
	 * @param delegate decides for requests that are not replays
	 * @param registry the replays in progress
	 */
	public ReplayRecordingPolicy(RecordingPolicy delegate, ReplayRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public Decision decide(HttpServletRequest request) {
		Boolean recorded = this.registry.recorded(request.getHeader(ReplayHeaders.TOKEN));
		if (recorded != null) {
			return recorded ? Decision.RECORD : Decision.SKIP;
		}
		return this.delegate.decide(request);
	}

	@Override
	public String toString() {
		return "ReplayRecordingPolicy[" + this.delegate + "]";
	}

}
