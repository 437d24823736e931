package io.chronotrace.core.storage.segment;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;

/**
 * Builds the frames of one batch in memory: records go into a block until it reaches the block
 * size, then the block is compressed and framed. The caller writes all frames with one write
 * at the segment offset given here, and the index entries point into them.
 */
final class BlockWriter {

	private final long segmentOffset;

	private final byte codec;

	private final int blockSize;

	private final ByteArrayOutputStream frames = new ByteArrayOutputStream();

	private final ByteArrayOutputStream block = new ByteArrayOutputStream();

	private final ByteBuffer header = ByteBuffer.allocate(SegmentFormat.RECORD_HEADER);

	private final List<Pending> pending = new ArrayList<>();

	private final List<IndexEntry> entries = new ArrayList<>();

	BlockWriter(long segmentOffset, byte codec, int blockSize) {
		this.segmentOffset = segmentOffset;
		this.codec = codec;
		this.blockSize = blockSize;
	}

	void addTrace(TraceSummary summary, boolean replacing, long version, byte[] json) {
		addTrace(summary, replacing, version, summary.id().uuid(), json, json.length);
	}

	/**
	 * Adds a trace's JSON from a buffer the caller reuses: the bytes are copied into the block.
	 */
	void addTrace(TraceSummary summary, boolean replacing, long version, UUID uuid, byte[] json, int length) {
		byte kind = replacing ? IndexEntry.REPLACING_TRACE : IndexEntry.TRACE;
		add(new Pending(kind, summary, summary.id(), version, 0, length), uuid, json, length);
	}

	void addTombstone(TraceId id, long version) {
		add(new Pending(IndexEntry.TOMBSTONE, null, id, version, 0, 0), id.uuid(), new byte[0],
				0);
	}

	private void add(Pending record, UUID uuid, byte[] bytes, int length) {
		if (this.block.size() > 0 && this.block.size() + length > this.blockSize) {
			closeBlock();
		}
		this.header.clear()
			.put(record.kind())
			.putLong(uuid.getMostSignificantBits())
			.putLong(uuid.getLeastSignificantBits())
			.putLong(record.version())
			.putInt(length);
		this.block.write(this.header.array(), 0, SegmentFormat.RECORD_HEADER);
		this.pending.add(new Pending(record.kind(), record.summary(), record.id(), record.version(), this.block.size(),
				length));
		this.block.write(bytes, 0, length);
	}

	private void closeBlock() {
		if (this.pending.isEmpty()) {
			return;
		}
		byte[] body = SegmentFormat.blockBody(this.block.toByteArray(), this.block.size(), this.codec);
		long frameOffset = this.segmentOffset + this.frames.size();
		int frameLength = SegmentFormat.FRAME_PREFIX + body.length;
		SegmentFormat.frame(this.frames, body, body.length);
		for (Pending record : this.pending) {
			RecordLocation location = new RecordLocation(frameOffset, frameLength, record.offset(), record.length());
			this.entries.add((record.summary() != null)
					? IndexEntry.trace(record.summary(), record.kind() == IndexEntry.REPLACING_TRACE, record.version(), location)
					: IndexEntry.tombstone(record.id(), record.version(), location));
		}
		this.pending.clear();
		this.block.reset();
	}

	/**
	 * Closes the last block.
	 * @return every frame of the batch, to be written with one call
	 */
	byte[] finish() {
		closeBlock();
		return this.frames.toByteArray();
	}

	/**
	 * The index entries, one per record in the order added; complete after {@link #finish()}.
	 * @return the entries
	 */
	List<IndexEntry> entries() {
		return this.entries;
	}

	private record Pending(byte kind, @org.jspecify.annotations.Nullable TraceSummary summary, TraceId id, long version,
			int offset, int length) {
	}

}
