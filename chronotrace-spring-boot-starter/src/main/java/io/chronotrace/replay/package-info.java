/**
 * Replay of recorded requests against the running application: the rebuilt request (scrubbed
 * values dropped or substituted), the replay recorded as a trace linked to the original, the
 * isolated mode that answers outbound calls from the recording, and the comparison.
 */
@NullMarked
package io.chronotrace.replay;

import org.jspecify.annotations.NullMarked;
