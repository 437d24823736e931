package io.chronotrace.core.storage.s3.segment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.chronotrace.core.storage.segment.IndexEntry;
import io.chronotrace.core.storage.segment.IndexTable;
import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name of a block's index object is part of what is stored in S3: a block's entries must
 * always give the same name, and the name must parse back to the same key.
 */
class BlockKeyTests {

	private static final LocalDate DAY = LocalDate.of(2024, 5, 1);

	private static final String BASE = "1714557610000-0a1b2c3d";

	@Test
	void namesTheRangeOfStartMillisecondsRoundedDown() {
		IndexTable table = new IndexTable(List.of(trace(IndexEntry.TRACE, 1, "2024-05-01T10:00:00.000999999Z"),
				attachment(3), trace(IndexEntry.TRACE, 2, "2024-05-01T10:00:05.999999999Z"),
				trace(IndexEntry.TRACE, 4, "2024-05-01T10:00:02.123456789Z")));
		assertThat(nameOf(table)).isEqualTo(BASE + ".1714557600000.1714557605999.0.idx");
	}

	@Test
	void marksABlockWithATombstoneOrAReplacingTrace() {
		IndexEntry trace = trace(IndexEntry.TRACE, 1, "2024-05-01T10:00:00.500Z");
		assertThat(nameOf(new IndexTable(List.of(trace, tombstone(2)))))
			.isEqualTo(BASE + ".1714557600500.1714557600500.1.idx");
		assertThat(nameOf(new IndexTable(List.of(trace, trace(IndexEntry.REPLACING_TRACE, 3, "2024-05-01T10:00:01Z")))))
			.isEqualTo(BASE + ".1714557600500.1714557601000.1.idx");
	}

	@Test
	void aBlockWithoutTracesHasNoRangeAndIsMarked() {
		assertThat(nameOf(new IndexTable(List.of(tombstone(1), attachment(2))))).isEqualTo(BASE + ".0.0.1.idx");
		assertThat(nameOf(IndexTable.EMPTY)).isEqualTo(BASE + ".0.0.1.idx");
	}

	@Test
	void theNameParsesBackToTheKey() {
		BlockKey key = BlockKey.of(DAY, BASE, new IndexTable(List.of(trace(IndexEntry.TRACE, 1, "2024-05-01T10:00:00Z"),
				trace(IndexEntry.TRACE, 2, "2024-05-01T23:59:59.999Z"), tombstone(3))));
		assertThat(BlockKey.parseIndex(DAY, key.indexName())).contains(key);
	}

	private static String nameOf(IndexTable table) {
		return BlockKey.of(DAY, BASE, table).indexName();
	}

	private static IndexEntry trace(byte kind, long id, String start) {
		Instant time = Instant.parse(start);
		return new IndexEntry(kind, 7, id, id, location(), time.getEpochSecond(), time.getNano(), 1000, 200, 0, "GET",
				"/", null, null);
	}

	private static IndexEntry tombstone(long id) {
		return new IndexEntry(IndexEntry.TOMBSTONE, 7, id, id, location(), 0, 0, 0, 0, 0, "", "", null, null);
	}

	private static IndexEntry attachment(long id) {
		return new IndexEntry(IndexEntry.ATTACHMENT, 7, id, id, location(), 0, 0, 0, 0, 0, "", "request-body", null,
				null);
	}

	private static RecordLocation location() {
		return new RecordLocation(0, 0, 0, 0);
	}

}
