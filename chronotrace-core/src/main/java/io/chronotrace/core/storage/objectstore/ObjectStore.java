package io.chronotrace.core.storage.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import org.jspecify.annotations.Nullable;

/**
 * Where a storage layout keeps its objects: a local directory, a bucket, or any store with keys,
 * whole-object writes, ranged reads and prefix listings. Modelled on Thanos's
 * {@code objstore.Bucket}, which Tempo, Loki, Mimir and Thanos write every layout against: a new
 * store (GCS, Azure Blob Storage) is one class that passes {@code ObjectStoreContractTests}.
 * <p>
 * Keys are relative and {@code /}-separated, such as {@code 2025-03-10/{id}/metadata.json}; a
 * <em>folder</em> is a key prefix ending in {@code /}. Keys whose last part starts with a dot are
 * the store's or a layout's own (work files, markers) and are never listed. A reader sees an
 * object whole or not at all, never part of it.
 * <p>
 * Implementations are thread-safe. Operations that fail throw
 * {@link io.chronotrace.core.storage.TraceStorageException} naming the store and the key, marked
 * {@linkplain io.chronotrace.core.storage.TraceStorageException#isRetryable() retryable} for
 * outages; a missing key is never a failure.
 */
public interface ObjectStore {

	/**
	 * Writes an object, replacing one of the same key.
	 * @param key the key
	 * @param content the content
	 */
	void put(String key, byte[] content);

	/**
	 * Writes an object from content streamed into it, such as a large body compressed on its
	 * way: memory stays bounded whatever the size.
	 * @param key the key
	 * @param content writes the content
	 * @return the bytes written
	 */
	long put(String key, Content content);

	/**
	 * Writes a file as an object; by default streamed through {@link #put(String, Content)}.
	 * @param key the key
	 * @param file the file, read as it is
	 * @return the bytes written
	 */
	default long put(String key, Path file) {
		return put(key, (out) -> Files.copy(file, out));
	}

	/**
	 * Writes objects in order, the last one last: a reader that finds the last one finds the
	 * others. A store on a file system publishes the objects of a folder that does not exist yet
	 * with one rename, so that they appear at once.
	 * @param writes the objects
	 * @return the bytes written
	 */
	default long putAll(List<Write> writes) {
		long bytes = 0;
		for (Write write : writes) {
			if (write.bytes() != null) {
				put(write.key(), write.bytes());
				bytes += write.bytes().length;
			}
			else {
				bytes += put(write.key(), write.content());
			}
		}
		return bytes;
	}

	/**
	 * Creates an object only when none has its key: atomically where the store can, so that of
	 * two writers racing, one wins.
	 * @param key the key
	 * @param content the content
	 * @return whether this call created it
	 */
	boolean putIfAbsent(String key, byte[] content);

	/**
	 * Opens an object.
	 * @param key the key
	 * @return its content, or empty when there is no such object; the caller closes it
	 */
	Optional<InputStream> get(String key);

	/**
	 * Opens a range of an object: one read of a frame of a segment, streamed however large.
	 * @param key the key
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return those bytes (fewer when the object ends before), or empty when there is no such
	 * object; the caller closes it
	 */
	Optional<InputStream> getRange(String key, long offset, long length);

	/**
	 * Reads a range of an object whole, such as a block of records its index points at.
	 * @param key the key
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return exactly those bytes, or empty when there is no such object
	 * @throws IOException when the object ends before
	 */
	default Optional<byte[]> readRange(String key, long offset, int length) throws IOException {
		Optional<InputStream> range = getRange(key, offset, length);
		if (range.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = range.get()) {
			// read as it comes: a garbled length from an index allocates no more than the object holds
			byte[] bytes = in.readNBytes(length);
			if (bytes.length != length) {
				throw new java.io.EOFException(locate(key) + " ends at " + (offset + bytes.length) + ", before "
						+ (offset + length));
			}
			return Optional.of(bytes);
		}
	}

	/**
	 * Whether an object exists.
	 * @param key the key
	 * @return whether it does
	 */
	boolean exists(String key);

	/**
	 * What is directly under a folder: its objects by name, and its folders by name with a
	 * trailing {@code /} (the names between the prefix and the next {@code /} of the keys below
	 * it). Hidden names are left out.
	 * @param prefix a folder ({@code ""} for the root)
	 * @return the names, without the prefix, sorted
	 */
	List<String> children(String prefix);

	/**
	 * Every object under a folder, at any depth.
	 * @param prefix a folder ({@code ""} for the root), or the start of keys
	 * @return the objects, sorted by key
	 */
	List<ObjectInfo> list(String prefix);

	/**
	 * Deletes an object.
	 * @param key the key
	 * @return whether there was one
	 */
	boolean delete(String key);

	/**
	 * Deletes every object under a folder; a store on a file system first moves the folder out
	 * of sight in one rename. A failure to delete some objects is reported, not thrown, so that
	 * the others go.
	 * @param prefix the folder
	 * @param deleted told the key of each object deleted
	 * @return the keys that could not be deleted, each with why; empty when all went
	 */
	List<String> deleteAll(String prefix, Consumer<String> deleted);

	/**
	 * Checks that the store is reachable and usable (a directory that is writable, a bucket that
	 * answers), without writing. Never throws.
	 * @return the result, with details for health
	 */
	StorageCheck check();

	/**
	 * Writes, reads back and deletes a small hidden object: the write probe of health.
	 * @throws IOException when what is read back differs from what was written
	 * @throws io.chronotrace.core.storage.TraceStorageException when the store fails
	 */
	default void writeProbe() throws IOException {
		String key = ".chronotrace-probe-" + java.util.UUID.randomUUID();
		byte[] content = ("ChronoTrace health probe " + java.time.Instant.now()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		put(key, content);
		byte[] read;
		try (InputStream in = get(key).orElseThrow(() -> new IOException("the probe written is missing"))) {
			read = in.readAllBytes();
		}
		finally {
			delete(key);
		}
		if (!java.util.Arrays.equals(read, content)) {
			throw new IOException("a probe read back differs from what was written");
		}
	}

	/**
	 * What the store is.
	 * @return its type ({@code local}, {@code s3}, {@code memory}) and location
	 */
	StorageDescription description();

	/**
	 * Where a key is, as a user finds it: a path, or {@code s3://bucket/key}.
	 * @param key the key
	 * @return the location, for messages
	 */
	String locate(String key);

	/**
	 * Content streamed into an object.
	 */
	@FunctionalInterface
	interface Content {

		/**
		 * Writes the content.
		 * @param out where to write it; closed by the store
		 * @throws IOException when the content cannot be read or written
		 */
		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * One object of {@link #putAll}: bytes, or content streamed into it.
	 *
	 * @param key the key
	 * @param bytes the content, or {@code null} when it is streamed
	 * @param content writes the content, or {@code null} when it is given as bytes
	 */
	record Write(String key, byte @Nullable [] bytes, @Nullable Content content) {

		public Write {
			if ((bytes == null) == (content == null)) {
				throw new IllegalArgumentException("a write has bytes or content, not both");
			}
		}

		/**
		 * A write of bytes.
		 * @param key the key
		 * @param bytes the content
		 * @return the write
		 */
		public static Write of(String key, byte[] bytes) {
			return new Write(key, bytes, null);
		}

		/**
		 * A write of streamed content.
		 * @param key the key
		 * @param content writes the content
		 * @return the write
		 */
		public static Write of(String key, Content content) {
			return new Write(key, null, content);
		}

	}

	/**
	 * An object listed.
	 *
	 * @param key the key
	 * @param size its size in bytes
	 */
	record ObjectInfo(String key, long size) {
	}

	/**
	 * Whether a key names a store's or a layout's own object, which listings pass over: a part
	 * of it starts with a dot.
	 * @param key the key
	 * @return whether it is hidden
	 */
	static boolean isHidden(String key) {
		return key.startsWith(".") || key.contains("/.");
	}

}
