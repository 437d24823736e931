package io.chronotrace.web.servlet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.support.ContentTypes;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.scrub.BodyScrubber;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;

/**
 * The request of a recorded exchange: the container's request, with the body copied as the
 * application reads it, through the input stream or the reader. Form posts and multipart
 * requests, which the container parses from its own input, are recorded from what it parsed
 * (see {@link ParsedRequestBodies}).
 */
final class RecordingRequestWrapper extends HttpServletRequestWrapper {

	private static final RateLimitedLog failures = new RateLimitedLog(
			LoggerFactory.getLogger(RecordingRequestWrapper.class), Duration.ofMinutes(1));

	private final CaptureSettings settings;

	private final BodyScrubber scrubber;

	private final RecordingResponseWrapper response;

	private BodyCapture body;

	private @Nullable ServletInputStream inputStream;

	private @Nullable BufferedReader reader;

	private boolean parametersRead;

	private byte @Nullable [] multipartSummary;

	RecordingRequestWrapper(HttpServletRequest request, CaptureSettings settings, BodyScrubber scrubber,
			RecordingResponseWrapper response) {
		super(request);
		this.settings = settings;
		this.scrubber = scrubber;
		this.response = response;
		this.body = settings.requestBody(scrubber, this::getContentType, () -> getHeader("Content-Encoding"));
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.reader != null) {
			throw new IllegalStateException("getReader() has already been called for this request");
		}
		ServletInputStream stream = this.inputStream;
		if (stream == null) {
			stream = new TeeServletInputStream(super.getInputStream(), this.body);
			this.inputStream = stream;
		}
		return stream;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		BufferedReader bufferedReader = this.reader;
		if (bufferedReader == null) {
			if (this.inputStream != null) {
				throw new IllegalStateException("getInputStream() has already been called for this request");
			}
			Charset charset = readerCharset(getCharacterEncoding());
			bufferedReader = new BufferedReader(
					new InputStreamReader(new TeeServletInputStream(super.getInputStream(), this.body), charset));
			this.reader = bufferedReader;
		}
		return bufferedReader;
	}

	private static Charset readerCharset(@Nullable String encoding) throws UnsupportedEncodingException {
		if (encoding == null) {
			return StandardCharsets.ISO_8859_1;
		}
		Charset charset = ContentTypes.charsetNamed(encoding);
		if (charset == null) {
			throw new UnsupportedEncodingException(encoding);
		}
		return charset;
	}

	@Override
	public @Nullable String getParameter(String name) {
		this.parametersRead = true;
		return super.getParameter(name);
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		this.parametersRead = true;
		return super.getParameterMap();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		this.parametersRead = true;
		return super.getParameterNames();
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		this.parametersRead = true;
		return super.getParameterValues(name);
	}

	@Override
	public Collection<Part> getParts() throws IOException, ServletException {
		Collection<Part> parts = super.getParts();
		summarizeParts();
		return parts;
	}

	@Override
	public @Nullable Part getPart(String name) throws IOException, ServletException {
		Part part = super.getPart(name);
		summarizeParts();
		return part;
	}

	/**
	 * Summarizes the parts as soon as the application has them: file parts may be deleted before
	 * the exchange ends.
	 */
	private void summarizeParts() {
		if (this.multipartSummary != null || !this.settings.captureRequest()) {
			return;
		}
		try {
			int maxFieldBytes = (int) Math.min(this.settings.memoryThreshold(), this.settings.captureLimit());
			this.multipartSummary = ParsedRequestBodies.multipartSummary(super.getParts(), formCharset(),
					maxFieldBytes);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			failures.warn("Could not summarize the parts of recorded request " + getRequestURI(), ex);
		}
	}

	@Override
	public AsyncContext startAsync() {
		// keep the recording wrappers for the whole async cycle, as the container would drop them
		return super.startAsync(this, this.response);
	}

	/**
	 * Ends the capture of the body on the request thread, leaving its finishing (scrubbing and
	 * decoding) to whoever finishes the trace.
	 * @return the body's capture
	 */
	BodyCapture detachBody() {
		if (this.inputStream == null && this.reader == null && this.settings.captureRequest()) {
			recordParsedBody();
		}
		this.body.detach();
		return this.body;
	}

	private void recordParsedBody() {
		String mimeType = ContentTypes.mimeType(getContentType());
		byte[] parsed = null;
		if (mimeType.startsWith("multipart/")) {
			parsed = this.multipartSummary;
			if (parsed == null && this.parametersRead) {
				parsed = ParsedRequestBodies.multipartFieldsSummary(super.getParameterMap(), getQueryString());
			}
			if (parsed != null) {
				this.body.discard();
				this.body = this.settings.requestBody(this.scrubber,
						() -> ParsedRequestBodies.MULTIPART_SUMMARY_CONTENT_TYPE);
			}
		}
		else if (mimeType.equals("application/x-www-form-urlencoded") && this.parametersRead) {
			parsed = ParsedRequestBodies.formBody(super.getParameterMap(), getQueryString(), formCharset());
		}
		if (parsed != null) {
			this.body.write(parsed, 0, parsed.length);
		}
	}

	private Charset formCharset() {
		return Objects.requireNonNullElse(ContentTypes.charsetNamed(getCharacterEncoding()),
				StandardCharsets.ISO_8859_1);
	}

	void discardBody() {
		this.body.discard();
	}

}
