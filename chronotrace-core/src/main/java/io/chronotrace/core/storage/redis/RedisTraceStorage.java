package io.chronotrace.core.storage.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.AttachmentStream;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceFormatException;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps traces in Redis ({@code storage: redis}), in the layout of {@link RedisKeys}: one
 * compressed key per trace that expires on its own after the retention period, a sorted set per
 * UTC day that indexes ids by start time, and a hash per day of the summaries a listing reads,
 * so that a listing never fetches a trace.
 * <p>
 * Works over Lettuce's asynchronous commands, the interface that standalone, sentinel and
 * cluster connections share: a batch is sent without waiting for each answer (pipelined) and
 * then awaited, and one connection serves every thread. Core stays free of Spring: the starter
 * hands over the native connection of the application's {@code LettuceConnectionFactory}.
 * <p>
 * Attachments (bodies over {@code max-payload-size}) are keys of their own with the same expiry,
 * written and read a megabyte at a time ({@code APPEND}, {@code GETRANGE}) under a temporary
 * key that is renamed when complete; those over {@link RedisStorageSettings#maxAttachmentSize()}
 * are not kept, because Redis holds every byte in memory. Purge deletes what the expiry has not
 * yet removed and trims the day indexes; whole days go at once.
 */
public final class RedisTraceStorage implements TraceStorage {

	private static final Logger logger = LoggerFactory.getLogger(RedisTraceStorage.class);

	private static final byte RAW = 0;

	private static final byte GZIP = 1;

	private static final int PURGE_CHUNK = 1000;

	private final RedisClusterAsyncCommands<byte[], byte[]> redis;

	private final RedisStorageSettings settings;

	private final RedisKeys keys;

	private final RedisCalls calls;

	private final TraceCodec codec = TraceCodec.get();

	private final RateLimitedLog warnings = new RateLimitedLog(logger, Duration.ofMinutes(1));

	private final Clock clock;

	/**
	 * Creates a storage.
	 * @param redis the asynchronous commands of a connection with a byte array codec
	 * ({@code client.connect(ByteArrayCodec.INSTANCE).async()}); thread-safe and shared
	 * @param settings the key prefix, expiry and compression
	 */
	public RedisTraceStorage(RedisClusterAsyncCommands<byte[], byte[]> redis, RedisStorageSettings settings) {
		this(redis, settings, Clock.systemUTC());
	}

	/**
	 * Creates a storage with a clock, for tests.
	 * @param redis the asynchronous commands of a connection with a byte array codec
	 * @param settings the key prefix, expiry and compression
	 * @param clock the clock that tells which traces have expired
	 */
	public RedisTraceStorage(RedisClusterAsyncCommands<byte[], byte[]> redis, RedisStorageSettings settings,
			Clock clock) {
		this.clock = clock;
		this.redis = redis;
		this.settings = settings;
		this.keys = new RedisKeys(settings.keyPrefix());
		this.calls = new RedisCalls(settings.timeout());
	}

	@Override
	public long store(Trace trace) {
		return storeAll(List.of(trace)).bytesWrittenOrThrow();
	}

	/**
	 * Stores a batch pipelined: the commands of every trace are sent, then their answers
	 * awaited together, so a batch costs about one round trip (attachments excepted).
	 */
	@Override
	public BatchStoreResult storeAll(List<Trace> traces) {
		List<BatchStoreResult.Failure> failures = new ArrayList<>();
		List<Pending> pending = new ArrayList<>();
		Map<LocalDate, List<RedisFuture<?>>> days = new LinkedHashMap<>();
		long ttl = this.settings.timeToLive().getSeconds();
		for (Trace trace : traces) {
			try {
				Optional<String> unstorable = TraceLayout.unstorableReason(trace);
				if (unstorable.isPresent()) {
					throw new TraceStorageException(
							"Redis storage cannot store trace " + trace.id() + ": " + unstorable.get(), null, false);
				}
				LocalDate day = TraceLayout.dayOf(trace.startTime());
				long attachmentBytes = storeAttachments(trace, day);
				byte[] json = this.settings.compression().compress(this.codec.toBytes(trace));
				byte[] summary = this.codec.toBytes(trace.summary());
				byte[] id = RedisKeys.utf8(trace.id().toString());
				long bytes = attachmentBytes + json.length + summary.length;
				List<RedisFuture<?>> futures = List.of(
						this.redis.set(this.keys.trace(trace.id()), json, SetArgs.Builder.ex(ttl)),
						this.redis.zadd(this.keys.day(day), RedisKeys.micros(trace.startTime()), id),
						this.redis.hset(this.keys.summaries(day), id, summary),
						this.redis.incrby(this.keys.size(day), bytes));
				days.computeIfAbsent(day, (newDay) -> new ArrayList<>());
				pending.add(new Pending(trace, day, futures, bytes));
			}
			catch (RuntimeException ex) {
				failures.add(new BatchStoreResult.Failure(trace.id(), RedisCalls.failure("store trace " + trace.id(), ex)));
			}
		}
		long indexTtl = indexTimeToLive();
		for (Map.Entry<LocalDate, List<RedisFuture<?>>> day : days.entrySet()) {
			LocalDate date = day.getKey();
			List<RedisFuture<?>> futures = day.getValue();
			futures.add(this.redis.expire(this.keys.day(date), indexTtl));
			futures.add(this.redis.expire(this.keys.summaries(date), indexTtl));
			futures.add(this.redis.expire(this.keys.size(date), indexTtl));
			futures.add(this.redis.expire(this.keys.attachments(date), indexTtl));
			futures.add(this.redis.zadd(this.keys.days(), date.toEpochDay(),
					RedisKeys.utf8(TraceLayout.dayFolder(date))));
		}
		long deadline = this.calls.deadline();
		long bytes = 0;
		for (Pending trace : pending) {
			try {
				for (RedisFuture<?> future : trace.futures()) {
					this.calls.await(future, deadline, "store trace " + trace.trace().id());
				}
				for (RedisFuture<?> future : days.get(trace.day())) {
					this.calls.await(future, deadline, "index trace " + trace.trace().id());
				}
				bytes += trace.bytes();
			}
			catch (TraceStorageException ex) {
				failures.add(new BatchStoreResult.Failure(trace.trace().id(), ex));
			}
		}
		return new BatchStoreResult(bytes, failures);
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		byte[] stored = this.calls.await(this.redis.get(this.keys.trace(id)), "read trace " + id);
		if (stored == null) {
			return Optional.empty();
		}
		try (InputStream in = Compression.decompress(new ByteArrayInputStream(stored))) {
			return Optional.of(this.codec.readTrace(in));
		}
		catch (TraceFormatException | IOException ex) {
			this.warnings.warn("Skipping trace " + id + " in Redis, it cannot be read: " + ex.getMessage(), ex);
			return Optional.empty();
		}
	}

	/**
	 * Lists from the day indexes and summaries only. Traces older than the time to live are
	 * left out even while their index entries wait for the next purge, so that a listing never
	 * shows a trace whose key has expired.
	 */
	@Override
	public TracePage list(TraceQuery query) {
		Instant from = oldestLive(query.from());
		List<LocalDate> days = new ArrayList<>();
		for (byte[] name : this.calls.await(this.redis.zrevrange(this.keys.days(), 0, -1), "list trace days")) {
			// a day that expired may still be listed here: it holds nothing live
			TraceLayout.parseDay(RedisKeys.text(name))
				.filter((day) -> TraceLayout.startOf(day.plusDays(1)).isAfter(from))
				.ifPresent(days::add);
		}
		PageCollector page = new PageCollector(query);
		return page.walkDays(days, (day) -> day, (day) -> collectDay(day, query, from, page));
	}

	/**
	 * Reads a day's index newest first, a chunk of ids at a time with their summaries, until
	 * nothing older can enter the page or the scan limit is spent (at a microsecond, the unit
	 * the index orders by, looked at whole).
	 */
	private void collectDay(LocalDate day, TraceQuery query, Instant from, PageCollector page) {
		Instant upper = query.upperBound();
		// a start time before the (exclusive) upper bound has at most its microsecond
		Range<Long> scores = Range.from(Range.Boundary.including(RedisKeys.micros(from)),
				(upper != null) ? Range.Boundary.including(RedisKeys.micros(upper)) : Range.Boundary.unbounded());
		int chunk = Math.min(TraceQuery.MAX_LIMIT, Math.max(200, query.limit() + 1));
		byte[] dayKey = this.keys.day(day);
		byte[] summariesKey = this.keys.summaries(day);
		for (long offset = 0;; offset += chunk) {
			List<ScoredValue<byte[]>> ids = this.calls.await(
					this.redis.zrevrangebyscoreWithScores(dayKey, scores, Limit.create(offset, chunk)),
					"list traces of " + day);
			if (ids.isEmpty()) {
				return;
			}
			byte[][] fields = ids.stream().map(ScoredValue::getValue).toArray(byte[][]::new);
			List<KeyValue<byte[], byte[]>> summaries = this.calls.await(this.redis.hmget(summariesKey, fields),
					"read summaries of " + day);
			for (int i = 0; i < summaries.size(); i++) {
				long micros = (long) ids.get(i).getScore();
				if (!page.next(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
						Math.floorMod(micros, 1_000_000L) * 1000))) {
					return;
				}
				KeyValue<byte[], byte[]> summary = summaries.get(i);
				Optional<TraceSummary> listed = summary.hasValue() ? readSummary(summary.getKey(), summary.getValue())
						: Optional.empty();
				if (listed.isPresent() && !listed.get().startTime().isBefore(from)) {
					page.offer(listed.get());
				}
				else {
					page.skipped();
				}
			}
			long oldestMillis = Math.floorDiv((long) ids.get(ids.size() - 1).getScore(), 1000L);
			if (ids.size() < chunk || page.excludes(oldestMillis)) {
				return;
			}
		}
	}

	private Instant oldestLive(@Nullable Instant from) {
		Instant oldest = this.clock.instant().minus(this.settings.timeToLive());
		return (from != null && from.isAfter(oldest)) ? from : oldest;
	}

	private Optional<TraceSummary> readSummary(byte[] id, byte[] json) {
		try {
			return Optional.of(this.codec.readSummary(json));
		}
		catch (TraceFormatException ex) {
			this.warnings.warn("Skipping the summary of trace " + RedisKeys.text(id)
					+ " in Redis, it cannot be read: " + ex.getMessage(), ex);
			return Optional.empty();
		}
	}

	@Override
	public boolean delete(TraceId id) {
		Optional<LocalDate> day = TraceLayout.dayOf(id);
		if (day.isEmpty()) {
			// an id that carries no time: the trace itself says where it is indexed
			day = retrieve(id).map((trace) -> TraceLayout.dayOf(trace.startTime()));
		}
		long deadline = this.calls.deadline();
		RedisFuture<Long> deleted = this.redis.del(this.keys.trace(id));
		if (day.isEmpty()) {
			return this.calls.await(deleted, deadline, "delete trace " + id) > 0;
		}
		byte[] member = RedisKeys.utf8(id.toString());
		RedisFuture<Long> unindexed = this.redis.zrem(this.keys.day(day.get()), member);
		RedisFuture<Long> unlisted = this.redis.hdel(this.keys.summaries(day.get()), member);
		deleteAttachments(day.get(), Set.of(id.toString()));
		boolean existed = this.calls.await(deleted, deadline, "delete trace " + id) > 0;
		existed |= this.calls.await(unindexed, deadline, "delete trace " + id) > 0;
		this.calls.await(unlisted, deadline, "delete trace " + id);
		return existed;
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		LocalDate firstKept = TraceLayout.dayOf(cutoff);
		List<byte[]> names = this.calls.await(this.redis.zrange(this.keys.days(), 0, -1), "list trace days");
		List<LocalDate> days = new ArrayList<>();
		long purged = 0;
		for (byte[] name : names) {
			Optional<LocalDate> parsed = TraceLayout.parseDay(RedisKeys.text(name));
			if (parsed.isEmpty()) {
				continue;
			}
			LocalDate day = parsed.get();
			if (!day.isBefore(firstKept)) {
				forgetIfExpired(day, name);
				continue;
			}
			purged += purgeDay(day, name);
			days.add(day);
		}
		return PurgeResult.of(purged, days);
	}

	/** Deletes a whole day: its traces, attachments and index keys. */
	private int purgeDay(LocalDate day, byte[] name) {
		byte[] dayKey = this.keys.day(day);
		int purged = 0;
		for (long start = 0;; start += PURGE_CHUNK) {
			List<byte[]> ids = this.calls.await(this.redis.zrange(dayKey, start, start + PURGE_CHUNK - 1),
					"list traces of " + day + " to purge");
			if (ids.isEmpty()) {
				break;
			}
			this.calls.await(this.redis.del(traceKeys(ids)), "purge traces of " + day);
			purged += ids.size();
		}
		Set<byte[]> attachments = this.calls.await(this.redis.smembers(this.keys.attachments(day)),
				"list attachments of " + day + " to purge");
		if (!attachments.isEmpty()) {
			this.calls.await(this.redis.del(attachments.stream()
				.map((member) -> this.keys.attachment(RedisKeys.text(member)))
				.toArray(byte[][]::new)), "purge attachments of " + day);
		}
		this.calls.await(this.redis.del(dayKey, this.keys.summaries(day), this.keys.attachments(day),
				this.keys.size(day)), "purge the index of " + day);
		this.calls.await(this.redis.zrem(this.keys.days(), name), "purge the index of " + day);
		return purged;
	}

	/** Drops a day from the list of days once its index has expired on its own. */
	private void forgetIfExpired(LocalDate day, byte[] name) {
		if (this.calls.await(this.redis.exists(this.keys.day(day)), "look for the index of " + day) == 0) {
			this.calls.await(this.redis.zrem(this.keys.days(), name), "forget the index of " + day);
		}
	}

	private void deleteAttachments(LocalDate day, Set<String> ids) {
		byte[] setKey = this.keys.attachments(day);
		Set<byte[]> members = this.calls.await(this.redis.smembers(setKey), "list attachments of " + day);
		List<byte[]> mine = members.stream().filter((member) -> ids.contains(RedisKeys.traceOf(member))).toList();
		if (mine.isEmpty()) {
			return;
		}
		long deadline = this.calls.deadline();
		RedisFuture<Long> deleted = this.redis
			.del(mine.stream().map((member) -> this.keys.attachment(RedisKeys.text(member))).toArray(byte[][]::new));
		RedisFuture<Long> removed = this.redis.srem(setKey, mine.toArray(byte[][]::new));
		this.calls.await(deleted, deadline, "delete attachments");
		this.calls.await(removed, deadline, "delete attachments");
	}

	private byte[][] traceKeys(List<byte[]> ids) {
		return ids.stream().map((id) -> this.keys.trace(TraceId.parse(RedisKeys.text(id)))).toArray(byte[][]::new);
	}

	/**
	 * A cheap check: one {@code PING}, and the server's memory use from {@code INFO memory}.
	 * Writes nothing.
	 */
	@Override
	public StorageCheck check() {
		try {
			long start = System.nanoTime();
			this.calls.await(this.redis.ping(), "answer PING");
			long millis = (System.nanoTime() - start) / 1_000_000;
			StorageCheck check = StorageCheck.ok().withDetail("keyPrefix", this.settings.keyPrefix())
				.withDetail("pingMillis", millis);
			String memory = this.calls.await(this.redis.info("memory"), "report its memory");
			String used = infoField(memory, "used_memory_human");
			return (used != null) ? check.withDetail("usedMemory", used) : check;
		}
		catch (RuntimeException ex) {
			return StorageCheck.down(RedisCalls.failure("answer", ex).getMessage() + " (" + this.settings.location() + ")");
		}
	}

	/**
	 * Sets a probe key that expires on its own, reads it back and deletes it.
	 */
	@Override
	public StorageCheck probe() {
		byte[] key = this.keys.probe();
		byte[] value = Instant.now().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		try {
			this.calls.await(this.redis.set(key, value, SetArgs.Builder.px(30_000)), "write a probe key");
			byte[] read = this.calls.await(this.redis.get(key), "read a probe key");
			this.calls.await(this.redis.del(key), "delete a probe key");
			if (!Arrays.equals(value, read)) {
				return StorageCheck.down("the probe key " + RedisKeys.text(key) + " read back differs from what was written ("
						+ this.settings.location() + ")");
			}
		}
		catch (RuntimeException ex) {
			return StorageCheck.down(RedisCalls.failure("write", ex).getMessage() + " (" + this.settings.location() + ")");
		}
		return check();
	}

	private static @Nullable String infoField(String info, String field) {
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1).trim();
			}
		}
		return null;
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		byte[] key = this.keys.attachment(id, name);
		long length = this.calls.await(this.redis.strlen(key), "open attachment " + name + " of trace " + id);
		if (length == 0) {
			return Optional.empty();
		}
		byte[] flag = this.calls.await(this.redis.getrange(key, 0, 0), "open attachment " + name + " of trace " + id);
		if (flag == null || flag.length == 0) {
			return Optional.empty();
		}
		InputStream content = new RedisValueInputStream(this.redis, this.calls, key, 1, length);
		if (flag[0] == GZIP) {
			try {
				content = new GZIPInputStream(content, 8192);
			}
			catch (IOException ex) {
				throw new TraceStorageException(
						"Redis storage could not open attachment " + name + " of trace " + id + ": " + ex.getMessage(),
						ex);
			}
		}
		return AttachmentStream.of(Optional.of(content), id, name, description().type());
	}

	/**
	 * Bytes written per day, from the counter each store adds to. It counts what ChronoTrace
	 * wrote (compressed traces, summaries, attachments), not Redis's own overhead per key.
	 */
	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		List<byte[]> names = this.calls.await(this.redis.zrange(this.keys.days(), 0, -1), "list trace days");
		Map<LocalDate, RedisFuture<byte[]>> counters = new LinkedHashMap<>();
		for (byte[] name : names) {
			TraceLayout.parseDay(RedisKeys.text(name))
				.ifPresent((day) -> counters.put(day, this.redis.get(this.keys.size(day))));
		}
		SortedMap<LocalDate, Long> sizes = new TreeMap<>();
		long deadline = this.calls.deadline();
		for (Map.Entry<LocalDate, RedisFuture<byte[]>> counter : counters.entrySet()) {
			byte[] value = this.calls.await(counter.getValue(), deadline, "read the size of " + counter.getKey());
			if (value != null) {
				sizes.put(counter.getKey(), Math.max(0, Long.parseLong(RedisKeys.text(value))));
			}
		}
		return sizes;
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("redis", this.settings.location() + " (keys " + this.settings.keyPrefix() + "*)");
	}

	@Override
	public String toString() {
		return "RedisTraceStorage{" + description().location() + "}";
	}

	/**
	 * The index of a day outlives the traces written to it by a day, so that it expires on its
	 * own too; purge trims it earlier.
	 */
	private long indexTimeToLive() {
		return this.settings.timeToLive().plusDays(1).getSeconds();
	}

	/**
	 * Writes the attachments of a trace a megabyte at a time to a temporary key, renamed when
	 * complete so that a reader never sees half an attachment. Waits for each chunk, so memory
	 * stays bounded whatever the size.
	 */
	private long storeAttachments(Trace trace, LocalDate day) {
		long bytes = 0;
		for (TraceAttachment attachment : trace.attachments()) {
			if (attachment.size() > this.settings.maxAttachmentSize()) {
				this.warnings.warn("Redis storage keeps trace " + trace.id() + " without its attachment "
						+ attachment.name() + ": " + attachment.size() + " bytes is over the "
						+ this.settings.maxAttachmentSize() + " bytes of chronotrace.redis.max-attachment-size", null);
				continue;
			}
			byte[] writing = this.keys.attachmentInProgress(trace.id(), attachment.name());
			boolean gzip = this.settings.compression().enabled();
			try (ChunkWriter chunks = new ChunkWriter(writing, gzip ? GZIP : RAW, trace.id())) {
				try (OutputStream out = this.settings.compression().compress(chunks);
						InputStream in = Files.newInputStream(attachment.file())) {
					in.transferTo(out);
				}
				chunks.finish(this.keys.attachment(trace.id(), attachment.name()));
				bytes += chunks.written();
			}
			catch (IOException ex) {
				throw new TraceStorageException("Redis storage could not read attachment " + attachment.name()
						+ " of trace " + trace.id() + ": " + ex.getMessage(), ex);
			}
			this.calls.await(this.redis.sadd(this.keys.attachments(day),
					RedisKeys.utf8(RedisKeys.attachmentMember(trace.id(), attachment.name()))),
					"index attachment " + attachment.name() + " of trace " + trace.id());
		}
		return bytes;
	}

	/**
	 * Sends what is written to it to a Redis key a megabyte at a time: the first chunk (with
	 * the format flag first) with {@code SET ... EX}, so that an abandoned write expires, the
	 * rest with {@code APPEND}.
	 */
	private final class ChunkWriter extends OutputStream {

		private final byte[] key;

		private final TraceId id;

		private final byte[] buffer = new byte[RedisValueInputStream.CHUNK];

		private int length;

		private boolean started;

		private long written;

		ChunkWriter(byte[] key, byte flag, TraceId id) {
			this.key = key;
			this.id = id;
			this.buffer[0] = flag;
			this.length = 1;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			while (len > 0) {
				int count = Math.min(len, this.buffer.length - this.length);
				System.arraycopy(b, off, this.buffer, this.length, count);
				this.length += count;
				off += count;
				len -= count;
				if (this.length == this.buffer.length) {
					send();
				}
			}
		}

		/** Compression closes the stream it writes to when it finishes: keep the key open. */
		@Override
		public void close() {
		}

		void finish(byte[] target) {
			if (!this.started || this.length > 0) {
				send();
			}
			RedisTraceStorage.this.calls.await(RedisTraceStorage.this.redis.rename(this.key, target),
					"store an attachment of trace " + this.id);
		}

		long written() {
			return this.written;
		}

		private void send() {
			byte[] chunk = Arrays.copyOf(this.buffer, this.length);
			String what = "store an attachment of trace " + this.id;
			if (this.started) {
				RedisTraceStorage.this.calls.await(RedisTraceStorage.this.redis.append(this.key, chunk), what);
			}
			else {
				RedisTraceStorage.this.calls.await(RedisTraceStorage.this.redis.set(this.key, chunk,
						SetArgs.Builder.ex(RedisTraceStorage.this.settings.timeToLive().getSeconds())), what);
				this.started = true;
			}
			this.written += chunk.length;
			this.length = 0;
		}

	}

	private record Pending(Trace trace, LocalDate day, List<RedisFuture<?>> futures, long bytes) {
	}

}
