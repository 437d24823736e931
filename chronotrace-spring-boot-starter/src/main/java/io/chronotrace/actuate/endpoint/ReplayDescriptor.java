package io.chronotrace.actuate.endpoint;

import java.util.List;

import io.chronotrace.replay.ReplayCall;
import io.chronotrace.replay.ReplayResult;
import io.chronotrace.replay.diff.Difference;
import io.chronotrace.replay.diff.Noise;
import io.chronotrace.replay.jdbc.ReplayedStatement;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The answer of the replay operation, written by actuator's JSON mapper; see
 * {@link ReplayResult} for its fields.
 *
 * @param original the recorded response
 * @param replay the replayed response, with the id of its trace
 * @param identical whether no difference was found but noise
 * @param differences the differences that count
 * @param noise the differences that do not, each with its reason
 * @param isolated whether outbound calls were answered from the recording
 * @param servedFromRecording the outbound calls answered from the recording
 * @param unmatchedCalls the outbound calls the recording held no answer for, with the nearest
 * recorded ones
 * @param warnings what could not be replayed or compared as recorded
 * @param sqlFromRecording whether SQL statements were answered from the recording too
 * @param statements how each statement was answered, or its near miss
 * @param unusedCalls the recorded outbound calls the replay did not make
 * @param note what an isolated replay answered from the recording, and so did not write
 */
public record ReplayDescriptor(ReplayResult.Exchange original, ReplayResult.Exchange replay, boolean identical,
		List<Difference> differences, List<Noise> noise, boolean isolated, List<ReplayCall> servedFromRecording,
		List<ReplayCall> unmatchedCalls, List<String> warnings, boolean sqlFromRecording,
		List<ReplayedStatement> statements, List<ReplayCall> unusedCalls,
		@Nullable String note) implements OperationResponseBody {

	static ReplayDescriptor of(ReplayResult result) {
		return new ReplayDescriptor(result.original(), result.replay(), result.identical(), result.differences(),
				result.noise(), result.isolated(), result.servedFromRecording(), result.unmatchedCalls(),
				result.warnings(), result.sqlFromRecording(), result.statements(), result.unusedCalls(), result.note());
	}

}
