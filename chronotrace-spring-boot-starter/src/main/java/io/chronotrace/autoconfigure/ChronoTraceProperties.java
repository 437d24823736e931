package io.chronotrace.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of ChronoTrace, under {@code chronotrace.*}. Names and defaults follow Laravel
 * ChronoTrace's storage guide. The class validates itself once bound (Spring Boot validates a
 * {@code @ConfigurationProperties} target that is a {@link Validator}), so every value out of
 * range is named in one start-up failure, without a Bean Validation provider.
 */
@ConfigurationProperties("chronotrace")
public class ChronoTraceProperties implements Validator {

	/** Whether to record anything. When false, no filter, thread or file is created. */
	private boolean enabled = true;

	/** Which requests to record. */
	private Mode mode = Mode.RECORD_ON_ERROR;

	/** Fraction of requests recorded in 'sample' mode, 0.0 to 1.0. */
	private double sampleRate = 0.001;

	/** Where traces are kept. */
	private StorageType storage = StorageType.LOCAL;

	/** Directory of local storage; relative paths are resolved against the working directory. */
	private String path = "storage/chronotrace";

	/** How local storage lays traces out under chronotrace.path: 'folders' (a folder per trace with trace.json and metadata.json) or 'segments' (a few append-only segment files per day with an index: much cheaper per trace at volume). With s3 storage, 'segments' uploads sealed segments as blocks instead of objects per trace. */
	private Layout layout = Layout.FOLDERS;

	/** Whether traces are written by background threads, off the request thread. */
	private boolean asyncStorage = true;

	/** Most traces waiting in the async queue. */
	private int queueCapacity = 1000;

	/** Most memory, counted as captured body bytes, that traces waiting in the queue may hold. */
	private DataSize queueMemoryLimit = DataSize.ofMegabytes(64);

	/** What to do with a trace when the async queue is full: 'drop' it (counted and logged), or 'sync': the request waits until the queue has room (up to a second, then stores the trace itself), so requests slow to the pace of storage and no trace is lost. */
	private QueueFallback queueFallback = QueueFallback.DROP;

	/** Number of background writer threads. Default: 1, or 8 with s3 storage in the folders layout, whose uploads wait on the network. */
	private @Nullable Integer writerThreads;

	/** How long graceful shutdown waits for queued traces to be stored. */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/** Days to keep traces; older days are purged. */
	private int retentionDays = 15;

	/** Whether old traces are purged on the purge-cron schedule. */
	private boolean autoPurge = true;

	/** When the purge runs: a Spring cron expression (second minute hour day month weekday), or '-' to never. */
	private String purgeCron = "0 0 2 * * *";

	/** Cap on the total size of stored traces; when exceeded, the oldest days are purged first. No cap when unset. */
	private @Nullable DataSize maxStorageSize;

	/** Ant-style path patterns of requests never recorded, in addition to the defaults (see exclude-defaults). */
	private List<String> exclude = new ArrayList<>();

	/** Whether the default exclusions apply: the actuator base path and static resources. When false, only 'exclude' applies. */
	private boolean excludeDefaults = true;

	/** Names, matched as whole words of header names, query parameters, form fields, JSON keys and SQL columns, whose values are replaced by [SCRUBBED]. */
	private List<String> scrub = new ArrayList<>(List.of("password", "token", "secret", "key", "authorization",
			"cookie", "session", "credit_card", "ssn", "email", "phone"));

	/** Value patterns replaced by [SCRUBBED] in free text, SQL and logs. Default: e-mail addresses and card numbers. */
	private @Nullable List<String> scrubPatterns;

	private final Targets targets = new Targets();

	private final Compression compression = new Compression();

	private final Capture capture = new Capture();

	private final Memory memory = new Memory();

	private final S3 s3 = new S3();

	private final Endpoint endpoint = new Endpoint();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public double getSampleRate() {
		return this.sampleRate;
	}

	public void setSampleRate(double sampleRate) {
		this.sampleRate = sampleRate;
	}

	public StorageType getStorage() {
		return this.storage;
	}

	public void setStorage(StorageType storage) {
		this.storage = storage;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Layout getLayout() {
		return this.layout;
	}

	public void setLayout(Layout layout) {
		this.layout = layout;
	}

	public boolean isAsyncStorage() {
		return this.asyncStorage;
	}

	public void setAsyncStorage(boolean asyncStorage) {
		this.asyncStorage = asyncStorage;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public DataSize getQueueMemoryLimit() {
		return this.queueMemoryLimit;
	}

	public void setQueueMemoryLimit(DataSize queueMemoryLimit) {
		this.queueMemoryLimit = queueMemoryLimit;
	}

	public QueueFallback getQueueFallback() {
		return this.queueFallback;
	}

	public void setQueueFallback(QueueFallback queueFallback) {
		this.queueFallback = queueFallback;
	}

	public @Nullable Integer getWriterThreads() {
		return this.writerThreads;
	}

	/**
	 * The writer threads to start: the configured number, or the storage's default.
	 * @return the number of writer threads
	 */
	public int effectiveWriterThreads() {
		if (this.writerThreads != null) {
			return this.writerThreads;
		}
		// with the segments layout, s3 writes to local segments: one thread keeps up, and fewer
		// writers mean fewer, larger blocks (one open segment per writer thread)
		return (this.storage == StorageType.S3 && this.layout != Layout.SEGMENTS) ? 8 : 1;
	}

	public void setWriterThreads(@Nullable Integer writerThreads) {
		this.writerThreads = writerThreads;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public int getRetentionDays() {
		return this.retentionDays;
	}

	public void setRetentionDays(int retentionDays) {
		this.retentionDays = retentionDays;
	}

	public boolean isAutoPurge() {
		return this.autoPurge;
	}

	public void setAutoPurge(boolean autoPurge) {
		this.autoPurge = autoPurge;
	}

	public String getPurgeCron() {
		return this.purgeCron;
	}

	public void setPurgeCron(String purgeCron) {
		String trimmed = purgeCron.trim();
		this.purgeCron = trimmed;
	}

	public @Nullable DataSize getMaxStorageSize() {
		return this.maxStorageSize;
	}

	public void setMaxStorageSize(@Nullable DataSize maxStorageSize) {
		this.maxStorageSize = maxStorageSize;
	}

	public List<String> getExclude() {
		return this.exclude;
	}

	public void setExclude(List<String> exclude) {
		this.exclude = exclude;
	}

	public boolean isExcludeDefaults() {
		return this.excludeDefaults;
	}

	public void setExcludeDefaults(boolean excludeDefaults) {
		this.excludeDefaults = excludeDefaults;
	}

	public List<String> getScrub() {
		return this.scrub;
	}

	public void setScrub(List<String> scrub) {
		this.scrub = scrub;
	}

	public @Nullable List<String> getScrubPatterns() {
		return this.scrubPatterns;
	}

	public void setScrubPatterns(@Nullable List<String> scrubPatterns) {
		this.scrubPatterns = scrubPatterns;
	}

	public Targets getTargets() {
		return this.targets;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public Capture getCapture() {
		return this.capture;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Health getHealth() {
		return this.health;
	}

	public S3 getS3() {
		return this.s3;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ChronoTraceProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks every value at once, so that one start-up failure names every invalid property.
	 * Each error's message names the property and what it accepts.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		ChronoTraceProperties properties = (ChronoTraceProperties) target;
		Check check = new Check(errors);
		check.that(properties.sampleRate >= 0.0 && properties.sampleRate <= 1.0, "sample-rate",
				"chronotrace.sample-rate must be between 0.0 and 1.0 (a fraction of requests), was "
						+ properties.sampleRate);
		check.that(properties.queueCapacity >= 1, "queue-capacity",
				"chronotrace.queue-capacity must be at least 1, was " + properties.queueCapacity);
		check.that(properties.queueMemoryLimit.toBytes() >= 1, "queue-memory-limit",
				"chronotrace.queue-memory-limit must be positive, was " + properties.queueMemoryLimit);
		Integer threads = properties.writerThreads;
		check.that(threads == null || (threads >= 1 && threads <= 64), "writer-threads",
				"chronotrace.writer-threads must be between 1 and 64, was " + threads);
		check.that(!properties.shutdownTimeout.isNegative(), "shutdown-timeout",
				"chronotrace.shutdown-timeout must not be negative, was " + properties.shutdownTimeout);
		check.that(properties.retentionDays >= 1, "retention-days",
				"chronotrace.retention-days must be at least 1 (days to keep traces), was " + properties.retentionDays);
		check.that("-".equals(properties.purgeCron) || CronExpression.isValidExpression(properties.purgeCron),
				"purge-cron",
				"chronotrace.purge-cron must be a cron expression with six fields (second minute hour day month "
						+ "weekday) such as '0 0 2 * * *', or '-' to never purge; was '" + properties.purgeCron + "'");
		DataSize cap = properties.maxStorageSize;
		check.that(cap == null || cap.toBytes() >= 1, "max-storage-size",
				"chronotrace.max-storage-size must be positive, was " + cap);
		properties.compression.validate(check);
		properties.capture.validate(check);
		check.that(properties.memory.capacity >= 1, "memory.capacity",
				"chronotrace.memory.capacity must be at least 1, was " + properties.memory.capacity);
		properties.s3.spool.validate(check);
	}

	/**
	 * Collects the errors of {@link #validate(Object, Errors)}. Fields are named in their
	 * configuration form ({@code sample-rate}), as Spring Boot reports them.
	 */
	private record Check(Errors errors) {

		void that(boolean valid, String field, String message) {
			if (!valid) {
				this.errors.rejectValue(field, "chronotrace.invalid", message);
			}
		}

	}

	/** Which requests are recorded. */
	public enum Mode {

		/** Every request. */
		ALWAYS,

		/** A random fraction of requests (sample-rate), plus every failed one. */
		SAMPLE,

		/** Requests that failed: status 500 or above, or an exception escaped. */
		RECORD_ON_ERROR,

		/** Requests whose path matches targets.routes. */
		TARGETED

	}

	/** The storage backends. */
	public enum StorageType {

		/** Files under chronotrace.path. */
		LOCAL,

		/** The newest traces in memory, for tests and development. */
		MEMORY,

		/** An S3 bucket, or any S3-compatible store such as MinIO. */
		S3,

		/** A table of the application's database (chronotrace.jdbc.*). */
		JDBC,

		/** Redis, through the application's Lettuce connection factory; traces expire after retention-days. */
		REDIS,

		/** Two of the others: recent traces in chronotrace.tiered.hot, older ones moved to chronotrace.tiered.cold. */
		TIERED

	}

	/** How local storage lays traces out. */
	public enum Layout {

		/** {yyyy-MM-dd}/{traceId}/trace.json and metadata.json: one folder per trace. */
		FOLDERS,

		/** A few append-only segment files per day, each with an index. */
		SEGMENTS

	}

	/** What to do when the async queue is full. */
	public enum QueueFallback {

		/** Drop the trace; each drop is counted and logged. */
		DROP,

		/** Make the request wait for room in the queue; no trace is lost. */
		SYNC

	}

	/** Requests recorded in 'targeted' mode. */
	public static class Targets {

		/** Ant-style path patterns of the requests to record in 'targeted' mode, such as /checkout/**. */
		private List<String> routes = new ArrayList<>();

		public List<String> getRoutes() {
			return this.routes;
		}

		public void setRoutes(List<String> routes) {
			this.routes = routes;
		}

	}

	/** Compression of stored traces. */
	public static class Compression {

		/** Whether traces and large bodies are stored compressed: gzip, or LZ4 blocks in the segments layout. */
		private boolean enabled = true;

		/** Gzip level, 1 (fastest) to 9 (smallest); the segments layout uses LZ4, which has no level. */
		private int level = 6;

		/** Bodies larger than this are kept out of trace.json as separate files, and never held whole in memory. */
		private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getLevel() {
			return this.level;
		}

		public void setLevel(int level) {
			this.level = level;
		}

		public DataSize getMaxPayloadSize() {
			return this.maxPayloadSize;
		}

		public void setMaxPayloadSize(DataSize maxPayloadSize) {
			this.maxPayloadSize = maxPayloadSize;
		}

		void validate(Check check) {
			check.that(this.level >= 1 && this.level <= 9, "compression.level",
					"chronotrace.compression.level must be a gzip level between 1 (fastest) and 9 (smallest), was "
							+ this.level);
			check.that(this.maxPayloadSize.toBytes() >= 1024, "compression.max-payload-size",
					"chronotrace.compression.max-payload-size must be at least 1KB, was " + this.maxPayloadSize);
		}

	}

	/** What a trace captures. */
	public static class Capture {

		private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

		/** Whether request bodies are captured. */
		private boolean request = true;

		/** Whether response bodies are captured. */
		private boolean response = true;

		/** Most bytes of each body captured; beyond, the body is stored cut and marked truncated with its size. */
		private DataSize maxBodySize = DataSize.ofMegabytes(10);

		/** Whether binary bodies (images, archives, protobuf...) and compressed ones (Content-Encoding) are stored, as base64. They cannot be scrubbed, so by default only their size is recorded. */
		private boolean binaryBodies = false;

		/** Whether JDBC (datasource-proxy) and R2DBC (r2dbc-proxy) statements are captured. */
		private boolean database = true;

		/** Whether JDBC statements also record what they answered: the rows the application read (columns and values, scrubbed by column name), update counts, generated keys and SQLExceptions. An isolated replay answers SQL from them, without the database. */
		private boolean sqlResults = true;

		/** Most rows recorded per statement; the rest are counted in the event's rows but not recorded (the result notes the cut). */
		private int sqlResultRows = 100;

		/** Most characters of recorded SQL values per trace; once reached, further rows are not recorded (the result notes the cut). */
		private DataSize sqlResultSize = DataSize.ofKilobytes(256);

		/** Whether outbound HTTP calls (RestClient, RestTemplate, WebClient) are captured. */
		private boolean http = true;


		/** Whether Spring Cache operations are captured. */
		private boolean cache = true;

		/** Whether @Async methods and tasks on Spring-managed executors are captured. */
		private boolean jobs = true;

		/** Whether log records of the request's threads are captured. */
		private boolean logs = true;

		/** Lowest level of captured log records. */
		private String logLevel = "INFO";

		/** Whether custom events (ChronoTrace.event) are captured. */
		private boolean events = true;

		/** Whether exceptions thrown by Spring MVC handlers are captured as events, handled or not. */
		private boolean exceptions = true;

		/** Whether the Micrometer Tracing trace and span ids of a request are put into its trace. */
		private boolean tracing = true;

		/** Most events kept per trace; further events are counted as dropped. */
		private int maxEvents = 1000;

		/** Most stack frames kept per exception. */
		private int maxStackFrames = 50;

		/** Directory of the temporary files that hold bodies larger than compression.max-payload-size while they are captured, used as given. Default: a folder private to the process (owner-only, random name in java.io.tmpdir), deleted at shutdown. */
		private @Nullable String spillPath;

		public boolean isRequest() {
			return this.request;
		}

		public void setRequest(boolean request) {
			this.request = request;
		}

		public boolean isResponse() {
			return this.response;
		}

		public void setResponse(boolean response) {
			this.response = response;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public boolean isBinaryBodies() {
			return this.binaryBodies;
		}

		public void setBinaryBodies(boolean binaryBodies) {
			this.binaryBodies = binaryBodies;
		}

		public boolean isDatabase() {
			return this.database;
		}

		public void setDatabase(boolean database) {
			this.database = database;
		}

		public boolean isSqlResults() {
			return this.sqlResults;
		}

		public void setSqlResults(boolean sqlResults) {
			this.sqlResults = sqlResults;
		}

		public int getSqlResultRows() {
			return this.sqlResultRows;
		}

		public void setSqlResultRows(int sqlResultRows) {
			this.sqlResultRows = sqlResultRows;
		}

		public DataSize getSqlResultSize() {
			return this.sqlResultSize;
		}

		public void setSqlResultSize(DataSize sqlResultSize) {
			this.sqlResultSize = sqlResultSize;
		}

		public boolean isHttp() {
			return this.http;
		}

		public void setHttp(boolean http) {
			this.http = http;
		}

		public boolean isCache() {
			return this.cache;
		}

		public void setCache(boolean cache) {
			this.cache = cache;
		}

		public boolean isJobs() {
			return this.jobs;
		}

		public void setJobs(boolean jobs) {
			this.jobs = jobs;
		}

		public boolean isLogs() {
			return this.logs;
		}

		public void setLogs(boolean logs) {
			this.logs = logs;
		}

		public String getLogLevel() {
			return this.logLevel;
		}

		public void setLogLevel(String logLevel) {
			String upper = logLevel.trim().toUpperCase(java.util.Locale.ROOT);
			this.logLevel = upper;
		}

		public boolean isEvents() {
			return this.events;
		}

		public void setEvents(boolean events) {
			this.events = events;
		}

		public boolean isExceptions() {
			return this.exceptions;
		}

		public void setExceptions(boolean exceptions) {
			this.exceptions = exceptions;
		}

		public boolean isTracing() {
			return this.tracing;
		}

		public void setTracing(boolean tracing) {
			this.tracing = tracing;
		}

		public int getMaxEvents() {
			return this.maxEvents;
		}

		public void setMaxEvents(int maxEvents) {
			this.maxEvents = maxEvents;
		}

		public int getMaxStackFrames() {
			return this.maxStackFrames;
		}

		public void setMaxStackFrames(int maxStackFrames) {
			this.maxStackFrames = maxStackFrames;
		}

		public @Nullable String getSpillPath() {
			return this.spillPath;
		}

		public void setSpillPath(@Nullable String spillPath) {
			this.spillPath = spillPath;
		}

		void validate(Check check) {
			check.that(this.maxBodySize.toBytes() >= 0, "capture.max-body-size",
					"chronotrace.capture.max-body-size must not be negative, was " + this.maxBodySize);
			check.that(LOG_LEVELS.contains(this.logLevel), "capture.log-level",
					"chronotrace.capture.log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR; was '"
							+ this.logLevel + "'");
			check.that(this.maxEvents >= 0, "capture.max-events",
					"chronotrace.capture.max-events must not be negative, was " + this.maxEvents);
			check.that(this.maxStackFrames >= 0, "capture.max-stack-frames",
					"chronotrace.capture.max-stack-frames must not be negative, was " + this.maxStackFrames);
			check.that(this.sqlResultRows >= 0, "capture.sql-result-rows",
					"chronotrace.capture.sql-result-rows must not be negative, was " + this.sqlResultRows);
			check.that(this.sqlResultSize.toBytes() >= 0, "capture.sql-result-size",
					"chronotrace.capture.sql-result-size must not be negative, was " + this.sqlResultSize);
		}

	}

	/** The chronotrace actuator endpoint. */
	public static class Endpoint {

		/** Whether each read of a whole trace, export, attachment download, replay, delete and purge through the endpoint logs one INFO line, with the caller's principal and address, to the io.chronotrace.audit logger. */
		private boolean audit = false;

		public boolean isAudit() {
			return this.audit;
		}

		public void setAudit(boolean audit) {
			this.audit = audit;
		}

	}

	/** The chronotrace health indicator. */
	public static class Health {

		/** Whether health writes, reads back and deletes a probe in the storage (at most every 10 seconds) instead of only checking that it is reachable and usable. */
		private boolean writeProbe = false;

		public boolean isWriteProbe() {
			return this.writeProbe;
		}

		public void setWriteProbe(boolean writeProbe) {
			this.writeProbe = writeProbe;
		}

	}

	/** The in-memory storage. */
	public static class Memory {

		/** Most traces kept; the oldest are evicted first. */
		private int capacity = 1000;

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

	}

	/** The S3 storage. */
	public static class S3 {

		/** The bucket traces are stored in; required when chronotrace.storage is s3. */
		private @Nullable String bucket;

		/** The bucket's region. Default: spring.cloud.aws.s3.region, spring.cloud.aws.region.static, then the AWS default chain. */
		private @Nullable String region;

		/** Endpoint of an S3-compatible store such as MinIO (http://localhost:9000). Default: AWS S3. */
		private @Nullable URI endpoint;

		/** Key prefix under which traces are laid out; the environment variable CHRONOTRACE_S3_PREFIX sets it too. */
		private String pathPrefix = "traces";

		/** Whether to address the bucket in the path (http://host/bucket/key), as MinIO and most S3-compatible stores need. Default: on when an endpoint is set. */
		private @Nullable Boolean pathStyleAccess;

		/** Storage class of trace objects, such as STANDARD_IA. Default: the bucket's default. */
		private @Nullable String storageClass;

		/** Server-side encryption: 'none', 'aes256' (SSE-S3) or 'aws-kms' (SSE-KMS). */
		private ServerSideEncryption serverSideEncryption = ServerSideEncryption.NONE;

		/** KMS key id or ARN for 'aws-kms'. Default: the AWS managed key. */
		private @Nullable String kmsKeyId;

		private final Spool spool = new Spool();

		public @Nullable String getBucket() {
			return this.bucket;
		}

		public void setBucket(@Nullable String bucket) {
			this.bucket = bucket;
		}

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

		public String getPathPrefix() {
			return this.pathPrefix;
		}

		public void setPathPrefix(String pathPrefix) {
			this.pathPrefix = pathPrefix;
		}

		public @Nullable Boolean getPathStyleAccess() {
			return this.pathStyleAccess;
		}

		public void setPathStyleAccess(@Nullable Boolean pathStyleAccess) {
			this.pathStyleAccess = pathStyleAccess;
		}

		public @Nullable String getStorageClass() {
			return this.storageClass;
		}

		public void setStorageClass(@Nullable String storageClass) {
			this.storageClass = storageClass;
		}

		public ServerSideEncryption getServerSideEncryption() {
			return this.serverSideEncryption;
		}

		public void setServerSideEncryption(ServerSideEncryption serverSideEncryption) {
			this.serverSideEncryption = serverSideEncryption;
		}

		public @Nullable String getKmsKeyId() {
			return this.kmsKeyId;
		}

		public void setKmsKeyId(@Nullable String kmsKeyId) {
			this.kmsKeyId = kmsKeyId;
		}

		public Spool getSpool() {
			return this.spool;
		}

		/** Server-side encryption of trace objects. */
		public enum ServerSideEncryption {

			/** The bucket's default. */
			NONE,

			/** SSE-S3, keys managed by S3. */
			AES256,

			/** SSE-KMS, with kms-key-id or the AWS managed key. */
			AWS_KMS

		}

	}

	/** Where traces wait while S3 cannot be reached. */
	public static class Spool {

		/** Directory of traces waiting for S3; kept across restarts. */
		private String path = "storage/chronotrace-spool";

		/**
		 * Most disk the spool may use; beyond, traces are dropped and counted. With
		 * chronotrace.layout=segments it bounds the local segments waiting for upload and must be
		 * at least chronotrace.s3.block.max-size.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(512);

		/**
		 * The longest wait between two attempts to upload what the spool holds while S3 fails: the
		 * first retry comes after a second and each wait doubles up to this.
		 */
		private Duration retryInterval = Duration.ofSeconds(5);

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		void validate(Check check) {
			check.that(this.maxSize.toBytes() >= 1, "s3.spool.max-size",
					"chronotrace.s3.spool.max-size must be positive, was " + this.maxSize);
			check.that(!this.retryInterval.isNegative() && !this.retryInterval.isZero(), "s3.spool.retry-interval",
					"chronotrace.s3.spool.retry-interval must be positive, was " + this.retryInterval);
		}

	}

}
