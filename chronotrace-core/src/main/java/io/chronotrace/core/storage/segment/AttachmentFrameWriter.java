package io.chronotrace.core.storage.segment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;

/**
 * Writes an attachment into an open segment as one frame, streamed through the compression.
 */
final class AttachmentFrameWriter {

	private AttachmentFrameWriter() {
	}

	/** Streams an attachment through the compression into an attachment frame. */
	static IndexEntry write(OpenSegment segment, TraceId id, long version, TraceAttachment attachment,
			boolean compressed) throws IOException {
		FileChannel channel = segment.segmentChannel();
		long frameOffset = segment.segmentSize();
		byte[] name = attachment.name().getBytes(StandardCharsets.UTF_8);
		byte codec = compressed ? SegmentFormat.CODEC_DEFLATE : SegmentFormat.CODEC_NONE;
		UUID uuid = id.uuid();
		ByteBuffer head = ByteBuffer.allocate(SegmentFormat.FRAME_PREFIX + SegmentFormat.BLOCK_HEADER + 26 + name.length);
		head.putInt(0).putInt(0);
		head.put(SegmentFormat.TYPE_ATTACHMENT).put(codec).putInt(-1);
		head.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).putLong(version);
		head.putShort((short) name.length).put(name);
		byte[] headBytes = head.array();
		CRC32C crc = new CRC32C();
		crc.update(headBytes, SegmentFormat.FRAME_PREFIX, headBytes.length - SegmentFormat.FRAME_PREFIX);
		ChannelSink sink = new ChannelSink(channel, frameOffset + headBytes.length, crc);
		OpenSegment.writeFully(channel, headBytes, frameOffset);
		try (InputStream in = Files.newInputStream(attachment.file());
				OutputStream out = (codec == SegmentFormat.CODEC_DEFLATE)
						? new DeflaterOutputStream(sink, new Deflater(1, true), 64 * 1024) : sink) {
			in.transferTo(out);
		}
		long contentLength = sink.position - (frameOffset + headBytes.length);
		long bodyLength = headBytes.length - SegmentFormat.FRAME_PREFIX + contentLength;
		if (bodyLength > SegmentFormat.MAX_FRAME) {
			throw new IOException("attachment " + attachment.name() + " is larger than a frame can hold");
		}
		OpenSegment.writeFully(channel,
				ByteBuffer.allocate(SegmentFormat.FRAME_PREFIX).putInt((int) bodyLength).putInt((int) crc.getValue())
					.array(),
				frameOffset);
		segment.grewTo(sink.position);
		int contentOffset = headBytes.length - SegmentFormat.FRAME_PREFIX;
		return IndexEntry.attachment(id, attachment.name(), version, new RecordLocation(frameOffset,
				(int) (SegmentFormat.FRAME_PREFIX + bodyLength), contentOffset, (int) contentLength));
	}

	/** Writes to a channel at increasing positions, buffered, updating a checksum. */
	private static final class ChannelSink extends OutputStream {

		private final FileChannel channel;

		private final CRC32C crc;

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

		long position;

		ChannelSink(FileChannel channel, long position, CRC32C crc) {
			this.channel = channel;
			this.position = position;
			this.crc = crc;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.crc.update(bytes, offset, length);
			this.buffer.write(bytes, offset, length);
			if (this.buffer.size() >= 64 * 1024) {
				flush();
			}
		}

		@Override
		public void flush() throws IOException {
			if (this.buffer.size() > 0) {
				byte[] bytes = this.buffer.toByteArray();
				OpenSegment.writeFully(this.channel, bytes, this.position);
				this.position += bytes.length;
				this.buffer.reset();
			}
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
