package io.chronotrace.core.storage.objectstore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceStorageException;

/**
 * An {@link ObjectStore} in memory, for tests and as the smallest example of a store: a sorted
 * map from key to content. A store of one's own (GCS, Azure Blob Storage) is written the same
 * way over its client, and proved with {@code ObjectStoreContractTests}.
 */
public final class InMemoryObjectStore implements ObjectStore {

	private final ConcurrentNavigableMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

	@Override
	public void put(String key, byte[] content) {
		this.objects.put(key, content.clone());
	}

	@Override
	public long put(String key, Content content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			content.writeTo(out);
		}
		catch (IOException ex) {
			throw new TraceStorageException("memory object store could not write " + key + ": " + ex.getMessage(), ex);
		}
		this.objects.put(key, out.toByteArray());
		return out.size();
	}

	@Override
	public boolean putIfAbsent(String key, byte[] content) {
		return this.objects.putIfAbsent(key, content.clone()) == null;
	}

	@Override
	public Optional<InputStream> get(String key) {
		byte[] content = this.objects.get(key);
		return (content != null) ? Optional.of(new ByteArrayInputStream(content)) : Optional.empty();
	}

	@Override
	public Optional<InputStream> getRange(String key, long offset, long length) {
		byte[] content = this.objects.get(key);
		if (content == null) {
			return Optional.empty();
		}
		int from = (int) Math.min(Math.max(offset, 0), content.length);
		return Optional.of(new ByteArrayInputStream(content, from, (int) Math.min(length, content.length - from)));
	}

	@Override
	public boolean exists(String key) {
		return this.objects.containsKey(key);
	}

	@Override
	public List<String> children(String prefix) {
		TreeSet<String> names = new TreeSet<>();
		for (String key : under(prefix).keySet()) {
			if (ObjectStore.isHidden(key)) {
				continue;
			}
			String rest = key.substring(prefix.length());
			int slash = rest.indexOf('/');
			names.add((slash < 0) ? rest : rest.substring(0, slash + 1));
		}
		return new ArrayList<>(names);
	}

	@Override
	public List<ObjectInfo> list(String prefix) {
		List<ObjectInfo> listed = new ArrayList<>();
		for (Map.Entry<String, byte[]> object : under(prefix).entrySet()) {
			if (!ObjectStore.isHidden(object.getKey())) {
				listed.add(new ObjectInfo(object.getKey(), object.getValue().length));
			}
		}
		return listed;
	}

	@Override
	public boolean delete(String key) {
		return this.objects.remove(key) != null;
	}

	@Override
	public List<String> deleteAll(String prefix, Consumer<String> deleted) {
		for (String key : List.copyOf(under(prefix).keySet())) {
			if (this.objects.remove(key) != null && !ObjectStore.isHidden(key)) {
				deleted.accept(key);
			}
		}
		return List.of();
	}

	@Override
	public StorageCheck check() {
		return StorageCheck.ok().withDetail("objects", this.objects.size());
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("memory", "memory");
	}

	@Override
	public String locate(String key) {
		return "memory:" + key;
	}

	private ConcurrentNavigableMap<String, byte[]> under(String prefix) {
		return prefix.isEmpty() ? this.objects : this.objects.subMap(prefix, prefix + Character.MAX_VALUE);
	}

}
