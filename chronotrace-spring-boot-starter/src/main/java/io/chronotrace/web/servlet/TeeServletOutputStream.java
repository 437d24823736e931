package io.chronotrace.web.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.chronotrace.core.recording.BodyCapture;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * The container's response stream, with every byte copied to a capture after the container
 * took it: nothing is held back, flushes reach the client as they are made, and non-blocking
 * writes keep working because readiness and the write listener are the container's.
 */
final class TeeServletOutputStream extends ServletOutputStream {

	private final ServletOutputStream delegate;

	private final BodyCapture capture;

	TeeServletOutputStream(ServletOutputStream delegate, BodyCapture capture) {
		this.delegate = delegate;
		this.capture = capture;
	}

	@Override
	public void write(int b) throws IOException {
		this.delegate.write(b);
		this.capture.write(b);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		this.delegate.write(b, off, len);
		this.capture.write(b, off, len);
	}

	@Override
	public void write(ByteBuffer buffer) throws IOException {
		ByteBuffer copy = buffer.duplicate();
		this.delegate.write(buffer);
		copy.limit(buffer.position());
		this.capture.write(copy);
	}

	@Override
	public void flush() throws IOException {
		this.delegate.flush();
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public void setWriteListener(WriteListener writeListener) {
		this.delegate.setWriteListener(writeListener);
	}

}
