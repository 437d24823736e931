package io.chronotrace.core.storage.segment;

import java.time.Duration;

/**
 * How the segment layout writes.
 *
 * @param compressed whether blocks are compressed (raw deflate, level 1)
 * @param blockSize the uncompressed size at which a block of records is closed: reading one
 * trace decompresses at most one block (a single larger trace gets a block of its own)
 * @param segmentMaxBytes the size at which a segment is sealed and a new one started
 * @param segmentMaxAge the age at which a segment is sealed
 * @param syncInterval how often written data is forced to disk; the operating system holds it
 * as soon as a batch's write returns, this only bounds what a power loss can take
 * @param indexCacheEntries the most index entries of sealed segments kept parsed in memory
 * (about 150 to 300 bytes each, depending on how often paths repeat)
 */
public record SegmentSettings(boolean compressed, int blockSize, long segmentMaxBytes, Duration segmentMaxAge,
		Duration syncInterval, int indexCacheEntries) {

	/** Compressed 64 KB blocks, 64 MB or 1 hour segments, a sync every 5 seconds, 1,000,000 cached entries. */
	public static final SegmentSettings DEFAULT = new SegmentSettings(true, 64 * 1024, 64L * 1024 * 1024,
			Duration.ofHours(1), Duration.ofSeconds(5), 1_000_000);

	public SegmentSettings {
		if (blockSize < 1024 || segmentMaxBytes < blockSize || indexCacheEntries < 0) {
			throw new IllegalArgumentException("invalid segment settings");
		}
	}

	/**
	 * These settings with or without compression.
	 * @param compressed whether to compress
	 * @return the settings
	 */
	public SegmentSettings withCompression(boolean compressed) {
		return new SegmentSettings(compressed, this.blockSize, this.segmentMaxBytes, this.segmentMaxAge,
				this.syncInterval, this.indexCacheEntries);
	}

	/**
	 * These settings with another segment size.
	 * @param segmentMaxBytes the size at which a segment is sealed
	 * @return the settings
	 */
	public SegmentSettings withSegmentMaxBytes(long segmentMaxBytes) {
		return new SegmentSettings(this.compressed, this.blockSize, segmentMaxBytes, this.segmentMaxAge,
				this.syncInterval, this.indexCacheEntries);
	}

}
