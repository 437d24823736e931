package io.chronotrace.core.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import javax.sql.DataSource;

import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.storage.segment.SegmentFiles;
import io.chronotrace.core.storage.segment.SegmentFormat;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceSummary;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Everything a backend really stored, read around the backend (files on disk, objects in a
 * bucket, rows of a table, keys of a Redis) and decoded as far as anyone holding the storage
 * could: gzip and segment blocks decompressed, attachments inflated, chunked rows put back
 * together. Each piece is kept as stored too. What an encrypting storage sealed stays
 * ciphertext; its clear parts (paths, summaries, index entries, key names) are here.
 */
public final class StoredBytes {

	private final List<byte[]> pieces = new ArrayList<>();

	/**
	 * Everything stored so far.
	 * @return the pieces, raw and decoded
	 */
	public List<byte[]> pieces() {
		return this.pieces;
	}

	/**
	 * Every file under a directory: the folder layout's files gunzipped, the segment layout's
	 * segments decoded frame by frame, indexes as they are; file names too.
	 * @param root the storage's directory
	 * @return this
	 */
	public StoredBytes files(Path root) {
		if (!Files.exists(root)) {
			return this;
		}
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path file : walk.toList()) {
				add(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
				if (Files.isRegularFile(file)) {
					object(file.getFileName().toString(), Files.readAllBytes(file));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/**
	 * Every object under a prefix of a bucket, and its key.
	 * @param s3 the client
	 * @param bucket the bucket
	 * @param prefix the prefix
	 * @return this
	 */
	public StoredBytes objects(S3Client s3, String bucket, String prefix) {
		for (S3Object object : s3.listObjectsV2Paginator((list) -> list.bucket(bucket).prefix(prefix)).contents()) {
			add(object.key().getBytes(StandardCharsets.UTF_8));
			object(object.key(), s3.getObjectAsBytes((get) -> get.bucket(bucket).key(object.key())).asByteArray());
		}
		return this;
	}

	/**
	 * Every row of a JDBC storage's tables, every column; attachment chunks also put back
	 * together in order and decoded.
	 * @param dataSource the database
	 * @param traces the traces table (its attachments table is {@code traces + "_attachments"})
	 * @return this
	 */
	public StoredBytes rows(DataSource dataSource, String traces) {
		String attachments = traces + "_attachments";
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String table : List.of(traces, attachments)) {
				try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
					ResultSetMetaData columns = rows.getMetaData();
					while (rows.next()) {
						for (int i = 1; i <= columns.getColumnCount(); i++) {
							Object value = rows.getObject(i);
							if (value instanceof byte[] bytes) {
								object("", bytes);
							}
							else if (value != null) {
								add(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
							}
						}
					}
				}
			}
			Map<String, ByteArrayOutputStream> whole = new LinkedHashMap<>();
			try (ResultSet chunks = statement
				.executeQuery("SELECT trace_id, name, content FROM " + attachments + " ORDER BY trace_id, name, chunk")) {
				while (chunks.next()) {
					whole.computeIfAbsent(chunks.getString(1) + "/" + chunks.getString(2), (key) -> new ByteArrayOutputStream())
						.writeBytes(chunks.getBytes(3));
				}
			}
			whole.values().forEach((content) -> object("", content.toByteArray()));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	/**
	 * Every key under a prefix of a Redis, and its value, whatever its type.
	 * @param redis the connection
	 * @param prefix the storage's key prefix
	 * @return this
	 */
	public StoredBytes keys(RedisCommands<byte[], byte[]> redis, String prefix) {
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<byte[]> scan = redis.scan(cursor,
					ScanArgs.Builder.matches(prefix + "*").limit(1000));
			for (byte[] key : scan.getKeys()) {
				add(key);
				String type = redis.type(key);
				switch (type) {
					case "string" -> object("", redis.get(key));
					case "hash" -> redis.hgetall(key).forEach((field, value) -> {
						add(field);
						object("", value);
					});
					case "set" -> redis.smembers(key).forEach(this::add);
					case "zset" -> redis.zrange(key, 0, -1).forEach(this::add);
					default -> throw new IllegalStateException("a " + type + " key the Redis layout does not write");
				}
			}
			cursor = scan;
		}
		while (!cursor.isFinished());
		return this;
	}

	/**
	 * Every object of an {@link ObjectStore}, as stored and decoded; keys too.
	 * @param store the store
	 * @return this
	 */
	public StoredBytes objects(ObjectStore store) {
		for (ObjectStore.ObjectInfo info : store.list("")) {
			add(info.key().getBytes(StandardCharsets.UTF_8));
			Optional<InputStream> content = store.get(info.key());
			if (content.isPresent()) {
				try (InputStream in = content.get()) {
					object(info.key(), in.readAllBytes());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return this;
	}

	/**
	 * What a storage serves back: every trace it lists, as JSON, and the attachments its
	 * bodies refer to; for an in-memory storage, what it holds.
	 * @param storage the storage
	 * @return this
	 */
	public StoredBytes served(TraceStorage storage) {
		String cursor = null;
		do {
			TracePage page = storage
				.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).scanLimit(TraceQuery.NO_SCAN_LIMIT).cursor(cursor).build());
			for (TraceSummary summary : page.items()) {
				add(TraceCodec.get().toBytes(summary));
				Optional<Trace> trace = storage.retrieve(summary.id());
				if (trace.isEmpty()) {
					continue;
				}
				add(TraceCodec.get().toBytes(trace.get()));
				for (String name : trace.get().referencedAttachments()) {
					Optional<InputStream> content = storage.openAttachment(summary.id(), name);
					if (content.isPresent()) {
						try (InputStream in = content.get()) {
							add(in.readAllBytes());
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					}
				}
			}
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return this;
	}

	/** A stored object, as it is and decoded by its name or content. */
	private void object(String name, byte[] bytes) {
		add(bytes);
		if (name.endsWith(SegmentFiles.SEGMENT)) {
			segment(bytes);
			return;
		}
		gunzip(bytes, 0);
		// a Redis attachment: a flag byte, then gzip
		gunzip(bytes, 1);
	}

	private void gunzip(byte[] bytes, int offset) {
		if (bytes.length < offset + 2 || bytes[offset] != 0x1f || bytes[offset + 1] != (byte) 0x8b) {
			return;
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset))) {
			byte[] decoded = in.readAllBytes();
			add(decoded);
			// a gzip attachment of a gzip body, or a body that is gzip itself
			gunzip(decoded, 0);
		}
		catch (IOException ex) {
			// not gzip after all (a stored body may start with those two bytes)
		}
	}

	/** The frames of a segment: blocks decompressed, attachments inflated. */
	private void segment(byte[] file) {
		int offset = SegmentFormat.HEADER_SIZE;
		while (offset + SegmentFormat.FRAME_PREFIX <= file.length) {
			int length = ByteBuffer.wrap(file, offset, 4).getInt();
			if (length < SegmentFormat.BLOCK_HEADER || offset + SegmentFormat.FRAME_PREFIX + length > file.length) {
				return; // the torn end of an open segment
			}
			byte[] body;
			try {
				body = SegmentFormat.body(Arrays.copyOfRange(file, offset, offset + SegmentFormat.FRAME_PREFIX + length));
				if (body[0] == SegmentFormat.TYPE_BLOCK) {
					add(SegmentFormat.blockRecords(body));
				}
				else if (body[0] == SegmentFormat.TYPE_ATTACHMENT) {
					int nameLength = ByteBuffer.wrap(body, SegmentFormat.BLOCK_HEADER + 24, 2).getShort() & 0xFFFF;
					int contentOffset = SegmentFormat.BLOCK_HEADER + 26 + nameLength;
					byte[] content = Arrays.copyOfRange(body, contentOffset, body.length);
					add(content);
					if (body[1] == SegmentFormat.CODEC_DEFLATE) {
						try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(content), new Inflater(true))) {
							byte[] inflated = in.readAllBytes();
							add(inflated);
							gunzip(inflated, 0);
						}
					}
					else {
						gunzip(content, 0);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("a frame of a segment does not decode", ex);
			}
			offset += SegmentFormat.FRAME_PREFIX + length;
		}
	}

	/**
	 * Adds a piece read around a backend of one's own, as whoever holds its store could read it.
	 * @param bytes the piece
	 * @return this
	 */
	public StoredBytes add(byte[] bytes) {
		this.pieces.add(bytes);
		return this;
	}

}
