package io.chronotrace.web.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.chronotrace.core.recording.BodyCapture;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * The container's request stream, with every byte the application reads copied to a capture.
 * Non-blocking reads keep working: readiness and the read listener are the container's.
 */
final class TeeServletInputStream extends ServletInputStream {

	private final ServletInputStream delegate;

	private final BodyCapture capture;

	TeeServletInputStream(ServletInputStream delegate, BodyCapture capture) {
		this.delegate = delegate;
		this.capture = capture;
	}

	@Override
	public int read() throws IOException {
		int b = this.delegate.read();
		if (b >= 0) {
			this.capture.write(b);
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = this.delegate.read(b, off, len);
		if (n > 0) {
			this.capture.write(b, off, n);
		}
		return n;
	}

	@Override
	public int read(ByteBuffer buffer) throws IOException {
		ByteBuffer copy = buffer.duplicate();
		int n = this.delegate.read(buffer);
		if (n > 0) {
			copy.limit(copy.position() + n);
			this.capture.write(copy);
		}
		return n;
	}

	@Override
	public int available() throws IOException {
		return this.delegate.available();
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

	@Override
	public boolean isFinished() {
		return this.delegate.isFinished();
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public void setReadListener(ReadListener readListener) {
		this.delegate.setReadListener(readListener);
	}

}
