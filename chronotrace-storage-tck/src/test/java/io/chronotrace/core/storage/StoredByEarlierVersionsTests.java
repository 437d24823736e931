package io.chronotrace.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.encrypt.EncryptingTraceStorage;
import io.chronotrace.core.encrypt.EncryptionKeys;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.S3TraceStorage;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigin;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces stored by ChronoTrace as it was before the storage layouts were written over an object
 * store (the files under {@code stored-by-0.1.0}, written by that version's own storages: the
 * folder layout compressed and plain, encrypted, and segments sealed and as a killed process left
 * them) read back whole with today's: every field, every attachment byte for byte, listed, and the
 * trace deleted then stays deleted. The folder layout's files, put in a bucket as they are, read
 * back from S3 too.
 */
class StoredByEarlierVersionsTests {

	private static final String BUCKET = "stored-by-earlier";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	@TempDir
	Path temp;

	@Test
	void foldersCompressed() throws Exception {
		assertReadsBack(new LocalFileSystemTraceStorage(copy("folders-gzip"), Compression.DEFAULT));
	}

	@Test
	void foldersPlainReadWhateverTheCompressionNow() throws Exception {
		assertReadsBack(new LocalFileSystemTraceStorage(copy("folders-plain"), Compression.DEFAULT));
	}

	@Test
	void foldersInABucket() throws Exception {
		Path folders = copy("folders-gzip");
		String prefix = "earlier/" + UUID.randomUUID();
		try (S3Client client = s3.server().client(); Stream<Path> files = Files.walk(folders)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String key = prefix + "/" + folders.relativize(file).toString().replace('\\', '/');
				client.putObject((put) -> put.bucket(BUCKET).key(key), RequestBody.fromFile(file));
			}
			assertReadsBack(new S3TraceStorage(client, S3StorageSettings.of(BUCKET).withPrefix(prefix)));
		}
	}

	@Test
	void encryptedFolders() throws Exception {
		String key = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
		assertReadsBack(new EncryptingTraceStorage(new LocalFileSystemTraceStorage(copy("encrypted-folders"),
				Compression.DEFAULT), EncryptionKeys.of(Map.of("k1", key), "k1"), false, true));
	}

	@Test
	void sealedSegments() throws Exception {
		try (SegmentTraceStorage storage = SegmentTraceStorage.open(copy("segments"), SegmentSettings.DEFAULT)) {
			assertReadsBack(storage);
		}
	}

	@Test
	void segmentsAKilledProcessLeftOpen() throws Exception {
		try (SegmentTraceStorage storage = SegmentTraceStorage.open(copy("segments-open"), SegmentSettings.DEFAULT)) {
			assertReadsBack(storage);
		}
	}

	private void assertReadsBack(TraceStorage storage) throws IOException {
		Path expected = resource("expected");
		List<Trace> traces = new ArrayList<>();
		try (Stream<Path> files = Files.list(expected)) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".json")).toList()) {
				traces.add(TraceCodec.get().readTrace(Files.readAllBytes(file)));
			}
		}
		assertThat(traces).hasSize(4);
		for (Trace trace : traces) {
			assertThat(storage.retrieve(trace.id())).as(trace.id().toString()).contains(trace);
			for (String name : trace.referencedAttachments()) {
				Optional<InputStream> content = storage.openAttachment(trace.id(), name);
				assertThat(content).as(name).isPresent();
				try (InputStream in = content.get()) {
					assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(expected.resolve(trace.id() + "." + name)));
				}
			}
		}
		assertThat(storage.list(TraceQuery.newest()).items()).extracting(TraceSummary::id)
			.containsExactlyInAnyOrderElementsOf(traces.stream().map(Trace::id).toList());
		// stored before origins existed: ordinary requests, and listed as such when asked for
		assertThat(storage.list(TraceQuery.newest()).items()).extracting(TraceSummary::origin)
			.containsOnly(TraceOrigin.REQUEST);
		assertThat(storage.list(TraceQuery.builder().origins(Set.of(TraceOrigin.REQUEST)).build()).items())
			.hasSize(traces.size());
		TraceId deleted = TraceId.parse(Files.readString(expected.resolve("deleted.txt")).trim());
		assertThat(storage.retrieve(deleted)).isEmpty();
	}

	/** A copy to open: storages write beside what they read (markers, locks, recovered files). */
	private Path copy(String name) throws IOException {
		Path from = resource(name);
		Path to = this.temp.resolve(name);
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		return to;
	}

	private static Path resource(String name) {
		try {
			return Path.of(StoredByEarlierVersionsTests.class.getResource("stored-by-0.1.0/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
