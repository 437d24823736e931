package io.chronotrace.core.compress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CompressionTests {

	private static final byte[] TEXT = "{\"product\":\"espresso\",\"quantity\":2}".repeat(2000)
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void higherLevelCompressesSmaller() throws Exception {
		assertThat(compress(new Compression(true, 9, 1024)).length)
			.isLessThan(compress(new Compression(true, 1, 1024)).length)
			.isLessThan(TEXT.length / 10);
	}

	@Test
	void decompressReadsGzipAndPlainAlike() throws Exception {
		byte[] gzip = compress(new Compression(true, 6, 1024));
		byte[] plain = compress(new Compression(false, 6, 1024));
		assertThat(plain).isEqualTo(TEXT);
		assertThat(Compression.decompress(new ByteArrayInputStream(gzip)).readAllBytes()).isEqualTo(TEXT);
		assertThat(Compression.decompress(new ByteArrayInputStream(plain)).readAllBytes()).isEqualTo(TEXT);
		assertThat(Compression.decompress(new ByteArrayInputStream(new byte[0])).readAllBytes()).isEmpty();
	}

	@Test
	void compressesWholeDocumentsAsStandardGzip() throws Exception {
		Compression level9 = new Compression(true, 9, 1024);
		for (byte[] content : new byte[][] { TEXT, new byte[0], "x".getBytes(StandardCharsets.UTF_8),
				randomBytes(300_000) }) {
			byte[] gzip = level9.compress(content);
			assertThat(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes())
				.isEqualTo(content);
			// the same deflater serves the next document on this thread
			assertThat(level9.compress(content)).isEqualTo(gzip);
		}
		assertThat(level9.compress(TEXT).length).isLessThan(new Compression(true, 1, 1024).compress(TEXT).length);
		assertThat(new Compression(false, 6, 1024).compress(TEXT)).isSameAs(TEXT);
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new java.util.Random(42).nextBytes(bytes);
		return bytes;
	}

	@Test
	void levelMustBeAGzipLevel() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Compression(true, 12, 1024))
			.withMessageContaining("between 1 and 9");
	}

	private static byte[] compress(Compression compression) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream stream = compression.compress(out)) {
			stream.write(TEXT);
		}
		return out.toByteArray();
	}

}
