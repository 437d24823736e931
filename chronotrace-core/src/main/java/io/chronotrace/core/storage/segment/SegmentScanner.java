package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;

/**
 * Reads a segment frame by frame to rebuild its index: after a crash, for the frames written
 * after the last index write, or for a segment whose index is lost. Stops at the first frame
 * whose length or checksum does not hold (a torn tail).
 */
final class SegmentScanner {

	private SegmentScanner() {
	}

	/**
	 * Scans frames from a position.
	 * @param channel the segment
	 * @param from the offset of the first frame
	 * @param sink receives an index entry for each record
	 * @return the end of the last whole frame: where a torn tail, if any, starts
	 * @throws IOException when the file cannot be read
	 */
	static long scan(FileChannel channel, long from, Consumer<IndexEntry> sink) throws IOException {
		long size = channel.size();
		long position = from;
		while (position + SegmentFormat.FRAME_PREFIX <= size) {
			ByteBuffer prefix = ByteBuffer.wrap(ByteSource.read(channel, position, SegmentFormat.FRAME_PREFIX));
			int length = prefix.getInt();
			if (length < SegmentFormat.BLOCK_HEADER || length > SegmentFormat.MAX_FRAME
					|| position + SegmentFormat.FRAME_PREFIX + length > size) {
				break;
			}
			int frameLength = SegmentFormat.FRAME_PREFIX + length;
			byte[] body;
			try {
				body = SegmentFormat.body(ByteSource.read(channel, position, frameLength));
			}
			catch (IOException ex) {
				break;
			}
			try {
				if (body[0] == SegmentFormat.TYPE_BLOCK) {
					readBlock(body, position, frameLength, sink);
				}
				else if (body[0] == SegmentFormat.TYPE_ATTACHMENT) {
					readAttachment(body, position, frameLength, sink);
				}
			}
			catch (IOException | RuntimeException ex) {
				// the checksum held, so the writer wrote this: a record this version cannot read
				// is skipped, not a reason to drop what follows
			}
			position += frameLength;
		}
		return position;
	}

	private static void readBlock(byte[] body, long frameOffset, int frameLength, Consumer<IndexEntry> sink)
			throws IOException {
		byte[] records = SegmentFormat.blockRecords(body);
		ByteBuffer in = ByteBuffer.wrap(records);
		while (in.remaining() >= SegmentFormat.RECORD_HEADER) {
			byte kind = in.get();
			long msb = in.getLong();
			long lsb = in.getLong();
			long version = in.getLong();
			int length = in.getInt();
			int offset = in.position();
			RecordLocation location = new RecordLocation(frameOffset, frameLength, offset, length);
			in.position(offset + length);
			TraceId id = TraceId.parse(new java.util.UUID(msb, lsb).toString());
			if (kind == IndexEntry.TOMBSTONE) {
				sink.accept(IndexEntry.tombstone(id, version, location));
			}
			else {
				Trace trace = TraceCodec.get().readTrace(java.util.Arrays.copyOfRange(records, offset, offset + length));
				sink.accept(IndexEntry.trace(trace.summary(), kind == IndexEntry.REPLACING_TRACE, version, location));
			}
		}
	}

	private static void readAttachment(byte[] body, long frameOffset, int frameLength, Consumer<IndexEntry> sink) {
		ByteBuffer in = ByteBuffer.wrap(body);
		in.position(SegmentFormat.BLOCK_HEADER);
		long msb = in.getLong();
		long lsb = in.getLong();
		long version = in.getLong();
		int nameLength = in.getShort() & 0xFFFF;
		String name = new String(body, in.position(), nameLength, StandardCharsets.UTF_8);
		int contentOffset = in.position() + nameLength;
		TraceId id = TraceId.parse(new java.util.UUID(msb, lsb).toString());
		sink.accept(IndexEntry.attachment(id, name, version,
				new RecordLocation(frameOffset, frameLength, contentOffset, body.length - contentOffset)));
	}

}
