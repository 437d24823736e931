package io.chronotrace.core.scrub;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream that scrubs what is written to it on its way to a target. Closing it once scrubs
 * and writes what it still holds, then closes the target, even when that fails.
 */
abstract class ScrubbingOutputStream extends OutputStream {

	private boolean closed;

	/** Scrubs and writes what is still held. */
	abstract void finish() throws IOException;

	/** Closes the target and whatever writes to it. */
	abstract void closeTarget() throws IOException;

	final boolean isClosed() {
		return this.closed;
	}

	@Override
	public final void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			finish();
		}
		finally {
			closeTarget();
		}
	}

}
