package io.chronotrace.core.storage.segment;

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

	private final SegmentBuffer frames;

	private final SegmentBuffer block;

	private final List<Pending> pending = new ArrayList<>();

	private final List<IndexEntry> entries = new ArrayList<>();

	BlockWriter(long segmentOffset, byte codec, int blockSize) {
		this(segmentOffset, codec, blockSize, new SegmentBuffer(), new SegmentBuffer());
	}

	/**
	 * A block writer that fills buffers its caller reuses from batch to batch; they are emptied
	 * here.
	 */
	BlockWriter(long segmentOffset, byte codec, int blockSize, SegmentBuffer frames, SegmentBuffer block) {
		this.segmentOffset = segmentOffset;
		this.codec = codec;
		this.blockSize = blockSize;
		this.frames = frames;
		this.block = block;
		frames.reset();
		block.reset();
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
		this.block.ensureRoom(SegmentFormat.RECORD_HEADER + length);
		this.block.write(record.kind());
		this.block.writeLong(uuid.getMostSignificantBits());
		this.block.writeLong(uuid.getLeastSignificantBits());
		this.block.writeLong(record.version());
		this.block.writeInt(length);
		this.pending.add(new Pending(record.kind(), record.summary(), record.id(), record.version(), this.block.size(),
				length));
		this.block.write(bytes, 0, length);
	}

	private void closeBlock() {
		if (this.pending.isEmpty()) {
			return;
		}
		int frameStart = this.frames.size();
		long frameOffset = this.segmentOffset + frameStart;
		SegmentFormat.appendBlockFrame(this.frames, this.block.bytes(), this.block.size(), this.codec);
		int frameLength = this.frames.size() - frameStart;
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
	 * @return the buffer holding every frame of the batch, to be written with one call
	 */
	SegmentBuffer finish() {
		closeBlock();
		return this.frames;
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
