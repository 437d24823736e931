package io.chronotrace.core.recording;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;

import static org.assertj.core.api.Assertions.assertThat;

class BodyCaptureTests {

	@TempDir
	Path spillDirectory;

	private BodyCapture capture(long captureLimit, long memoryThreshold, @Nullable String contentType) {
		return capture(captureLimit, memoryThreshold, contentType, BodyScrubber.NONE);
	}

	private BodyCapture capture(long captureLimit, long memoryThreshold, @Nullable String contentType,
			BodyScrubber scrubber) {
		// binary bodies allowed, so that every encoding can be seen
		CaptureSettings settings = new CaptureSettings(captureLimit, memoryThreshold, this.spillDirectory, true, true,
				true);
		return settings.responseBody(scrubber, () -> contentType);
	}

	@Test
	void binaryBodiesAreLeftOutByDefaultSinceTheyCannotBeScrubbed() {
		CaptureSettings settings = new CaptureSettings(1024, 1024, this.spillDirectory, true, true);
		BodyCapture capture = settings.responseBody(BodyScrubber.NONE, () -> "application/x-protobuf");
		write(capture, new byte[] { 10, 8, 's', 'e', 'c', 'r', 'e', 't' });

		TraceBody body = capture.finish();

		assertThat(body.encoding()).isEqualTo(TraceBody.Encoding.OMITTED);
		assertThat(body.content()).isNull();
		assertThat(body.size()).isEqualTo(8);
		assertThat(body.capturedSize()).isZero();
		assertThat(body.truncated()).isFalse();
		assertThat(capture.attachment()).isNull();
	}

	@Test
	void compressedBodiesAreLeftOutByDefaultWhateverTheirType() {
		CaptureSettings settings = new CaptureSettings(1024, 1024, this.spillDirectory, true, true);
		BodyCapture capture = settings.responseBody(BodyScrubber.NONE, () -> "application/json", () -> "gzip");
		write(capture, new byte[] { 0x1f, (byte) 0x8b, 8, 0, 1, 2, 3 });

		assertThat(capture.finish().encoding()).isEqualTo(TraceBody.Encoding.OMITTED);
		BodyCapture identity = settings.responseBody(BodyScrubber.NONE, () -> "application/json", () -> "identity");
		write(identity, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(identity.finish().encoding()).isEqualTo(TraceBody.Encoding.TEXT);
	}

	private static void write(BodyCapture capture, byte[] bytes) {
		// in uneven chunks, as a body arrives
		for (int off = 0; off < bytes.length; off += 7) {
			capture.write(bytes, off, Math.min(7, bytes.length - off));
		}
	}

	@Test
	void utf8JsonWithoutCharsetStaysReadable() {
		BodyCapture capture = capture(1024, 1024, "application/json");
		String json = "{\"name\":\"Jürgen Müller\",\"city\":\"東京\"}";
		write(capture, json.getBytes(StandardCharsets.UTF_8));

		TraceBody body = capture.finish();

		assertThat(body).isNotNull();
		assertThat(body.encoding()).isEqualTo(TraceBody.Encoding.TEXT);
		assertThat(body.content()).isEqualTo(json);
		assertThat(body.charset()).isEqualTo("UTF-8");
		assertThat(body.truncated()).isFalse();
	}

	@Test
	void textIsDecodedWithTheCharsetOfItsContentType() {
		BodyCapture capture = capture(1024, 1024, "text/plain;charset=ISO-8859-1");
		write(capture, "café crème".getBytes(StandardCharsets.ISO_8859_1));

		TraceBody body = capture.finish();

		assertThat(body.content()).isEqualTo("café crème");
		assertThat(body.charset()).isEqualTo("ISO-8859-1");
	}

	@Test
	void binaryContentIsKeptAsBase64() {
		BodyCapture capture = capture(1024, 1024, "image/png");
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff };
		write(capture, png);

		TraceBody body = capture.finish();

		assertThat(body.encoding()).isEqualTo(TraceBody.Encoding.BASE64);
		assertThat(Base64.getDecoder().decode(body.content())).isEqualTo(png);
		assertThat(body.charset()).isNull();
	}

	@Test
	void bodyWithoutContentTypeIsTextWhenItIsValidUtf8() {
		BodyCapture text = capture(1024, 1024, null);
		write(text, "plain ünïcode".getBytes(StandardCharsets.UTF_8));
		BodyCapture binary = capture(1024, 1024, null);
		write(binary, new byte[] { (byte) 0xc3, 0x28, (byte) 0xff });

		assertThat(text.finish().encoding()).isEqualTo(TraceBody.Encoding.TEXT);
		assertThat(binary.finish().encoding()).isEqualTo(TraceBody.Encoding.BASE64);
	}

	@Test
	void bodyOverTheCaptureLimitIsCutAndMarkedTruncatedWithItsSize() {
		BodyCapture capture = capture(10, 1024, "text/plain");
		write(capture, "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8));

		TraceBody body = capture.finish();

		assertThat(body.content()).isEqualTo("0123456789");
		assertThat(body.size()).isEqualTo(20);
		assertThat(body.capturedSize()).isEqualTo(10);
		assertThat(body.truncated()).isTrue();
		assertThat(capture.size()).isEqualTo(20);
	}

	@Test
	void bodyOverTheMemoryThresholdIsSpilledToAnAttachmentFile() throws IOException {
		BodyCapture capture = capture(5000, 1024, "application/octet-stream");
		byte[] bytes = new byte[8000];
		Arrays.fill(bytes, (byte) 'x');
		write(capture, bytes);

		TraceBody body = capture.finish();
		TraceAttachment attachment = capture.attachment();

		assertThat(body.encoding()).isEqualTo(TraceBody.Encoding.ATTACHMENT);
		assertThat(body.attachment()).isEqualTo("response-body");
		assertThat(body.content()).isNull();
		assertThat(body.size()).isEqualTo(8000);
		assertThat(body.capturedSize()).isEqualTo(5000);
		assertThat(body.truncated()).isTrue();
		assertThat(attachment).isNotNull();
		assertThat(attachment.file()).startsWith(this.spillDirectory);
		assertThat(Files.size(attachment.file())).isEqualTo(5000).isEqualTo(attachment.size());
	}

	@Test
	void bodyOfExactlyTheMemoryThresholdStaysInMemory() {
		BodyCapture capture = capture(4096, 1024, "text/plain");
		write(capture, new byte[1024]);

		assertThat(capture.finish().encoding()).isEqualTo(TraceBody.Encoding.TEXT);
		assertThat(capture.attachment()).isNull();
	}

	@Test
	void aBodyThatGrowsPastItsFirstWriteIsKeptWholeThenSpilledAtTheThreshold() throws IOException {
		// the buffer is sized by the first write: later writes must grow it, then spill it
		StringBuilder expected = new StringBuilder();
		BodyCapture capture = capture(100_000, 4096, "text/plain");
		for (int i = 0; i < 6; i++) {
			String piece = Integer.toString(i).repeat((i == 0) ? 1000 : 300);
			capture.write(piece.getBytes(StandardCharsets.US_ASCII), 0, piece.length());
			expected.append(piece);
		}
		assertThat(capture.finish().content()).isEqualTo(expected.toString());

		BodyCapture spilled = capture(100_000, 4096, "text/plain");
		String first = "a".repeat(3000);
		String second = "b".repeat(3000);
		spilled.write(first.getBytes(StandardCharsets.US_ASCII), 0, 3000);
		spilled.write(second.getBytes(StandardCharsets.US_ASCII), 0, 3000);
		assertThat(spilled.finish().encoding()).isEqualTo(TraceBody.Encoding.ATTACHMENT);
		assertThat(Files.readString(spilled.attachment().file())).isEqualTo(first + second);
	}

	@Test
	void discardingASpilledCaptureDeletesItsFile() throws IOException {
		BodyCapture capture = capture(5000, 1024, "text/plain");
		write(capture, new byte[3000]);
		assertThat(spilledFiles()).hasSize(1);

		capture.discard();

		assertThat(spilledFiles()).isEmpty();
	}

	@Test
	void discardingAFinishedCaptureDeletesItsAttachment() throws IOException {
		BodyCapture capture = capture(5000, 1024, "text/plain");
		write(capture, new byte[3000]);
		capture.finish();

		capture.discard();

		assertThat(spilledFiles()).isEmpty();
	}

	@Test
	void capturedBytesGoThroughTheScrubberBeforeTheyAreKept() throws IOException {
		BodyScrubber upperCase = (target, contentType) -> new FilterOutputStream(target) {
			@Override
			public void write(int b) throws IOException {
				this.out.write(Character.toUpperCase(b));
			}
		};
		BodyCapture inMemory = capture(1024, 1024, "text/plain", upperCase);
		write(inMemory, "secret".getBytes(StandardCharsets.UTF_8));
		BodyCapture spilled = capture(4096, 1024, "text/plain", upperCase);
		write(spilled, "secret".repeat(300).getBytes(StandardCharsets.UTF_8));

		assertThat(inMemory.finish().content()).isEqualTo("SECRET");
		spilled.finish();
		assertThat(Files.readString(spilled.attachment().file()))
			.isEqualTo("secret".repeat(300).toUpperCase(Locale.ROOT));
	}

	@Test
	void aBodyInMemoryIsScrubbedOnlyWhenFinishedAndADiscardedOneNever() {
		AtomicInteger scrubbed = new AtomicInteger();
		BodyScrubber counting = (target, contentType) -> {
			scrubbed.incrementAndGet();
			return target;
		};
		BodyCapture thrownAway = capture(1024, 1024, "application/json", counting);
		write(thrownAway, "{\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		thrownAway.discard();
		assertThat(scrubbed).as("a capture thrown away costs a copy of its bytes, no scrubbing").hasValue(0);
		BodyCapture kept = capture(1024, 1024, "application/json", counting);
		write(kept, "{\"a\":".getBytes(StandardCharsets.UTF_8));
		write(kept, "1}".getBytes(StandardCharsets.UTF_8));
		assertThat(scrubbed).hasValue(0);
		assertThat(kept.finish().content()).isEqualTo("{\"a\":1}");
		assertThat(scrubbed).hasValue(1);
	}

	@Test
	void aBodyLeavingMemoryIsScrubbedFromItsFirstByteOnItsWayToTheFile() throws IOException {
		BodyScrubber upperCase = (target, contentType) -> new FilterOutputStream(target) {
			@Override
			public void write(int b) throws IOException {
				this.out.write(Character.toUpperCase(b));
			}
		};
		BodyCapture spilled = capture(8192, 1024, "text/plain", upperCase);
		// first within memory, then past it: what was kept raw is scrubbed before it reaches the file
		write(spilled, "secret".repeat(100).getBytes(StandardCharsets.UTF_8));
		write(spilled, "token!".repeat(100).getBytes(StandardCharsets.UTF_8));
		try (java.util.stream.Stream<Path> files = Files.list(this.spillDirectory)) {
			Path file = files.findFirst().orElseThrow();
			assertThat(Files.readString(file)).doesNotContain("secret").doesNotContain("token");
		}
		spilled.finish();
		assertThat(Files.readString(spilled.attachment().file()))
			.isEqualTo(("secret".repeat(100) + "token!".repeat(100)).toUpperCase(Locale.ROOT));
	}

	@Test
	void byteBuffersAreCapturedWhetherHeapOrDirect() {
		BodyCapture capture = capture(1024, 1024, "text/plain");
		ByteBuffer heap = ByteBuffer.wrap("--heap--".getBytes(StandardCharsets.UTF_8), 2, 4);
		ByteBuffer direct = ByteBuffer.allocateDirect(6).put("direct".getBytes(StandardCharsets.UTF_8)).flip();

		capture.write(heap);
		capture.write(direct);

		assertThat(capture.finish().content()).isEqualTo("heapdirect");
		assertThat(heap.hasRemaining()).isFalse();
	}

	@Test
	void captureThatIsOffOnlyCounts() {
		CaptureSettings settings = new CaptureSettings(1024, 1024, this.spillDirectory, false, true);
		BodyCapture capture = settings.requestBody(BodyScrubber.NONE, () -> "text/plain");
		write(capture, new byte[100]);

		assertThat(capture.size()).isEqualTo(100);
		assertThat(capture.capturedSize()).isZero();
		assertThat(capture.finish()).isNull();
	}

	@Test
	void emptyBodyIsNoBody() {
		assertThat(capture(1024, 1024, "text/plain").finish()).isNull();
	}

	@Test
	void resetForgetsWhatPassed() {
		BodyCapture capture = capture(1024, 1024, "text/plain");
		write(capture, "discarded".getBytes(StandardCharsets.UTF_8));
		capture.reset();
		write(capture, "kept".getBytes(StandardCharsets.UTF_8));

		TraceBody body = capture.finish();

		assertThat(body.content()).isEqualTo("kept");
		assertThat(body.size()).isEqualTo(4);
	}

	@Test
	void failureToSpillKeepsCountingAndRecordsAnEmptyTruncatedBody() throws IOException {
		Path notADirectory = Files.createFile(this.spillDirectory.resolve("file"));
		CaptureSettings settings = new CaptureSettings(4096, 1024, notADirectory, true, true);
		BodyCapture capture = settings.responseBody(BodyScrubber.NONE, () -> "text/plain");

		write(capture, new byte[3000]);
		TraceBody body = capture.finish();

		assertThat(body.size()).isEqualTo(3000);
		assertThat(body.capturedSize()).isZero();
		assertThat(body.truncated()).isTrue();
		assertThat(body.content()).isEmpty();
	}

	private java.util.List<Path> spilledFiles() throws IOException {
		try (var files = Files.list(this.spillDirectory)) {
			return files.toList();
		}
	}

}
