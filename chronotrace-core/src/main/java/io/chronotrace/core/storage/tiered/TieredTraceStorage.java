package io.chronotrace.core.storage.tiered;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.SpoolStatistics;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceCursor;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two storages read as one ({@code storage: tiered}): traces are written to the hot tier, and
 * a {@link TierMover} later moves them to the cold tier; traces of failed requests (status 500
 * or above, or an exception) are written to the cold tier at once as well, so that they survive
 * whatever happens to the hot one.
 * <p>
 * A trace can be in both tiers for a while (a failed request's, or one the mover copied and has
 * not yet deleted from hot): reads prefer the hot copy and listings show it once. Listings ask
 * both tiers for a page after the same cursor and merge them newest first, so a cursor works
 * across both. Purge applies to both tiers, which for the hot one matters only when the mover
 * has fallen behind.
 */
public final class TieredTraceStorage implements TraceStorage, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TieredTraceStorage.class);

	private final TraceStorage hot;

	private final TraceStorage cold;

	/**
	 * Creates a storage.
	 * @param hot where traces are written first and read first
	 * @param cold where they are moved to, and kept for the retention period
	 */
	public TieredTraceStorage(TraceStorage hot, TraceStorage cold) {
		this.hot = hot;
		this.cold = cold;
	}

	/**
	 * Whether a trace goes to the cold tier at once: the request failed.
	 * @param trace the trace
	 * @return whether the status is 500 or above, or an exception escaped
	 */
	public static boolean isCritical(Trace trace) {
		return trace.response().status() >= 500 || trace.exception() != null;
	}

	@Override
	public long store(Trace trace) {
		long bytes = this.hot.store(trace);
		if (isCritical(trace)) {
			copyToCold(List.of(trace));
		}
		return bytes;
	}

	@Override
	public BatchStoreResult storeAll(List<Trace> traces) {
		BatchStoreResult result = this.hot.storeAll(traces);
		List<TraceId> failed = result.failures().stream().map(BatchStoreResult.Failure::id).toList();
		List<Trace> critical = traces.stream()
			.filter((trace) -> isCritical(trace) && !failed.contains(trace.id()))
			.toList();
		if (!critical.isEmpty()) {
			copyToCold(critical);
		}
		return result;
	}

	/** A failure here loses nothing: the hot copy stays, and the mover copies it later. */
	private void copyToCold(List<Trace> traces) {
		try {
			BatchStoreResult result = this.cold.storeAll(traces);
			for (BatchStoreResult.Failure failure : result.failures()) {
				logger.warn("Could not copy the trace {} of a failed request to the cold tier ({}) at once; "
						+ "it is moved later: {}", failure.id(), this.cold.description().type(), failure.cause().getMessage());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not copy {} traces of failed requests to the cold tier ({}) at once; "
					+ "they are moved later: {}", traces.size(), this.cold.description().type(), ex.getMessage());
		}
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		Optional<Trace> trace = this.hot.retrieve(id);
		return trace.isPresent() ? trace : this.cold.retrieve(id);
	}

	@Override
	public TracePage list(TraceQuery query) {
		TracePage hotPage = this.hot.list(query);
		TracePage coldPage = this.cold.list(query);
		Map<TraceId, TraceSummary> merged = new LinkedHashMap<>();
		hotPage.items().forEach((summary) -> merged.put(summary.id(), summary));
		coldPage.items().forEach((summary) -> merged.putIfAbsent(summary.id(), summary));
		PageCollector page = new PageCollector(query);
		merged.values().forEach(page::add);
		// each tier listed down to its cursor (a page's last item, or where its scan limit
		// stopped it): the merged page is complete down to the newer of the two
		for (TracePage tier : List.of(hotPage, coldPage)) {
			if (tier.nextCursor() != null) {
				page.cut(TraceCursor.parse(tier.nextCursor()));
			}
		}
		return page.toTracePage();
	}

	@Override
	public boolean delete(TraceId id) {
		boolean hotDeleted = this.hot.delete(id);
		boolean coldDeleted = this.cold.delete(id);
		return hotDeleted || coldDeleted;
	}

	/**
	 * Purges both tiers. A trace in both is counted once: the hot tier's traces of the purged
	 * days (none, unless the mover has fallen behind) are counted only when the cold tier does
	 * not hold them too.
	 */
	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		long hotOnly = 0;
		String cursor = null;
		do {
			TracePage page = this.hot.list(TraceQuery.builder()
				.to(TraceLayout.startOf(TraceLayout.dayOf(cutoff)))
				.limit(TraceQuery.MAX_LIMIT)
				.cursor(cursor)
				.build());
			for (TraceSummary summary : page.items()) {
				if (this.cold.retrieve(summary.id()).isEmpty()) {
					hotOnly++;
				}
			}
			cursor = page.nextCursor();
		}
		while (cursor != null);
		PurgeResult hot = this.hot.purgeOlderThan(cutoff);
		PurgeResult cold = this.cold.purgeOlderThan(cutoff);
		return cold.plus(PurgeResult.of(hotOnly, hot.days()));
	}

	/** Up when both tiers are; the details of each tier under {@code hot} and {@code cold}. */
	@Override
	public StorageCheck check() {
		return combine(this.hot.check(), this.cold.check());
	}

	@Override
	public StorageCheck probe() {
		return combine(this.hot.probe(), this.cold.probe());
	}

	private StorageCheck combine(StorageCheck hotCheck, StorageCheck coldCheck) {
		StorageCheck check;
		if (hotCheck.up() && coldCheck.up()) {
			check = StorageCheck.ok();
		}
		else {
			List<String> reasons = new ArrayList<>();
			if (!hotCheck.up()) {
				reasons.add("hot tier (" + this.hot.description().type() + "): " + hotCheck.reason());
			}
			if (!coldCheck.up()) {
				reasons.add("cold tier (" + this.cold.description().type() + "): " + coldCheck.reason());
			}
			check = StorageCheck.down(String.join("; ", reasons));
		}
		return check.withDetail("hot", tier(this.hot, hotCheck)).withDetail("cold", tier(this.cold, coldCheck));
	}

	private static Map<String, Object> tier(TraceStorage storage, StorageCheck check) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", check.up() ? "UP" : "DOWN");
		if (check.reason() != null) {
			details.put("reason", check.reason());
		}
		details.put("storage", storage.description().type());
		details.put("location", storage.description().location());
		details.putAll(check.details());
		return details;
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		Optional<InputStream> content = this.hot.openAttachment(id, name);
		return content.isPresent() ? content : this.cold.openAttachment(id, name);
	}

	/** The bytes of both tiers per day, added: a trace in both counts twice, as it takes room twice. */
	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>(this.cold.sizeByDay());
		this.hot.sizeByDay().forEach((day, bytes) -> sizes.merge(day, bytes, Long::sum));
		return sizes;
	}

	/**
	 * The hot tier.
	 * @return the hot tier
	 */
	public TraceStorage hot() {
		return this.hot;
	}

	/**
	 * The cold tier.
	 * @return the cold tier
	 */
	public TraceStorage cold() {
		return this.cold;
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("tiered", "hot: " + this.hot.description() + "; cold: " + this.cold.description());
	}

	/** The spools of both tiers together, when either has one. */
	@Override
	public Optional<SpoolStatistics> spoolStatistics() {
		Optional<SpoolStatistics> hot = this.hot.spoolStatistics();
		Optional<SpoolStatistics> cold = this.cold.spoolStatistics();
		if (hot.isPresent() && cold.isPresent()) {
			return Optional.of(hot.get().plus(cold.get()));
		}
		return hot.isPresent() ? hot : cold;
	}

	@Override
	public String toString() {
		return "TieredTraceStorage{hot=" + this.hot + ", cold=" + this.cold + "}";
	}

	/** Closes the tiers that hold resources (an S3 spool, for example). */
	@Override
	public void close() throws Exception {
		Exception failure = null;
		for (TraceStorage tier : List.of(this.hot, this.cold)) {
			if (tier instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					failure = ex;
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
