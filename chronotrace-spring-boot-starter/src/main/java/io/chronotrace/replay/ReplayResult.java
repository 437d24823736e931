package io.chronotrace.replay;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.chronotrace.replay.diff.Difference;
import io.chronotrace.replay.diff.Noise;
import io.chronotrace.replay.jdbc.ReplayedStatement;

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
 * @param unmatchedCalls the outbound calls the recording held no answer for, which failed, each
 * with the nearest recorded call
 * @param warnings what could not be replayed or compared as recorded
 * @param sqlFromRecording whether SQL statements were answered from the recording too
 * @param statements when SQL was answered from the recording, how each statement sent was, in
 * order (answered, or the near miss), then the recorded ones not sent
 * @param unusedCalls for an isolated replay, the recorded outbound calls it did not make
 * @param note for an isolated replay, what was answered from the recording and so what was not
 * written
 */
public record ReplayResult(Exchange original, Exchange replay, boolean identical, List<Difference> differences,
		List<Noise> noise, boolean isolated, List<ReplayCall> servedFromRecording, List<ReplayCall> unmatchedCalls,
		List<String> warnings, boolean sqlFromRecording, List<ReplayedStatement> statements,
		List<ReplayCall> unusedCalls, @Nullable String note) {

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
