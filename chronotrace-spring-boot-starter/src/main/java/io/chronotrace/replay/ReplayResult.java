package io.chronotrace.replay;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.chronotrace.replay.diff.Difference;
import io.chronotrace.replay.diff.Noise;

/**
 * What a replay found: the recorded and the replayed responses, and how they differ.
 *
 * @param original the recorded response (as stored, scrubbed), with the original trace's id
 * @param replay the replayed response (scrubbed like a stored one), with the id of its trace
 * @param identical whether no difference was found but noise
 * @param differences the differences that count: status, headers, then body
 * @param noise the differences that do not, each with its reason: what changes between two runs
 * of the same build, timestamps of error bodies, the order of arrays declared unordered
 * @param isolated whether outbound calls were answered from the recording
 * @param servedFromRecording the outbound calls answered from the recording
 * @param unmatchedCalls the outbound calls the recording held no answer for, which failed
 * @param warnings what could not be replayed or compared as recorded
 */
public record ReplayResult(Exchange original, Exchange replay, boolean identical, List<Difference> differences,
		List<Noise> noise, boolean isolated, List<ReplayCall> servedFromRecording, List<ReplayCall> unmatchedCalls,
		List<String> warnings) {

	/**
	 * One side of a replay.
	 *
	 * @param status the response status
	 * @param headers the response headers
	 * @param body the response body as text; {@code null} when there is none or it is not text
	 * @param traceId the id of the trace of this exchange; for a replay, {@code null} when it was
	 * not recorded (such as when sent to another application)
	 */
	public record Exchange(int status, Map<String, List<String>> headers, @Nullable String body,
			@Nullable String traceId) {
	}

}
