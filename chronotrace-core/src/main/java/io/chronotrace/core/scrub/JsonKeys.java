package io.chronotrace.core.scrub;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Tells whether a JSON property name is secret from its bytes as they came (UTF-8, escapes
 * included), without making a string of it when it was seen before: the same names recur in
 * every body. A name is known by its length and its first and last eight bytes, read as two
 * longs (which is all of a name of up to 16 bytes), and looked up in a fixed table of immutable
 * entries in sets of four, shared by all threads without locks: an entry is published whole or
 * not at all, and when more names share a set, the oldest makes room (a race may lose an entry,
 * which is judged again).
 */
final class JsonKeys {

	/** Longer names are judged without being cached. */
	static final int MAX_CACHED = 128;

	private static final int SLOTS = 1024;

	/** Entries a name may be in: names that collide share a set of four. */
	private static final int WAYS = 4;

	private final Predicate<String> secretName;

	private final boolean none;

	private final Entry[] entries = new Entry[SLOTS];

	/**
	 * Creates the cache.
	 * @param secretName whether a decoded name is secret
	 * @param none whether no name is, because no key is configured
	 */
	JsonKeys(Predicate<String> secretName, boolean none) {
		this.secretName = secretName;
		this.none = none;
	}

	/**
	 * Whether the name whose content is {@code raw[from, to)} is secret.
	 * @param raw the bytes of the name between its quotes
	 * @param from where the content starts
	 * @param to where it ends
	 * @return whether the name's value is to be scrubbed
	 */
	boolean isSecret(byte[] raw, int from, int to) {
		int length = to - from;
		if (this.none || length > MAX_CACHED) {
			return !this.none && judge(raw, from, to);
		}
		long head = (length >= 8 || from + 8 <= raw.length) ? (long) AsciiMatcher.LONGS.get(raw, from) & mask(length)
				: head(raw, from, to);
		long tail = (length > 8) ? (long) AsciiMatcher.LONGS.get(raw, to - 8) : 0;
		long mixed = (head * 0x9E3779B97F4A7C15L + tail) * 0xC2B2AE3D27D4EB4FL + length;
		int set = (int) (mixed >>> 54) & -WAYS;
		for (int slot = set; slot < set + WAYS; slot++) {
			Entry entry = this.entries[slot];
			if (entry == null) {
				break;
			}
			if (entry.head == head && entry.tail == tail && entry.length == length
					&& (length <= 16 || entry.is(raw, from))) {
				return entry.secret;
			}
		}
		return judgeAndStore(raw, from, to, set, head, tail);
	}

	private boolean judge(byte[] raw, int from, int to) {
		return this.secretName.test(JsonText.decode(raw, from, to));
	}

	private boolean judgeAndStore(byte[] raw, int from, int to, int set, long head, long tail) {
		boolean secret = judge(raw, from, to);
		store(set, new Entry(head, tail, to - from, Arrays.copyOfRange(raw, from, to), secret));
		return secret;
	}

	/** Keeps the first {@code length} bytes of eight. */
	private static long mask(int length) {
		return (length >= 8) ? -1L : (1L << (length << 3)) - 1;
	}

	/** Fills the set's first free slot, or, when it is full, shifts out its oldest entry. */
	private void store(int set, Entry entry) {
		for (int slot = set; slot < set + WAYS; slot++) {
			if (this.entries[slot] == null) {
				this.entries[slot] = entry;
				return;
			}
		}
		System.arraycopy(this.entries, set + 1, this.entries, set, WAYS - 1);
		this.entries[set + WAYS - 1] = entry;
	}

	/** The bytes of a name shorter than eight bytes that ends its array, zero-extended. */
	private static long head(byte[] raw, int from, int to) {
		long head = 0;
		for (int i = to - 1; i >= from; i--) {
			head = (head << 8) | (raw[i] & 0xFF);
		}
		return head;
	}

	private record Entry(long head, long tail, int length, byte[] name, boolean secret) {

		boolean is(byte[] raw, int from) {
			return Arrays.equals(this.name, 0, this.name.length, raw, from, from + this.name.length);
		}

	}

}
