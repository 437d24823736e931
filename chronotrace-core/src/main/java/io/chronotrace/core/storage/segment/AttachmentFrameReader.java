package io.chronotrace.core.storage.segment;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.support.BoundedInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams an attachment out of its frame, decompressed, and checks the frame's CRC32C once
 * the content ends: an attachment is never read whole, so its checksum can only be known at
 * its end. A mismatch is an {@link IOException} from the read that would have ended the
 * stream, never a silent short or altered read.
 */
public final class AttachmentFrameReader {

	/** The most bytes before an attachment's content: type, codec, raw length, id, version, a name. */
	private static final int MAX_CONTENT_OFFSET = SegmentFormat.BLOCK_HEADER + 26 + 0xFFFF;

	private AttachmentFrameReader() {
	}

	/**
	 * Opens an attachment's content.
	 * @param frame the segment's bytes from the frame's first byte (its length), closed with the
	 * stream returned
	 * @param location the attachment's location, as its index entry gives it
	 * @return the content, decompressed when the frame says so
	 * @throws IOException when the frame does not match its index entry or is not an attachment
	 */
	public static InputStream open(InputStream frame, RecordLocation location) throws IOException {
		long bodyLength = (long) location.frameLength() - SegmentFormat.FRAME_PREFIX;
		int contentOffset = location.recordOffset();
		if (contentOffset < SegmentFormat.BLOCK_HEADER || contentOffset > MAX_CONTENT_OFFSET
				|| location.recordLength() < 0 || contentOffset + (long) location.recordLength() != bodyLength) {
			throw new IOException("the index locates the attachment outside its frame");
		}
		DataInputStream in = new DataInputStream(frame);
		byte[] head;
		int length;
		int expectedCrc;
		try {
			length = in.readInt();
			expectedCrc = in.readInt();
			head = in.readNBytes(contentOffset);
		}
		catch (EOFException ex) {
			throw new IOException("the attachment's frame is cut short", ex);
		}
		if (length != bodyLength || head.length != contentOffset) {
			throw new IOException("the attachment's frame does not match its index entry");
		}
		ByteBuffer header = ByteBuffer.wrap(head);
		byte type = header.get();
		byte codec = header.get();
		if (type != SegmentFormat.TYPE_ATTACHMENT) {
			throw new IOException("frame type " + type + " is not an attachment");
		}
		if (codec != SegmentFormat.CODEC_NONE && codec != SegmentFormat.CODEC_DEFLATE) {
			throw new IOException("unknown attachment codec " + codec);
		}
		CRC32C crc = new CRC32C();
		crc.update(head);
		Checked content = new Checked(new BoundedInputStream(frame, location.recordLength()), crc, expectedCrc,
				location.recordLength());
		if (codec == SegmentFormat.CODEC_NONE) {
			return new VerifiedAtEnd(content, content, null);
		}
		Inflater inflater = new Inflater(true);
		return new VerifiedAtEnd(new InflaterInputStream(content, inflater, 64 * 1024), content, inflater);
	}

	/** The stored content, checksummed as it passes. */
	private static final class Checked extends FilterInputStream {

		private final CRC32C crc;

		private final int expected;

		private final long length;

		private long read;

		private boolean verified;

		Checked(InputStream in, CRC32C crc, int expected, long length) {
			super(in);
			this.crc = crc;
			this.expected = expected;
			this.length = length;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				this.crc.update(b);
				this.read++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int count) throws IOException {
			int n = this.in.read(buffer, offset, count);
			if (n > 0) {
				this.crc.update(buffer, offset, n);
				this.read += n;
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			// skipped bytes must be checksummed too
			byte[] buffer = new byte[8192];
			long skipped = 0;
			while (skipped < n) {
				int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
				if (read < 0) {
					break;
				}
				skipped += read;
			}
			return skipped;
		}

		@Override
		public boolean markSupported() {
			return false;
		}

		/** Reads what the decoder left, then compares the checksum. */
		void verify() throws IOException {
			if (this.verified) {
				return;
			}
			byte[] rest = new byte[8192];
			while (read(rest, 0, rest.length) >= 0) {
				// the content's checksum needs every byte
			}
			this.verified = true;
			if (this.read != this.length) {
				throw new IOException("it is cut short: " + this.read + " of its " + this.length + " stored bytes");
			}
			if ((int) this.crc.getValue() != this.expected) {
				throw new IOException("its checksum does not hold: the stored bytes were changed");
			}
		}

	}

	/** The content as the caller reads it: the end of it is only reported once the checksum holds. */
	private static final class VerifiedAtEnd extends FilterInputStream {

		private final Checked checked;

		private final @Nullable Inflater inflater;

		VerifiedAtEnd(InputStream decoded, Checked checked, @Nullable Inflater inflater) {
			super(decoded);
			this.checked = checked;
			this.inflater = inflater;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b < 0) {
				this.checked.verify();
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int count) throws IOException {
			if (count == 0) {
				return 0;
			}
			int n = this.in.read(buffer, offset, count);
			if (n < 0) {
				this.checked.verify();
			}
			return n;
		}

		@Override
		public boolean markSupported() {
			return false;
		}

		@Override
		public void close() throws IOException {
			try {
				super.close();
			}
			finally {
				if (this.inflater != null) {
					this.inflater.end();
				}
			}
		}

	}

}
