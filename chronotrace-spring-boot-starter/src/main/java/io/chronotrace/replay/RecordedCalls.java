package io.chronotrace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceEvent;

/**
 * The outbound calls of a recorded trace, handed out as the answers of the same calls in a
 * replay: a call gets the first recorded call, not yet handed out, of the same method and URL.
 * A scrubbed part of a recorded URL ({@code ?api_key=[SCRUBBED]}) matches any value. Thread-safe.
 */
final class RecordedCalls {

	private final List<Recorded> calls = new ArrayList<>();

	RecordedCalls(Trace trace) {
		for (TraceEvent event : trace.events()) {
			if (event instanceof HttpClientEvent call) {
				this.calls.add(new Recorded(call, pattern(call.url())));
			}
		}
	}

	/**
	 * Takes the recorded answer of a call.
	 * @param method the method of the call
	 * @param url the URL of the call
	 * @return the recorded call, or {@code null} when none is left that matches
	 */
	synchronized @Nullable HttpClientEvent take(String method, String url) {
		for (Recorded recorded : this.calls) {
			if (!recorded.taken && recorded.call.method().equalsIgnoreCase(method)
					&& recorded.url.matcher(url).matches()) {
				recorded.taken = true;
				return recorded.call;
			}
		}
		return null;
	}

	private static Pattern pattern(String recordedUrl) {
		String url = recordedUrl.replace("%5BSCRUBBED%5D", ScrubRules.MARKER);
		StringBuilder regex = new StringBuilder();
		int from = 0;
		int marker;
		while ((marker = url.indexOf(ScrubRules.MARKER, from)) >= 0) {
			regex.append(Pattern.quote(url.substring(from, marker))).append("[^&#/]*");
			from = marker + ScrubRules.MARKER.length();
		}
		regex.append(Pattern.quote(url.substring(from)));
		return Pattern.compile(regex.toString());
	}

	private static final class Recorded {

		private final HttpClientEvent call;

		private final Pattern url;

		private boolean taken;

		Recorded(HttpClientEvent call, Pattern url) {
			this.call = call;
			this.url = url;
		}

	}

}
