package io.chronotrace.core.storage;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * What {@link TraceStorage#purgeOlderThan} deleted: the UTC days whose traces it deleted, and
 * how many traces that was when the backend knows it (a backend that deletes whole files or
 * partitions of a day may not).
 *
 * @param traces the traces deleted, {@code null} when the backend does not know
 * @param days the days whose traces were deleted
 */
public record PurgeResult(@Nullable Long traces, SortedSet<LocalDate> days) {

	/** Nothing deleted. */
	public static final PurgeResult NOTHING = new PurgeResult(0L, Collections.emptySortedSet());

	public PurgeResult {
		days = Collections.unmodifiableSortedSet(new TreeSet<>(days));
		if (traces != null && traces < 0) {
			throw new IllegalArgumentException("traces must not be negative, was " + traces);
		}
	}

	/**
	 * The traces of some days, counted.
	 * @param traces how many traces were deleted
	 * @param days the days they were in
	 * @return the result
	 */
	public static PurgeResult of(long traces, Collection<LocalDate> days) {
		return new PurgeResult(traces, new TreeSet<>(days));
	}

	/**
	 * The traces of some days, not counted.
	 * @param days the days deleted
	 * @return the result
	 */
	public static PurgeResult ofDays(Collection<LocalDate> days) {
		return new PurgeResult(days.isEmpty() ? 0L : null, new TreeSet<>(days));
	}

	/**
	 * What this and another purge of other traces deleted together: the days of both, and the
	 * traces of both when both are known.
	 * @param other the other purge
	 * @return the sum
	 */
	public PurgeResult plus(PurgeResult other) {
		TreeSet<LocalDate> all = new TreeSet<>(this.days);
		all.addAll(other.days);
		Long sum = (this.traces != null && other.traces != null) ? (Long) (this.traces + other.traces) : null;
		return new PurgeResult(sum, all);
	}

	/**
	 * Whether anything was deleted.
	 * @return whether some day was deleted
	 */
	public boolean isEmpty() {
		return this.days.isEmpty() && (this.traces == null || this.traces == 0);
	}

	/**
	 * Says what was deleted, for a log line: {@code 12 traces of 3 days}, or {@code 3 days} when
	 * the traces are not counted.
	 * @return the description
	 */
	public String describe() {
		String days = this.days.size() + ((this.days.size() == 1) ? " day" : " days");
		if (this.traces == null) {
			return days + " (traces not counted)";
		}
		return this.traces + ((this.traces == 1) ? " trace" : " traces") + " of " + days;
	}

}
