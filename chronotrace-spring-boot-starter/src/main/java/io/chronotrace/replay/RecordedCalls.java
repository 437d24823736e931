package io.chronotrace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.replay.diff.WordDiff;

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

	/**
	 * The recorded call nearest to one the recording holds no answer for, those not handed out
	 * first.
	 * @param method the method of the call
	 * @param url the URL of the call
	 * @return the nearest recorded call, or {@code null} when the recording holds none
	 */
	synchronized @Nullable HttpClientEvent nearest(String method, String url) {
		String sent = method + " " + url;
		HttpClientEvent nearest = null;
		int best = Integer.MAX_VALUE;
		for (boolean taken : new boolean[] { false, true }) {
			for (Recorded recorded : this.calls) {
				if (recorded.taken != taken) {
					continue;
				}
				int distance = WordDiff.distance(recorded.call.method() + " " + recorded.call.url(), sent);
				if (distance < best) {
					best = distance;
					nearest = recorded.call;
				}
			}
			if (nearest != null) {
				return nearest;
			}
		}
		return null;
	}

	/**
	 * The recorded calls not handed out.
	 * @return the calls, in order
	 */
	synchronized List<HttpClientEvent> notTaken() {
		return this.calls.stream().filter((recorded) -> !recorded.taken).map((recorded) -> recorded.call).toList();
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
