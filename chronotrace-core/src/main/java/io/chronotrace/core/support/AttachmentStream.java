package io.chronotrace.core.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import io.chronotrace.core.trace.TraceId;

/**
 * An attachment's content as a backend hands it out: a failure while it is read (a checksum
 * that does not hold at its end, a cut or garbled stream, storage that went away) names the
 * attachment, its trace and the storage, since the reader may be far from the code that opened
 * it.
 */
public final class AttachmentStream extends FilterInputStream {

	private final String what;

	private AttachmentStream(InputStream in, String what) {
		super(in);
		this.what = what;
	}

	/**
	 * Wraps an opened attachment.
	 * @param content the content, as the backend opened it
	 * @param id the trace id
	 * @param name the attachment name
	 * @param storage the storage's type, as its {@link io.chronotrace.core.storage.TraceStorage#description()} gives it
	 * @return the content, whose read failures name the attachment
	 */
	public static Optional<InputStream> of(Optional<InputStream> content, TraceId id, String name, String storage) {
		return content.map((in) -> (in instanceof AttachmentStream) ? in
				: new AttachmentStream(in, "attachment " + name + " of trace " + id + " in " + storage + " storage"));
	}

	@Override
	public int read() throws IOException {
		try {
			return this.in.read();
		}
		catch (IOException ex) {
			throw named(ex);
		}
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		try {
			return this.in.read(buffer, offset, length);
		}
		catch (IOException ex) {
			throw named(ex);
		}
	}

	@Override
	public long skip(long n) throws IOException {
		try {
			return this.in.skip(n);
		}
		catch (IOException ex) {
			throw named(ex);
		}
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private IOException named(IOException ex) {
		if (ex instanceof CorruptAttachmentException) {
			return ex; // named where it was opened already (a storage over another)
		}
		return new CorruptAttachmentException("Could not read " + this.what + ": " + Failures.oneLine(ex), ex);
	}

	/** A failure while an attachment was read, naming it, its trace and the storage. */
	public static final class CorruptAttachmentException extends IOException {

		private static final long serialVersionUID = 1L;

		CorruptAttachmentException(String message, IOException cause) {
			super(message, cause);
		}

	}

}
