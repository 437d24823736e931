package io.chronotrace.core.storage.segment;

/**
 * A set of 128-bit trace ids held in two arrays with open addressing: the writer adds and looks
 * up every trace it stores, and a hash set of {@code UUID}s costs an object per id.
 */
final class IdSet {

	private long[] msbs = new long[64];

	private long[] lsbs = new long[64];

	private int size;

	/** The all-zero id, which marks a free slot in the arrays. */
	private boolean zero;

	/**
	 * Adds an id.
	 * @return whether it was not there yet
	 */
	boolean add(long msb, long lsb) {
		if (msb == 0 && lsb == 0) {
			boolean added = !this.zero;
			this.zero = true;
			return added;
		}
		if ((this.size + 1) * 2 > this.msbs.length) {
			grow();
		}
		int slot = slotOf(msb, lsb);
		if (this.msbs[slot] == msb && this.lsbs[slot] == lsb) {
			return false;
		}
		this.msbs[slot] = msb;
		this.lsbs[slot] = lsb;
		this.size++;
		return true;
	}

	boolean contains(long msb, long lsb) {
		if (msb == 0 && lsb == 0) {
			return this.zero;
		}
		int slot = slotOf(msb, lsb);
		return this.msbs[slot] == msb && this.lsbs[slot] == lsb;
	}

	/** The slot that holds a non-zero id, or the free slot where it goes. */
	private int slotOf(long msb, long lsb) {
		int mask = this.msbs.length - 1;
		int slot = hash(msb, lsb) & mask;
		while ((this.msbs[slot] != 0 || this.lsbs[slot] != 0) && (this.msbs[slot] != msb || this.lsbs[slot] != lsb)) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	private void grow() {
		long[] oldMsbs = this.msbs;
		long[] oldLsbs = this.lsbs;
		this.msbs = new long[oldMsbs.length * 2];
		this.lsbs = new long[oldLsbs.length * 2];
		this.size = 0;
		for (int i = 0; i < oldMsbs.length; i++) {
			if (oldMsbs[i] != 0 || oldLsbs[i] != 0) {
				add(oldMsbs[i], oldLsbs[i]);
			}
		}
	}

	private static int hash(long msb, long lsb) {
		long h = (msb * 0x9E3779B97F4A7C15L) ^ lsb;
		h ^= (h >>> 32);
		return (int) (h ^ (h >>> 16));
	}

}
