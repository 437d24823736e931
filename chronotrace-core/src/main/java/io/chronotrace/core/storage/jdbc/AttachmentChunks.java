package io.chronotrace.core.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * Attachments as rows of at most {@link #CHUNK_SIZE} bytes: written while the file is read
 * (and compressed), read back one chunk at a time, so that a large body is never whole in
 * memory, whatever the driver does with a single large value.
 */
final class AttachmentChunks {

	/** The most bytes of one chunk row. */
	static final int CHUNK_SIZE = 256 * 1024;

	private final DataSource dataSource;

	private final JdbcTables tables;

	private final JdbcPlatform platform;

	private final Compression compression;

	AttachmentChunks(DataSource dataSource, JdbcTables tables, JdbcPlatform platform, Compression compression) {
		this.dataSource = dataSource;
		this.tables = tables;
		this.platform = platform;
		this.compression = compression;
	}

	/**
	 * Deletes the chunks a trace already has (a retried trace) and writes its attachments, in
	 * the caller's transaction.
	 * @return the bytes written
	 */
	long write(Connection connection, TraceId id, Instant startMicros, Iterable<TraceAttachment> attachments)
			throws SQLException, IOException {
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM " + this.tables.attachments() + " WHERE trace_id = ? AND start_time = ?")) {
			this.platform.bindId(delete, 1, id);
			this.platform.bindTime(delete, 2, startMicros);
			delete.executeUpdate();
		}
		long bytes = 0;
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.tables.attachments()
				+ " (trace_id, start_time, name, chunk, gzip, content) VALUES (?, ?, ?, ?, ?, ?)")) {
			for (TraceAttachment attachment : attachments) {
				ChunkOutputStream chunks = new ChunkOutputStream(insert, id, startMicros, attachment.name());
				try (InputStream in = Files.newInputStream(attachment.file());
						OutputStream out = this.compression.compress(chunks)) {
					in.transferTo(out);
				}
				bytes += chunks.written;
			}
		}
		return bytes;
	}

	/**
	 * Opens an attachment, or empty when there is none.
	 */
	Optional<InputStream> open(TraceId id, String name) throws SQLException, IOException {
		ChunkInputStream chunks = new ChunkInputStream(id, name);
		Boolean gzip = chunks.fetch();
		if (gzip == null) {
			return Optional.empty();
		}
		return Optional.of(gzip ? new GZIPInputStream(chunks, 8192) : chunks);
	}

	private final class ChunkOutputStream extends OutputStream {

		private final PreparedStatement insert;

		private final TraceId id;

		private final Instant startMicros;

		private final String name;

		private final byte[] buffer = new byte[CHUNK_SIZE];

		private int length;

		private int chunk;

		private long written;

		private boolean closed;

		ChunkOutputStream(PreparedStatement insert, TraceId id, Instant startMicros, String name) {
			this.insert = insert;
			this.id = id;
			this.startMicros = startMicros;
			this.name = name;
		}

		@Override
		public void write(int b) throws IOException {
			if (this.length == CHUNK_SIZE) {
				flushChunk();
			}
			this.buffer[this.length++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int count) throws IOException {
			while (count > 0) {
				if (this.length == CHUNK_SIZE) {
					flushChunk();
				}
				int n = Math.min(count, CHUNK_SIZE - this.length);
				System.arraycopy(bytes, offset, this.buffer, this.length, n);
				this.length += n;
				offset += n;
				count -= n;
			}
		}

		@Override
		public void close() throws IOException {
			if (!this.closed) {
				this.closed = true;
				if (this.length > 0 || this.chunk == 0) {
					flushChunk();
				}
			}
		}

		private void flushChunk() throws IOException {
			try {
				AttachmentChunks.this.platform.bindId(this.insert, 1, this.id);
				AttachmentChunks.this.platform.bindTime(this.insert, 2, this.startMicros);
				this.insert.setString(3, this.name);
				this.insert.setInt(4, this.chunk++);
				this.insert.setBoolean(5, AttachmentChunks.this.compression.enabled());
				this.insert.setBytes(6, (this.length == CHUNK_SIZE) ? this.buffer : java.util.Arrays.copyOf(this.buffer, this.length));
				this.insert.executeUpdate();
				this.written += this.length;
				this.length = 0;
			}
			catch (SQLException ex) {
				throw new IOException(ex);
			}
		}

	}

	/**
	 * Reads chunk after chunk, each with a short query of its own, so that no connection is
	 * held while the caller reads.
	 */
	private final class ChunkInputStream extends InputStream {

		private final TraceId id;

		private final String name;

		private byte[] current = new byte[0];

		private int position;

		private int next;

		private boolean ended;

		ChunkInputStream(TraceId id, String name) {
			this.id = id;
			this.name = name;
		}

		/**
		 * Fetches the next chunk.
		 * @return whether the attachment is gzip, or {@code null} when there is no such chunk
		 */
		@Nullable Boolean fetch() throws SQLException, IOException {
			// a chunk is never larger than CHUNK_SIZE: the database sends a larger value (a row
			// written by someone else) only as its length, never for the driver to hold whole
			try (Connection connection = AttachmentChunks.this.dataSource.getConnection();
					PreparedStatement select = connection.prepareStatement("SELECT CASE WHEN OCTET_LENGTH(content) <= "
							+ CHUNK_SIZE + " THEN content END, gzip, OCTET_LENGTH(content) FROM "
							+ AttachmentChunks.this.tables.attachments() + " WHERE trace_id = ? AND name = ? AND chunk = ?")) {
				AttachmentChunks.this.platform.bindId(select, 1, this.id);
				select.setString(2, this.name);
				select.setInt(3, this.next);
				try (ResultSet row = select.executeQuery()) {
					if (!row.next()) {
						this.ended = true;
						return null;
					}
					long length = row.getLong(3);
					byte[] content = row.getBytes(1);
					if (content == null || length > CHUNK_SIZE) {
						throw new IOException("Attachment " + this.name + " of trace " + this.id + " in "
								+ AttachmentChunks.this.tables.attachments() + " is corrupt: chunk " + this.next + " is "
								+ length + " bytes, more than the " + CHUNK_SIZE + " a chunk holds");
					}
					this.current = content;
					this.position = 0;
					this.next++;
					return row.getBoolean(2);
				}
			}
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int offset, int count) throws IOException {
			if (count == 0) {
				return 0;
			}
			while (this.position == this.current.length) {
				if (this.ended || this.current.length < CHUNK_SIZE && this.next > 0) {
					return -1;
				}
				try {
					fetch();
				}
				catch (SQLException ex) {
					throw new IOException(new TraceStorageException(
							"jdbc storage could not read attachment " + this.name + " of trace " + this.id, ex));
				}
			}
			int n = Math.min(count, this.current.length - this.position);
			System.arraycopy(this.current, this.position, bytes, offset, n);
			this.position += n;
			return n;
		}

	}

}
