package io.chronotrace.core.storage.objectstore;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.BoundedInputStream;
import io.chronotrace.core.support.Failures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ObjectStore} on a local directory: a key is a file path under it. An object is
 * written to a hidden work file under the root and renamed into place, so a reader never sees
 * it half written; the objects of a new folder ({@link #putAll}) are written to a hidden work
 * folder and appear together with one rename; a folder is deleted by renaming it out of sight
 * first. The work entries a killed process leaves ({@code .tmp-*}, {@code .del-*}) are deleted
 * once stale ({@link #deleteStaleWork()}). Files are not forced to disk: a killed process loses
 * nothing the operating system already holds.
 */
public final class FileSystemObjectStore implements ObjectStore {

	/** How old a work entry must be before it is taken for the leftover of a killed process. */
	public static final Duration STALE_AFTER = Duration.ofMinutes(15);

	private static final Logger logger = LoggerFactory.getLogger(FileSystemObjectStore.class);

	private static final List<String> WORK_PREFIXES = List.of(".tmp-", ".old-", ".del-", ".purge-", ".probe-");

	private static final int PUBLISH_ATTEMPTS = 5;

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Path root;

	private final Consumer<String> warnings;

	/** The folder last seen to exist (a day), so that most writes skip creating it. */
	private volatile @Nullable Path knownFolder;

	/**
	 * Creates a store; nothing is read or written until used.
	 * @param root the directory; relative paths are resolved against the working directory
	 */
	public FileSystemObjectStore(Path root) {
		this(root, logger::warn);
	}

	/**
	 * Creates a store that tells failures to delete to a sink of its own.
	 * @param root the directory
	 * @param warnings where failures that lose nothing are told
	 */
	public FileSystemObjectStore(Path root, Consumer<String> warnings) {
		this.root = root.toAbsolutePath().normalize();
		this.warnings = warnings;
	}

	/**
	 * The directory.
	 * @return its absolute path
	 */
	public Path root() {
		return this.root;
	}

	@Override
	public void put(String key, byte[] content) {
		put(Write.of(key, content));
	}

	@Override
	public long put(String key, Content content) {
		return put(Write.of(key, content));
	}

	private long put(Write write) {
		Path target = path(write.key());
		Path work = workEntry("tmp", target.getFileName().toString());
		try {
			long bytes = write(work, write);
			publish(work, target, true);
			return bytes;
		}
		catch (IOException ex) {
			deleteQuietly(work);
			throw failure("write", write.key(), ex);
		}
	}

	/**
	 * Writes the objects of one folder into a hidden work folder and renames it into place, so
	 * that they appear together; into a folder that exists already (a trace stored again), they
	 * are moved one by one.
	 */
	@Override
	public long putAll(List<Write> writes) {
		String folder = commonFolder(writes);
		if (folder == null) {
			return ObjectStore.super.putAll(writes);
		}
		Path target = path(folder);
		Path work = workEntry("tmp", target.getFileName().toString());
		try {
			createWorkFolder(work);
			long bytes = 0;
			for (Write write : writes) {
				bytes += write(work.resolve(write.key().substring(folder.length())), write);
			}
			publish(work, target, false);
			return bytes;
		}
		catch (FileSystemException ex) {
			if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				deleteQuietly(work);
				throw failure("write", folder, ex);
			}
			// another writer published the folder meanwhile: join it, file by file
			try {
				return moveEach(work, target, writes, folder);
			}
			finally {
				deleteQuietly(work);
			}
		}
		catch (IOException ex) {
			deleteQuietly(work);
			throw failure("write", folder, ex);
		}
	}

	private long moveEach(Path work, Path target, List<Write> writes, String folder) {
		long bytes = 0;
		for (Write write : writes) {
			Path file = work.resolve(write.key().substring(folder.length()));
			try {
				bytes += Files.size(file);
				publish(file, target.resolve(file.getFileName()), true);
			}
			catch (IOException ex) {
				throw failure("write", write.key(), ex);
			}
		}
		return bytes;
	}

	/** The folder all writes are directly in, or {@code null} when they are not all in one. */
	private static @Nullable String commonFolder(List<Write> writes) {
		String folder = null;
		for (Write write : writes) {
			int slash = write.key().lastIndexOf('/');
			if (slash <= 0) {
				return null;
			}
			String parent = write.key().substring(0, slash + 1);
			if (folder != null && !folder.equals(parent)) {
				return null;
			}
			folder = parent;
		}
		return folder;
	}

	@Override
	public boolean putIfAbsent(String key, byte[] content) {
		Path target = path(key);
		Path work = workEntry("tmp", target.getFileName().toString());
		try {
			write(work, Write.of(key, content));
			createParent(target);
			// a link fails when the target exists: of two writers racing, one wins
			Files.createLink(target, work);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw failure("create", key, ex);
		}
		finally {
			deleteQuietly(work);
		}
	}

	@Override
	public Optional<InputStream> get(String key) {
		try {
			return Optional.of(Files.newInputStream(path(key)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw failure("read", key, ex);
		}
	}

	@Override
	public Optional<InputStream> getRange(String key, long offset, long length) {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(path(key), StandardOpenOption.READ);
			channel.position(offset);
			return Optional.of(new BoundedInputStream(Channels.newInputStream(channel), length));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw failure("read", key, ex);
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing was read from it
			}
		}
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(path(key), LinkOption.NOFOLLOW_LINKS);
	}

	@Override
	public List<String> children(String prefix) {
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(path(prefix))) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (!name.startsWith(".")) {
					names.add(Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
				}
			}
		}
		catch (NoSuchFileException ex) {
			return names;
		}
		catch (IOException ex) {
			throw failure("list", prefix, ex);
		}
		names.sort(null);
		return names;
	}

	@Override
	public List<ObjectInfo> list(String prefix) {
		boolean folder = prefix.isEmpty() || prefix.endsWith("/");
		Path start = folder ? path(prefix) : path(prefix).getParent();
		String keyStart = folder ? prefix : prefix.substring(0, prefix.lastIndexOf('/') + 1);
		List<ObjectInfo> objects = new ArrayList<>();
		try {
			Files.walkFileTree(start, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return (!dir.equals(start) && dir.getFileName().toString().startsWith(".")) ? FileVisitResult.SKIP_SUBTREE
							: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					String key = keyStart + start.relativize(file).toString().replace('\\', '/');
					if (attributes.isRegularFile() && key.startsWith(prefix) && !ObjectStore.isHidden(key)) {
						objects.add(new ObjectInfo(key, attributes.size()));
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (NoSuchFileException ex) {
			return objects;
		}
		catch (IOException ex) {
			throw failure("list", prefix, ex);
		}
		objects.sort(Comparator.comparing(ObjectInfo::key));
		return objects;
	}

	@Override
	public boolean delete(String key) {
		try {
			return Files.deleteIfExists(path(key));
		}
		catch (IOException ex) {
			throw failure("delete", key, ex);
		}
	}

	/**
	 * Renames the folder out of sight, then deletes it; what cannot be deleted then is deleted
	 * later as stale, so nothing is reported as failed.
	 */
	@Override
	public List<String> deleteAll(String prefix, Consumer<String> deleted) {
		Path folder = path(prefix);
		Path hidden = workEntry("del", folder.getFileName().toString());
		try {
			Files.move(folder, hidden, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw failure("delete", prefix, ex);
		}
		try {
			Files.walkFileTree(hidden, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					String key = prefix + hidden.relativize(file).toString().replace('\\', '/');
					if (!ObjectStore.isHidden(key)) {
						deleted.accept(key);
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			// out of sight already: only the count may be short
		}
		deleteQuietly(hidden);
		return List.of();
	}

	@Override
	public StorageCheck check() {
		if (!Files.isDirectory(this.root) || !Files.isWritable(this.root)) {
			return StorageCheck.down("directory " + this.root + " is "
					+ (Files.isDirectory(this.root) ? "not writable" : "missing")).withDetail("path", this.root.toString());
		}
		StorageCheck check = StorageCheck.ok().withDetail("path", this.root.toString());
		try {
			return check.withDetail("freeSpace", Files.getFileStore(this.root).getUsableSpace());
		}
		catch (IOException ex) {
			return check;
		}
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("local", this.root.toString());
	}

	@Override
	public String locate(String key) {
		return path(key).toString();
	}

	/**
	 * Deletes the work entries that a killed process left under the root. Never throws.
	 */
	public void deleteStaleWork() {
		Instant staleBefore = Instant.now().minus(STALE_AFTER);
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.root,
				(entry) -> WORK_PREFIXES.stream().anyMatch(entry.getFileName().toString()::startsWith))) {
			for (Path entry : entries) {
				Instant modified = lastModified(entry);
				if (modified != null && modified.isBefore(staleBefore)) {
					deleteQuietly(entry);
				}
			}
		}
		catch (NoSuchFileException ex) {
			// nothing written yet
		}
		catch (IOException ex) {
			this.warnings.accept("Could not clean up stale work entries of local trace storage " + this.root + ": "
					+ Failures.oneLine(ex));
		}
	}

	@Override
	public String toString() {
		return "FileSystemObjectStore{" + this.root + "}";
	}

	private Path path(String key) {
		if (key.startsWith("/") || key.contains("\\") || ("/" + key + "/").contains("/../")) {
			throw new IllegalArgumentException("not a key of this store: " + key);
		}
		return key.isEmpty() ? this.root : this.root.resolve(key);
	}

	private Path workEntry(String kind, String subject) {
		// unique without the lock and entropy of a random UUID: the subject names what it holds
		return this.root.resolve("." + kind + "-" + subject + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
	}

	/** Writes a new file: small documents with one call, streamed content through a buffer. */
	private long write(Path file, Write write) throws IOException {
		if (write.bytes() != null) {
			try (OutputStream out = newFile(file)) {
				out.write(write.bytes());
			}
			return write.bytes().length;
		}
		try (CountingOutputStream out = new CountingOutputStream(new BufferedOutputStream(newFile(file), BUFFER_SIZE))) {
			write.content().writeTo(out);
			out.flush();
			return out.count;
		}
	}

	private OutputStream newFile(Path file) throws IOException {
		try {
			return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
		}
		catch (NoSuchFileException ex) {
			// the root itself was removed since start-up
			Files.createDirectories(file.getParent());
			return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
		}
	}

	private void createWorkFolder(Path work) throws IOException {
		try {
			Files.createDirectory(work);
		}
		catch (NoSuchFileException ex) {
			Files.createDirectories(work);
		}
	}

	/** Renames a work entry into place, creating its folder; a folder purged meanwhile is made again. */
	private void publish(Path work, Path target, boolean replace) throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				createParent(target);
				if (replace) {
					Files.move(work, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				else {
					Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
				}
				return;
			}
			catch (NoSuchFileException ex) {
				// the folder was deleted (purged) between creating it and moving into it
				this.knownFolder = null;
				if (attempt == PUBLISH_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private void createParent(Path target) throws IOException {
		Path parent = target.getParent();
		if (!parent.equals(this.knownFolder)) {
			Files.createDirectories(parent);
			this.knownFolder = parent;
		}
	}

	private TraceStorageException failure(String action, String key, Exception ex) {
		return new TraceStorageException("local trace storage could not " + action + " " + path(key) + ": "
				+ Failures.oneLine(ex), ex);
	}

	/**
	 * Deletes a file or a folder and what it holds, without following links. Entries another
	 * thread deletes at the same time are not an error. Never throws.
	 */
	private void deleteQuietly(Path entry) {
		try {
			Files.walkFileTree(entry, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
					if (ex instanceof NoSuchFileException) {
						return FileVisitResult.CONTINUE;
					}
					throw ex;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) throws IOException {
					if (ex != null && !(ex instanceof NoSuchFileException)) {
						throw ex;
					}
					Files.deleteIfExists(dir);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (NoSuchFileException ex) {
			// deleted by someone else meanwhile
		}
		catch (IOException ex) {
			this.warnings.accept("Could not delete " + entry + " from local trace storage: " + Failures.oneLine(ex));
		}
	}

	private static @Nullable Instant lastModified(Path entry) {
		try {
			return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** Counts the bytes written through it. */
	private static final class CountingOutputStream extends FilterOutputStream {

		private long count;

		CountingOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
			this.count += length;
		}

	}

}
