package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import io.chronotrace.core.compress.Compression;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps traces in an S3 bucket, or any S3-compatible store, in the layout of local storage
 * ({@link TraceLayout}) under a key prefix:
 * {@code {prefix}/{yyyy-MM-dd}/{traceId}/trace.json[.gz]}, {@code metadata.json} and
 * attachments.
 * <p>
 * A trace's attachments are written first, then {@code trace.json}, then
 * {@code metadata.json}, so a listing (which reads only {@code metadata.json}) never shows a
 * trace that cannot be read. Listings walk day prefixes newest first and, within a day, read
 * summaries in the order of the time-ordered ids, stopping as soon as the page is complete;
 * days outside the query's range are never listed. Purge deletes whole day prefixes in batches
 * of 1000 keys.
 * <p>
 * Every failure of S3 is thrown as a {@link TraceStorageException} whose
 * {@link TraceStorageException#isRetryable() retryable} flag tells an outage (5xx,
 * throttling, I/O, timeouts) from a refusal (4xx). Retries and timeouts belong to the
 * client; see {@link S3ClientOptions}.
 */
public final class S3TraceStorage implements TraceStorage {

	private static final Logger logger = LoggerFactory.getLogger(S3TraceStorage.class);

	private static final int DELETE_BATCH = 1000;

	private static final int MAX_WARNED = 1000;

	private final S3Client s3;

	private final S3StorageSettings settings;

	private final S3ObjectWriter writer;

	private final String root;

	private final TraceCodec codec = TraceCodec.get();

	private final RateLimitedLog unreadable = RateLimitedLog.oncePerKey(logger, MAX_WARNED);

	/**
	 * Creates a storage.
	 * @param s3 the client, configured with credentials, region and endpoint; see
	 * {@link S3ClientOptions} for the retries and timeouts it should have
	 * @param settings the bucket, prefix and object settings
	 */
	public S3TraceStorage(S3Client s3, S3StorageSettings settings) {
		this(s3, settings, S3ObjectWriter.PART_SIZE);
	}

	S3TraceStorage(S3Client s3, S3StorageSettings settings, long partSize) {
		this.s3 = s3;
		this.settings = settings;
		this.writer = new S3ObjectWriter(s3, settings, partSize);
		this.root = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
	}

	@Override
	public long store(Trace trace) {
		Optional<String> unstorable = TraceLayout.unstorableReason(trace);
		if (unstorable.isPresent()) {
			throw new TraceStorageException("S3 storage cannot store trace " + trace.id() + ": " + unstorable.get(),
					null, false);
		}
		String folder = folder(TraceLayout.dayOf(trace.startTime()), trace.id());
		boolean compressed = this.settings.compression().enabled();
		try {
			long bytes = 0;
			for (TraceAttachment attachment : trace.attachments()) {
				bytes += putAttachment(folder, attachment, compressed);
			}
			byte[] json = encode(this.codec.toBytes(trace), compressed);
			this.writer.put(folder + TraceLayout.traceFile(compressed), json, contentType(compressed));
			byte[] metadata = this.codec.toBytes(trace.summary());
			this.writer.put(folder + TraceLayout.METADATA_FILE, metadata, "application/json");
			return bytes + json.length + metadata.length;
		}
		catch (SdkException ex) {
			throw S3Failures.failure("store trace " + trace.id() + " in " + uri(folder), ex);
		}
		catch (UncheckedIOException ex) {
			throw new TraceStorageException("S3 storage could not read an attachment of trace " + trace.id() + ": "
					+ ex.getCause().getMessage(), ex);
		}
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		try {
			Optional<String> folder = locate(id);
			if (folder.isEmpty()) {
				return Optional.empty();
			}
			boolean compressed = this.settings.compression().enabled();
			for (String file : List.of(TraceLayout.traceFile(compressed), TraceLayout.traceFile(!compressed))) {
				Optional<Trace> trace = readTrace(folder.get() + file);
				if (trace.isPresent()) {
					return trace;
				}
			}
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw S3Failures.failure("read trace " + id, ex);
		}
	}

	@Override
	public TracePage list(TraceQuery query) {
		PageCollector page = new PageCollector(query);
		try {
			return page.walkDays(days(true), (day) -> day, (day) -> collectDay(day, page));
		}
		catch (SdkException ex) {
			throw S3Failures.failure("list traces in " + uri(this.root), ex);
		}
	}

	@Override
	public boolean delete(TraceId id) {
		try {
			Optional<String> folder = locate(id);
			return folder.isPresent() && deleteAll(folder.get()).objects() > 0;
		}
		catch (SdkException ex) {
			throw S3Failures.failure("delete trace " + id, ex);
		}
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		LocalDate firstKept = TraceLayout.dayOf(cutoff);
		long traces = 0;
		List<LocalDate> purged = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		try {
			for (LocalDate day : days(false)) {
				if (day.isBefore(firstKept)) {
					Deletion deletion = deleteAll(dayPrefix(day));
					traces += deletion.traces();
					failures.addAll(deletion.errors());
					purged.add(day);
				}
			}
		}
		catch (SdkException ex) {
			throw S3Failures.failure("purge traces before " + cutoff + " in " + uri(this.root), ex);
		}
		if (!failures.isEmpty()) {
			throw new TraceStorageException("S3 storage purged " + traces + " traces but could not delete "
					+ failures.size() + " objects in bucket '" + this.settings.bucket() + "'; first: " + failures.get(0),
					null, false);
		}
		return PurgeResult.of(traces, purged);
	}

	/** One HeadBucket request: the bucket exists and these credentials may use it. */
	@Override
	public StorageCheck check() {
		String endpoint = endpoint();
		try {
			this.s3.headBucket((head) -> head.bucket(this.settings.bucket()));
			return withDetails(StorageCheck.ok(), endpoint);
		}
		catch (SdkException ex) {
			return withDetails(StorageCheck.down(S3Failures.reason(ex, this.settings.bucket(), endpoint)), endpoint);
		}
		catch (RuntimeException ex) {
			return withDetails(StorageCheck.down("S3 check failed: " + ex), endpoint);
		}
	}

	/** Puts, gets and deletes a small probe object beside the day prefixes. */
	@Override
	public StorageCheck probe() {
		String endpoint = endpoint();
		try {
			String key = this.root + "_chronotrace-probe-" + UUID.randomUUID();
			byte[] content = ("ChronoTrace health probe " + Instant.now()).getBytes(StandardCharsets.UTF_8);
			this.writer.put(key, content, "text/plain");
			byte[] read = this.s3.getObjectAsBytes((get) -> get.bucket(this.settings.bucket()).key(key)).asByteArray();
			this.s3.deleteObject((delete) -> delete.bucket(this.settings.bucket()).key(key));
			StorageCheck check = Arrays.equals(content, read) ? StorageCheck.ok()
					: StorageCheck.down("Probe object " + key + " read back from bucket '" + this.settings.bucket()
							+ "' differs from what was written");
			return withDetails(check, endpoint);
		}
		catch (SdkException ex) {
			return withDetails(StorageCheck.down(S3Failures.reason(ex, this.settings.bucket(), endpoint)), endpoint);
		}
		catch (RuntimeException ex) {
			return withDetails(StorageCheck.down("S3 check failed: " + ex), endpoint);
		}
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		try {
			Optional<String> folder = locate(id);
			if (folder.isEmpty()) {
				return Optional.empty();
			}
			String compressedKey = folder.get() + TraceLayout.attachmentFile(name, true);
			String plainKey = folder.get() + TraceLayout.attachmentFile(name, false);
			List<String> keys = this.settings.compression().enabled() ? List.of(compressedKey, plainKey)
					: List.of(plainKey, compressedKey);
			for (String key : keys) {
				Optional<ResponseInputStream<GetObjectResponse>> object = get(key);
				if (object.isPresent()) {
					return AttachmentStream.of(
							Optional.of(key.equals(compressedKey) ? gunzip(object.get()) : object.get()), id, name,
							"s3");
				}
			}
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw S3Failures.failure("read attachment " + name + " of trace " + id, ex);
		}
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>();
		try {
			for (LocalDate day : days(false)) {
				long size = 0;
				for (S3Object object : this.s3.listObjectsV2Paginator(list(dayPrefix(day), null)).contents()) {
					size += object.size();
				}
				sizes.put(day, size);
			}
		}
		catch (SdkException ex) {
			throw S3Failures.failure("size traces in " + uri(this.root), ex);
		}
		return sizes;
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("s3", uri(this.root));
	}

	@Override
	public String toString() {
		return "S3TraceStorage{" + uri(this.root) + " at " + endpoint() + "}";
	}

	private long putAttachment(String folder, TraceAttachment attachment, boolean compressed) {
		String key = folder + TraceLayout.attachmentFile(attachment.name(), compressed);
		if (!compressed) {
			return this.writer.put(key, attachment.file(), "application/octet-stream");
		}
		Path gzip = null;
		try {
			Path directory = attachment.file().toAbsolutePath().getParent();
			gzip = (directory != null) ? Files.createTempFile(directory, "s3-upload-", ".gz")
					: Files.createTempFile("s3-upload-", ".gz");
			try (InputStream in = Files.newInputStream(attachment.file());
					OutputStream out = this.settings.compression().compress(Files.newOutputStream(gzip))) {
				in.transferTo(out);
			}
			return this.writer.put(key, gzip, "application/gzip");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(gzip);
		}
	}

	private byte[] encode(byte[] json, boolean compressed) {
		return compressed ? this.settings.compression().compress(json) : json;
	}

	private Optional<Trace> readTrace(String key) {
		Optional<ResponseInputStream<GetObjectResponse>> object = get(key);
		if (object.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = object.get()) {
			return Optional.of(this.codec.readTrace(Compression.decompress(in)));
		}
		catch (TraceFormatException ex) {
			warnOnce(key, ex.getMessage());
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new TraceStorageException("S3 storage could not read " + uri(key) + ": " + ex.getMessage(), ex, true);
		}
	}

	private @Nullable TraceSummary readSummary(String folder, TraceId id) {
		String key = folder + TraceLayout.METADATA_FILE;
		Optional<ResponseInputStream<GetObjectResponse>> object = get(key);
		if (object.isEmpty()) {
			// a trace being written, or one whose upload failed half-way
			return null;
		}
		try (InputStream in = object.get()) {
			TraceSummary summary = this.codec.readSummary(in);
			if (!summary.id().equals(id)) {
				warnOnce(key, "it holds the summary of trace " + summary.id());
				return null;
			}
			return summary;
		}
		catch (TraceFormatException ex) {
			warnOnce(key, ex.getMessage());
			return null;
		}
		catch (IOException ex) {
			throw new TraceStorageException("S3 storage could not read " + uri(key) + ": " + ex.getMessage(), ex, true);
		}
	}

	private Optional<ResponseInputStream<GetObjectResponse>> get(String key) {
		try {
			return Optional.of(this.s3.getObject((get) -> get.bucket(this.settings.bucket()).key(key)));
		}
		catch (SdkException ex) {
			if (S3Failures.isNotFound(ex) && !(ex instanceof NoSuchBucketException)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * Reads the summaries of one day into the page, newest first by id, until the page is
	 * complete: a time-ordered id gives the millisecond its trace started, so once the page
	 * holds a summary that every remaining id is older than, nothing of this day is read more.
	 */
	private void collectDay(LocalDate day, PageCollector page) {
		String dayPrefix = dayPrefix(day);
		List<TraceId> ids = new ArrayList<>();
		for (CommonPrefix prefix : this.s3.listObjectsV2Paginator(list(dayPrefix, "/")).commonPrefixes()) {
			String name = prefix.prefix().substring(dayPrefix.length(), prefix.prefix().length() - 1);
			if (TraceId.isValid(name)) {
				ids.add(TraceId.parse(name));
			}
		}
		page.collectDay(ids, (id) -> Optional.ofNullable(readSummary(dayPrefix + id + "/", id)));
	}

	/**
	 * Finds the folder of a trace: the day its id gives, or for ids that carry no time, the
	 * newest day that holds it.
	 */
	private Optional<String> locate(TraceId id) {
		Optional<LocalDate> day = TraceLayout.dayOf(id);
		if (day.isPresent()) {
			return Optional.of(folder(day.get(), id));
		}
		for (LocalDate candidate : days(true)) {
			String folder = folder(candidate, id);
			if (this.s3.listObjectsV2(list(folder, null).toBuilder().maxKeys(1).build()).keyCount() > 0) {
				return Optional.of(folder);
			}
		}
		return Optional.empty();
	}

	private List<LocalDate> days(boolean newestFirst) {
		List<LocalDate> days = new ArrayList<>();
		for (CommonPrefix prefix : this.s3.listObjectsV2Paginator(list(this.root, "/")).commonPrefixes()) {
			String name = prefix.prefix().substring(this.root.length(), prefix.prefix().length() - 1);
			TraceLayout.parseDay(name).ifPresent(days::add);
		}
		days.sort(newestFirst ? Comparator.reverseOrder() : Comparator.naturalOrder());
		return days;
	}

	private Deletion deleteAll(String prefix) {
		Deletion deletion = new Deletion();
		List<String> batch = new ArrayList<>(DELETE_BATCH);
		for (S3Object object : this.s3.listObjectsV2Paginator(list(prefix, null)).contents()) {
			batch.add(object.key());
			if (batch.size() == DELETE_BATCH) {
				deleteBatch(batch, deletion);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			deleteBatch(batch, deletion);
		}
		return deletion;
	}

	private void deleteBatch(List<String> keys, Deletion deletion) {
		List<ObjectIdentifier> objects = keys.stream().map((key) -> ObjectIdentifier.builder().key(key).build()).toList();
		DeleteObjectsResponse response = this.s3.deleteObjects(
				(delete) -> delete.bucket(this.settings.bucket()).delete((batch) -> batch.objects(objects).quiet(true)));
		Set<String> failed = new HashSet<>();
		for (S3Error error : response.errors()) {
			failed.add(error.key());
			deletion.errors().add(error.key() + " (" + error.code() + ": " + error.message() + ")");
		}
		for (String key : keys) {
			if (!failed.contains(key)) {
				deletion.deleted(key);
			}
		}
		if (!failed.isEmpty()) {
			logger.warn("S3 storage could not delete {} of {} objects in bucket '{}'; first: {}", failed.size(),
					keys.size(), this.settings.bucket(), deletion.errors().get(deletion.errors().size() - failed.size()));
		}
	}

	private ListObjectsV2Request list(String prefix, @Nullable String delimiter) {
		return ListObjectsV2Request.builder().bucket(this.settings.bucket()).prefix(prefix).delimiter(delimiter).build();
	}

	private StorageCheck withDetails(StorageCheck check, String endpoint) {
		Region region = this.s3.serviceClientConfiguration().region();
		return check.withDetail("bucket", this.settings.bucket())
			.withDetail("prefix", this.settings.prefix())
			.withDetail("endpoint", endpoint)
			.withDetail("region", (region != null) ? region.id() : "unknown");
	}

	private String endpoint() {
		Optional<URI> override = this.s3.serviceClientConfiguration().endpointOverride();
		if (override.isPresent()) {
			return override.get().toString();
		}
		Region region = this.s3.serviceClientConfiguration().region();
		return "https://s3." + ((region != null) ? region.id() : "us-east-1") + ".amazonaws.com";
	}

	private String dayPrefix(LocalDate day) {
		return this.root + TraceLayout.dayFolder(day) + "/";
	}

	private String folder(LocalDate day, TraceId id) {
		return this.root + TraceLayout.traceFolder(day, id) + "/";
	}

	private String uri(String key) {
		return "s3://" + this.settings.bucket() + "/" + key;
	}

	private void warnOnce(String key, @Nullable String problem) {
		this.unreadable.warnOnce(key,
				() -> "Skipping " + uri(key) + ": not a readable ChronoTrace object (" + problem + ")");
	}

	private static String contentType(boolean compressed) {
		return compressed ? "application/gzip" : "application/json";
	}

	private static InputStream gunzip(InputStream in) {
		try {
			return new GZIPInputStream(in, 8192);
		}
		catch (IOException ex) {
			try {
				in.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw new TraceStorageException("S3 storage could not read a compressed attachment: " + ex.getMessage(),
					ex, true);
		}
	}

	private static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.warn("Could not delete temporary file {}: {}", file, ex.toString());
			}
		}
	}

	/** What a deletion of a prefix did. */
	private static final class Deletion {

		private int objects;

		private int traces;

		private final List<String> errors = new ArrayList<>();

		void deleted(String key) {
			this.objects++;
			if (key.endsWith("/" + TraceLayout.METADATA_FILE)) {
				this.traces++;
			}
		}

		int objects() {
			return this.objects;
		}

		int traces() {
			return this.traces;
		}

		List<String> errors() {
			return this.errors;
		}

	}

}
