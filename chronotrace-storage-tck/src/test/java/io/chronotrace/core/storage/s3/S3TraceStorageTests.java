package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The S3 backend passes the storage contract against a real S3-compatible server (S3Proxy), and
 * keeps the layout, pagination, purge and upload behaviour that S3 needs.
 */
class S3TraceStorageTests extends TraceStorageContractTests {

	private static final String BUCKET = "chronotrace-tests";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	private static final RecordingInterceptor recorder = new RecordingInterceptor();

	private static S3Client client;

	private String prefix;

	@BeforeAll
	static void createClient() {
		client = s3.server().client(recorder);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Override
	protected TraceStorage createStorage() {
		this.prefix = "tests/" + UUID.randomUUID();
		return new S3TraceStorage(client, settings());
	}

	@Override
	protected boolean corruptStoredAttachment(TraceId id, String name) {
		String key = this.prefix + "/" + TraceLayout.dayFolder(id.timestamp().orElseThrow()) + "/" + id + "/"
				+ TraceLayout.attachmentFile(name, true);
		byte[] bytes = client.getObjectAsBytes((get) -> get.bucket(BUCKET).key(key)).asByteArray();
		client.putObject((put) -> put.bucket(BUCKET).key(key), RequestBody.fromBytes(flipMiddle(bytes)));
		return true;
	}

	/** Changes the byte in the middle of some stored bytes. */
	private static byte[] flipMiddle(byte[] bytes) {
		bytes[bytes.length / 2] ^= 0x5a;
		return bytes;
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().objects(client, BUCKET, this.prefix);
	}

	@BeforeEach
	void forgetCalls() {
		recorder.reset();
	}

	@Test
	void objectsAreLaidOutByDayAndIdUnderThePrefixCompressedOrNot() throws IOException {
		Trace compressed = TestTraces.full(DAY.plusSeconds(3600), this.attachmentDir);
		Trace plain = TestTraces.trace(DAY.minusSeconds(1));

		this.storage.store(compressed);
		new S3TraceStorage(client, settings().withCompression(Compression.NONE)).store(plain);

		String compressedFolder = this.prefix + "/2025-03-10/" + compressed.id() + "/";
		String plainFolder = this.prefix + "/2025-03-09/" + plain.id() + "/";
		assertThat(keys()).containsExactlyInAnyOrder(compressedFolder + "trace.json.gz",
				compressedFolder + "metadata.json", compressedFolder + "request-body.gz", plainFolder + "trace.json",
				plainFolder + "metadata.json");
		assertThat(object(compressedFolder + "trace.json.gz")).startsWith(0x1f, 0x8b);
		assertThat(new String(object(plainFolder + "trace.json"), StandardCharsets.UTF_8))
			.startsWith("{\"schemaVersion\":" + Trace.SCHEMA_VERSION + ",\"id\":\"" + plain.id() + "\"");
		assertThat(this.storage.retrieve(plain.id())).contains(plain);
		assertThat(this.storage.description().location()).isEqualTo("s3://" + BUCKET + "/" + this.prefix + "/");
	}

	@Test
	void moreThanAThousandTracesOfOneDayPageWithoutGapsOrDuplicatesReadingOnlyWhatAPageNeeds() throws Exception {
		List<Trace> traces = storeInParallel(1100,
				(i) -> TestTraces.trace(DAY.plusSeconds(i * 7L), (i % 10 == 0) ? 500 : 200));
		recorder.reset();

		TracePage first = this.storage.list(TraceQuery.builder().limit(10).build());

		assertThat(first.items()).containsExactlyElementsOf(expected(traces, (trace) -> true).subList(0, 10));
		assertThat(recorder.calls("GetObject")).as("metadata objects read").isEqualTo(11);
		assertThat(recorder.calls("ListObjectsV2")).as("day list, then the day's 1100 traces in two pages")
			.isEqualTo(3);
		assertThat(listAll(TraceQuery.builder().limit(250))).hasSize(1100)
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(expected(traces, (trace) -> true));
	}

	@Test
	void purgeDeletesThousandsOfObjectsInBatchesOfAtMostAThousandKeys() throws Exception {
		storeInParallel(2500, (i) -> TestTraces.trace(DAY.minus(3, ChronoUnit.DAYS).plusSeconds(i * 60L)));
		List<Trace> recent = List.of(TestTraces.trace(DAY.plusSeconds(5)), TestTraces.trace(DAY.plusSeconds(6)),
				TestTraces.trace(DAY.minusMillis(1).plus(1, ChronoUnit.DAYS)));
		recent.forEach(this.storage::store);
		assertThat(keys()).hasSize(5006);
		recorder.reset();

		PurgeResult purged = this.storage.purgeOlderThan(DAY);

		assertThat(purged.traces()).isEqualTo(2500);
		assertThat(keys()).hasSize(6);
		List<DeleteObjectsRequest> deletes = recorder.calls(DeleteObjectsRequest.class);
		assertThat(deletes).allSatisfy((delete) -> assertThat(delete.delete().objects()).hasSizeLessThanOrEqualTo(1000));
		assertThat(deletes.stream().mapToInt((delete) -> delete.delete().objects().size()).sum()).isEqualTo(5000);
		assertThat(recorder.calls("GetObject")).as("purge reads no object").isZero();
		recent.forEach((trace) -> assertThat(this.storage.retrieve(trace.id())).contains(trace));
	}

	@Test
	void attachmentLargerThanAPartIsUploadedInPartsAndComesBackWhole() throws Exception {
		TraceAttachment large = TestTraces.largeAttachment(this.attachmentDir, "response-body", 20L * 1024 * 1024, 7);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(5)), large);

		this.storage.store(trace);

		assertThat(recorder.calls("CreateMultipartUpload")).isEqualTo(1);
		assertThat(recorder.calls("UploadPart")).isEqualTo(3);
		assertThat(recorder.calls("CompleteMultipartUpload")).isEqualTo(1);
		assertThat(recorder.calls("PutObject")).as("trace.json and metadata.json").isEqualTo(2);
		try (InputStream in = this.storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThat(sha256(in)).isEqualTo(sha256(Files.newInputStream(large.file())));
		}
		try (Stream<Path> files = Files.list(this.attachmentDir)) {
			assertThat(files).as("temporary gzip files are deleted").containsExactly(large.file());
		}
	}

	@Test
	void failedMultipartUploadIsAbortedAndReportedRetryable() {
		ExecutionInterceptor failSecondPart = new ExecutionInterceptor() {
			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				if (context.request() instanceof UploadPartRequest part && part.partNumber() == 2) {
					throw SdkClientException.create("connection reset while sending part 2",
							new java.net.SocketException("Connection reset"));
				}
			}
		};
		try (S3Client failing = s3.server().client((builder) -> S3ProxyServer
			.intercept(S3ProxyServer.intercept(builder, failSecondPart), recorder))) {
			S3TraceStorage storage = new S3TraceStorage(failing, settings().withCompression(Compression.NONE),
					64 * 1024);
			TraceAttachment attachment = TestTraces.largeAttachment(this.attachmentDir, "request-body", 200 * 1024, 3);
			Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(5)), attachment);

			assertThatExceptionOfType(TraceStorageException.class).isThrownBy(() -> storage.store(trace))
				.withMessageContaining("store trace " + trace.id())
				.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		}
		assertThat(recorder.calls("AbortMultipartUpload")).isEqualTo(1);
		assertThat(recorder.calls("CompleteMultipartUpload")).isZero();
		assertThat(keys()).isEmpty();
	}

	@Test
	void objectsAreWrittenWithTheConfiguredStorageClassAndEncryption() {
		S3TraceStorage infrequent = new S3TraceStorage(client,
				settings().withObjectProperties("STANDARD_IA", S3StorageSettings.Encryption.AES256, null));

		infrequent.store(TestTraces.full(DAY.plusSeconds(5), this.attachmentDir));

		assertThat(puts()).hasSize(3).allSatisfy((put) -> {
			assertThat(put.firstMatchingHeader("x-amz-storage-class")).contains("STANDARD_IA");
			assertThat(put.firstMatchingHeader("x-amz-server-side-encryption")).contains("AES256");
			assertThat(put.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id")).isEmpty();
		});
	}

	@Test
	void objectsAreWrittenWithKmsEncryptionAndItsKey() {
		S3TraceStorage encrypted = new S3TraceStorage(client,
				settings().withObjectProperties(null, S3StorageSettings.Encryption.AWS_KMS, "alias/chronotrace"));

		encrypted.store(TestTraces.trace(DAY.plusSeconds(5)));

		assertThat(puts()).hasSize(2).allSatisfy((put) -> {
			assertThat(put.firstMatchingHeader("x-amz-storage-class")).isEmpty();
			assertThat(put.firstMatchingHeader("x-amz-server-side-encryption")).contains("aws:kms");
			assertThat(put.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id"))
				.contains("alias/chronotrace");
		});
	}

	@Test
	void corruptOrForeignObjectsAreSkippedNotThrown() {
		Trace good = TestTraces.trace(DAY.plusSeconds(10));
		Trace corrupt = TestTraces.trace(DAY.plusSeconds(20));
		this.storage.store(good);
		this.storage.store(corrupt);
		String day = this.prefix + "/2025-03-10/";
		put(day + corrupt.id() + "/metadata.json", "{\"id\": 12");
		put(day + corrupt.id() + "/trace.json.gz", "not gzip, not json");
		put(day + "not-a-trace-id/metadata.json", "{}");
		put(this.prefix + "/not-a-day/" + good.id() + "/metadata.json", "{}");
		put(this.prefix + "/notes.txt", "hello");

		assertThat(listAll(TraceQuery.builder())).containsExactly(good.summary());
		assertThat(this.storage.retrieve(corrupt.id())).isEmpty();
		assertThat(this.storage.retrieve(good.id())).contains(good);
	}

	private S3StorageSettings settings() {
		return S3StorageSettings.of(BUCKET).withPrefix(this.prefix);
	}

	private List<Trace> storeInParallel(int count, IntFunction<Trace> traces) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<Trace>> stored = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Trace trace = traces.apply(i);
				stored.add(executor.submit(() -> {
					this.storage.store(trace);
					return trace;
				}));
			}
			List<Trace> result = new ArrayList<>();
			for (Future<Trace> trace : stored) {
				result.add(trace.get());
			}
			return result;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static List<SdkHttpRequest> puts() {
		return recorder.requests().stream().filter((request) -> request.method().name().equals("PUT")).toList();
	}

	private List<String> keys() {
		return client.listObjectsV2Paginator((list) -> list.bucket(BUCKET).prefix(this.prefix + "/"))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	private byte[] object(String key) {
		return client.getObjectAsBytes((get) -> get.bucket(BUCKET).key(key)).asByteArray();
	}

	private void put(String key, String content) {
		client.putObject((put) -> put.bucket(BUCKET).key(key), RequestBody.fromString(content));
	}

	private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
			digesting.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
