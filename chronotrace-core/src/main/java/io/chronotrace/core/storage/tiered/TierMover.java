package io.chronotrace.core.storage.tiered;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.support.StoredAttachments;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the traces of a {@link TieredTraceStorage}'s hot tier that are older than the hot
 * retention to its cold tier, a page at a time, one pass per {@link #moveDue()} call (the
 * starter runs it on a schedule).
 * <p>
 * A trace is deleted from the hot tier only after the cold tier has stored it, attachments
 * included. A process that stops between the two leaves the trace in both tiers: nothing is
 * lost, a listing shows it once, and the next pass copies it again (storing an id again
 * replaces it) and deletes it from hot.
 */
public final class TierMover {

	private static final Logger logger = LoggerFactory.getLogger(TierMover.class);

	private static final int PAGE = 100;

	private final TraceStorage hot;

	private final TraceStorage cold;

	private final Duration hotRetention;

	private final Clock clock;

	/**
	 * Creates a mover.
	 * @param storage the tiered storage whose traces move
	 * @param hotRetention how long a trace stays in the hot tier
	 * @param clock the clock that says how old a trace is
	 */
	public TierMover(TieredTraceStorage storage, Duration hotRetention, Clock clock) {
		this.hot = storage.hot();
		this.cold = storage.cold();
		this.hotRetention = hotRetention;
		this.clock = clock;
	}

	/**
	 * Moves every hot trace older than the hot retention. Stops at the first trace the cold
	 * tier does not take, leaving it (and the rest) in the hot tier for the next pass.
	 * @return the number of traces moved
	 * @throws io.chronotrace.core.storage.TraceStorageException when a tier fails
	 */
	public int moveDue() {
		Instant cutoff = this.clock.instant().minus(this.hotRetention);
		int moved = 0;
		TraceSummary previousFirst = null;
		while (true) {
			// each page's traces leave the hot tier, so the next listing starts over without a cursor
			// no scan limit: a page stopped early would look like the end (moved traces a layout
			// keeps as tombstones are looked at too)
			TracePage page = this.hot
				.list(TraceQuery.builder().to(cutoff).limit(PAGE).scanLimit(TraceQuery.NO_SCAN_LIMIT).build());
			if (page.items().isEmpty()) {
				break;
			}
			if (page.items().get(0).equals(previousFirst)) {
				logger.warn("Trace {} stays listed in the hot tier ({}) after it was moved; the next pass retries",
						previousFirst.id(), this.hot.description().type());
				break;
			}
			previousFirst = page.items().get(0);
			for (TraceSummary summary : page.items()) {
				if (move(summary)) {
					moved++;
				}
			}
			if (page.nextCursor() == null) {
				break;
			}
		}
		if (moved > 0) {
			logger.debug("Moved {} traces from the hot tier ({}) to the cold tier ({})", moved, this.hot.description().type(),
					this.cold.description().type());
		}
		return moved;
	}

	private boolean move(TraceSummary summary) {
		Optional<Trace> stored = this.hot.retrieve(summary.id());
		if (stored.isEmpty()) {
			// unreadable or gone: delete what is left of it so the listing does not offer it again
			this.hot.delete(summary.id());
			return false;
		}
		Trace trace = StoredAttachments.withAttachments(this.hot, stored.get());
		try {
			this.cold.store(trace);
		}
		finally {
			trace.releaseAttachments();
		}
		this.hot.delete(summary.id());
		return true;
	}

}
