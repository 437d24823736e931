package io.chronotrace.core.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.support.ContentTypes;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;

/**
 * The capture of one body while it passes (a tee): counts every byte, keeps at most the capture
 * limit, in memory up to the memory threshold and in a temporary file beyond it, scrubbed by the
 * {@link BodyScrubber} before anything leaves memory. A body that stays in memory is kept as it
 * came and scrubbed only when {@link #finish() finished}: most captures are thrown away (the
 * default mode keeps failures only), and those cost a copy of their bytes, nothing more. A body
 * that outgrows memory is scrubbed as it passes, on its way to the file.
 * <p>
 * {@link #finish()} turns what was kept into a {@link TraceBody}: text decoded with the charset
 * of the content type (UTF-8 when none is given) for textual types, base64 for binary ones, and
 * an attachment ({@link #attachment()}) when the body was spilled to a file. Binary and
 * compressed ({@code Content-Encoding}) bodies cannot be scrubbed, so unless the settings allow
 * binary bodies they are kept out and only their size is recorded ({@code OMITTED}). A capture that is not
 * recorded is {@link #discard() discarded}, which deletes its file.
 * <p>
 * A failure to keep bytes (such as a full disk) never reaches the code that writes the body:
 * the capture logs it, keeps counting, and records an empty, truncated body. Not thread-safe:
 * bytes arrive from one thread at a time, and the capture is finished after the last of them.
 */
public final class BodyCapture {

	private static final RateLimitedLog failures = new RateLimitedLog(
			LoggerFactory.getLogger(BodyCapture.class), Duration.ofMinutes(1));

	private final CaptureSettings settings;

	private final boolean enabled;

	private final BodyScrubber scrubber;

	private final String attachmentName;

	private final Supplier<@Nullable String> contentType;

	private final Supplier<@Nullable String> contentEncoding;

	/** Whether the body is binary or compressed and kept out: only its size is recorded. */
	private boolean omitted;

	private long size;

	private long capturedSize;

	private @Nullable SpillingBuffer buffer;

	private @Nullable OutputStream target;

	/** What was kept while the body fits in memory, unscrubbed: {@link #target} takes it over. */
	private byte @Nullable [] raw;

	private int rawCount;

	/** Whether the first bytes arrived, and with them the decision to keep the body out. */
	private boolean started;

	private boolean detached;

	private @Nullable String finalContentType;

	private @Nullable String scrubbedContentType;

	private boolean failed;

	private boolean finished;

	private @Nullable TraceBody body;

	private @Nullable TraceAttachment attachment;

	BodyCapture(CaptureSettings settings, boolean enabled, BodyScrubber scrubber, String attachmentName,
			Supplier<@Nullable String> contentType, Supplier<@Nullable String> contentEncoding) {
		this.settings = settings;
		this.enabled = enabled;
		this.scrubber = scrubber;
		this.attachmentName = attachmentName;
		this.contentType = contentType;
		this.contentEncoding = contentEncoding;
	}

	/**
	 * Receives one byte of the body.
	 * @param b the byte
	 */
	public void write(int b) {
		write(new byte[] { (byte) b }, 0, 1);
	}

	/**
	 * Receives bytes of the body.
	 * @param bytes the bytes
	 * @param off where they start
	 * @param len how many there are
	 */
	public void write(byte[] bytes, int off, int len) {
		if (len <= 0) {
			return;
		}
		this.size += len;
		if (!this.enabled || this.failed || this.finished || this.detached || this.omitted) {
			return;
		}
		long room = this.settings.captureLimit() - this.capturedSize;
		if (room <= 0) {
			return;
		}
		int kept = (int) Math.min(room, len);
		try {
			if (!this.started && !start()) {
				return;
			}
			OutputStream out = this.target;
			if (out == null && this.capturedSize + kept <= this.settings.memoryThreshold()) {
				keepRaw(bytes, off, kept);
				this.capturedSize += kept;
				return;
			}
			if (out == null) {
				// leaving memory: scrubbed from now on, what was kept first
				out = scrubbing(this.rawCount + kept);
			}
			out.write(bytes, off, kept);
			this.capturedSize += kept;
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
		}
	}

	/**
	 * Decides, with the first bytes, whether the body is kept out: binary and compressed bodies
	 * cannot be scrubbed.
	 * @return whether it is kept
	 */
	private boolean start() {
		this.started = true;
		String type = this.contentType.get();
		this.scrubbedContentType = type;
		if (!this.settings.binaryBodies()
				&& (isEncoded(this.contentEncoding.get()) || (type != null && !ContentTypes.isTextual(type)))) {
			this.omitted = true;
			return false;
		}
		return true;
	}

	private void keepRaw(byte[] bytes, int off, int len) {
		byte[] kept = this.raw;
		if (kept == null) {
			// sized by the first write: a body often comes whole
			kept = new byte[Math.max(len, 256)];
			this.raw = kept;
		}
		else if (this.rawCount + len > kept.length) {
			long grown = Math.max((long) kept.length * 2, (long) this.rawCount + len);
			kept = Arrays.copyOf(kept, (int) Math.min(grown, this.settings.memoryThreshold()));
			this.raw = kept;
		}
		System.arraycopy(bytes, off, kept, this.rawCount, len);
		this.rawCount += len;
	}

	/**
	 * The scrubbing stream bytes are kept through from now on, with what was kept raw so far
	 * written through it first.
	 * @param expected how many bytes the buffer is sized for
	 */
	private OutputStream scrubbing(int expected) throws IOException {
		SpillingBuffer spilling = new SpillingBuffer(this.settings.memoryThreshold(), this.settings.spillDirectory(),
				expected);
		this.buffer = spilling;
		OutputStream out = this.scrubber.scrubbing(spilling, this.scrubbedContentType);
		this.target = out;
		byte[] kept = this.raw;
		if (kept != null) {
			this.raw = null;
			out.write(kept, 0, this.rawCount);
		}
		return out;
	}

	/**
	 * Receives the remaining bytes of a buffer, consuming them.
	 * @param bytes the bytes; pass a {@link ByteBuffer#duplicate() duplicate} to leave a buffer
	 * that is still in use untouched
	 */
	public void write(ByteBuffer bytes) {
		if (bytes.hasArray()) {
			int len = bytes.remaining();
			write(bytes.array(), bytes.arrayOffset() + bytes.position(), len);
			bytes.position(bytes.position() + len);
			return;
		}
		byte[] chunk = new byte[Math.min(bytes.remaining(), 8192)];
		while (bytes.hasRemaining()) {
			int len = Math.min(chunk.length, bytes.remaining());
			bytes.get(chunk, 0, len);
			write(chunk, 0, len);
		}
	}

	/**
	 * This capture as a stream, for code that produces bytes through one (such as a character
	 * encoder); closing it does nothing.
	 * @return the stream
	 */
	public OutputStream asOutputStream() {
		return new OutputStream() {

			@Override
			public void write(int b) {
				BodyCapture.this.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				BodyCapture.this.write(b, off, len);
			}

		};
	}

	private static boolean isEncoded(@Nullable String contentEncoding) {
		return contentEncoding != null && !contentEncoding.isBlank()
				&& !"identity".equalsIgnoreCase(contentEncoding.trim());
	}

	private void fail(Exception ex) {
		this.failed = true;
		failures.warn("Could not capture " + this.attachmentName + " of a recorded request; it is recorded empty",
				ex);
		release();
	}

	/**
	 * How many bytes of the body passed.
	 * @return the size
	 */
	public long size() {
		return this.size;
	}

	/**
	 * How many bytes of the body are held in memory, for the writer queue's memory bound.
	 * @return the bytes held in memory
	 */
	public long memoryFootprint() {
		return Math.min(this.capturedSize, this.settings.memoryThreshold());
	}

	/**
	 * How many bytes of the body were kept.
	 * @return at most the capture limit
	 */
	public long capturedSize() {
		return this.capturedSize;
	}

	/**
	 * Ends the writing side, on the thread that wrote the body: the content type is read from
	 * the request or response one last time, so that {@link #finish()} may run on another thread
	 * once the container has recycled them. Later bytes are not kept.
	 */
	public void detach() {
		if (!this.detached) {
			this.detached = true;
			String type = this.contentType.get();
			this.finalContentType = (type != null) ? type : this.scrubbedContentType;
		}
	}

	/**
	 * Ends the capture and describes the body; after {@link #detach()}, on any thread.
	 * @return the body, or {@code null} when capture is off or the body was empty
	 */
	public @Nullable TraceBody finish() {
		if (this.finished) {
			return this.body;
		}
		detach();
		this.finished = true;
		if (!this.enabled || this.size == 0) {
			release();
			return null;
		}
		String type = this.finalContentType;
		if (this.target == null && this.raw != null && !this.failed) {
			try {
				scrubbing(this.rawCount);
			}
			catch (IOException | RuntimeException ex) {
				fail(ex);
			}
		}
		closeTarget();
		SpillingBuffer spilling = this.buffer;
		if (this.omitted) {
			this.body = new TraceBody(type, TraceBody.Encoding.OMITTED, null, null, null, this.size, 0, false);
		}
		else if (this.failed || spilling == null) {
			this.body = new TraceBody(type, TraceBody.Encoding.TEXT, "", null, null, this.size, 0, true);
		}
		else {
			this.body = describe(type, spilling);
		}
		return this.body;
	}

	private void closeTarget() {
		OutputStream out = this.target;
		if (out != null && !this.failed) {
			try {
				out.close();
			}
			catch (IOException | RuntimeException ex) {
				fail(ex);
			}
		}
	}

	private TraceBody describe(@Nullable String type, SpillingBuffer spilling) {
		boolean textual = ContentTypes.isTextual(type);
		Charset declared = ContentTypes.charset(type);
		Charset charset = (declared != null) ? declared : StandardCharsets.UTF_8;
		Path file = spilling.file();
		if (file != null) {
			this.attachment = new TraceAttachment(this.attachmentName, file, spilling.size());
			return new TraceBody(type, TraceBody.Encoding.ATTACHMENT, null, this.attachmentName,
					textual ? charset.name() : null, this.size, this.capturedSize, this.capturedSize < this.size);
		}
		if (textual) {
			return TraceBody.text(type, spilling.decode(charset), charset.name(), this.size, this.capturedSize);
		}
		byte[] bytes = spilling.toByteArray();
		if (type == null && isUtf8(bytes)) {
			return TraceBody.text(type, new String(bytes, charset), charset.name(), this.size, this.capturedSize);
		}
		return new TraceBody(type, TraceBody.Encoding.BASE64, Base64.getEncoder().encodeToString(bytes), null, null,
				this.size, this.capturedSize, this.capturedSize < this.size);
	}

	private static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * The file holding the body when it was larger than the memory threshold.
	 * @return the attachment, once finished, or {@code null}
	 */
	public @Nullable TraceAttachment attachment() {
		return this.attachment;
	}

	/**
	 * Forgets what passed so far, as when a response buffer is reset before anything was sent.
	 */
	public void reset() {
		release();
		this.size = 0;
		this.capturedSize = 0;
		this.failed = false;
		this.omitted = false;
		this.started = false;
		this.detached = false;
	}

	/** Ends the capture of a body that is not recorded, deleting its file. */
	public void discard() {
		this.finished = true;
		release();
		TraceAttachment spilled = this.attachment;
		if (spilled != null) {
			spilled.release();
		}
		this.body = null;
		this.attachment = null;
	}

	private void release() {
		SpillingBuffer spilling = this.buffer;
		if (spilling != null) {
			spilling.delete();
		}
		this.buffer = null;
		this.target = null;
		this.raw = null;
		this.rawCount = 0;
	}

}
