package io.chronotrace.web.servlet;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

import io.chronotrace.core.recording.BodyCapture;

/**
 * The container's response writer, with every character also encoded, in the response's
 * charset, into a capture. The container's writer does the real work, so its rules (the charset
 * fixed when the writer is obtained, no output stream after a writer) still apply.
 */
final class TeePrintWriter extends PrintWriter {

	private final PrintWriter delegate;

	private final TeeWriter tee;

	TeePrintWriter(PrintWriter delegate, BodyCapture capture, Charset charset) {
		this(delegate, new TeeWriter(delegate, new OutputStreamWriter(capture.asOutputStream(), charset)));
	}

	private TeePrintWriter(PrintWriter delegate, TeeWriter tee) {
		super(tee);
		this.delegate = delegate;
		this.tee = tee;
	}

	@Override
	public boolean checkError() {
		return super.checkError() || this.delegate.checkError();
	}

	/** Moves characters still waiting in the encoder into the capture. */
	void flushCapture() {
		this.tee.flushCapture();
	}

	private static final class TeeWriter extends Writer {

		private final PrintWriter delegate;

		private final PrintWriter capture;

		TeeWriter(PrintWriter delegate, Writer capture) {
			this.delegate = delegate;
			this.capture = new PrintWriter(capture);
		}

		@Override
		public void write(int c) {
			this.delegate.write(c);
			this.capture.write(c);
		}

		@Override
		public void write(char[] chars, int off, int len) {
			this.delegate.write(chars, off, len);
			this.capture.write(chars, off, len);
		}

		@Override
		public void write(String str, int off, int len) {
			this.delegate.write(str, off, len);
			this.capture.write(str, off, len);
		}

		@Override
		public void flush() {
			this.delegate.flush();
			this.capture.flush();
		}

		@Override
		public void close() {
			this.delegate.close();
			this.capture.flush();
		}

		void flushCapture() {
			this.capture.flush();
		}

	}

}
