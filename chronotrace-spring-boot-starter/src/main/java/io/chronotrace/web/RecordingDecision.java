package io.chronotrace.web;

/** Whether an exchange is recorded, decided when its request arrives. */
public enum RecordingDecision {

	/** Not recorded, and not even wrapped: no cost. */
	SKIP,

	/** Recorded. */
	RECORD,

	/** Recorded if it fails: a status of 500 or above, or an exception escaped. */
	RECORD_ON_ERROR

}
