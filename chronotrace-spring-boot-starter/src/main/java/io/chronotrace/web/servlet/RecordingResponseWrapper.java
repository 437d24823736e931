package io.chronotrace.web.servlet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.support.ContentTypes;
import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.trace.TraceId;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response of a recorded exchange: the container's response, with its body copied as it is
 * written (through the output stream or the writer) and the trace id announced in the
 * {@value ChronoTraceFilter#TRACE_ID_HEADER} header once the exchange is known to be recorded.
 * Everything else, including commit, buffer and content-length rules, is the container's.
 */
final class RecordingResponseWrapper extends HttpServletResponseWrapper {

	private final BodyCapture body;

	private final TraceId traceId;

	private final boolean recordedOnErrorOnly;

	private boolean announced;

	private volatile boolean errorSent;

	private volatile boolean ended;

	private @Nullable TeeServletOutputStream outputStream;

	private @Nullable TeePrintWriter writer;

	private @Nullable String contentLanguage;

	/**
	 * Wraps a response.
	 * @param response the container's response
	 * @param settings the capture settings
	 * @param scrubber the body scrubber
	 * @param traceId the id of the exchange's trace
	 * @param recordedOnErrorOnly whether the exchange is recorded only if it fails, so that the
	 * trace id is announced when a status of 500 or above is set
	 */
	RecordingResponseWrapper(HttpServletResponse response, CaptureSettings settings, BodyScrubber scrubber,
			TraceId traceId, boolean recordedOnErrorOnly) {
		super(response);
		this.body = settings.responseBody(scrubber, this::getContentType, () -> getHeader("Content-Encoding"));
		this.traceId = traceId;
		this.recordedOnErrorOnly = recordedOnErrorOnly;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		TeeServletOutputStream stream = this.outputStream;
		if (stream == null) {
			stream = new TeeServletOutputStream(super.getOutputStream(), this.body);
			this.outputStream = stream;
		}
		return stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		TeePrintWriter tee = this.writer;
		if (tee == null) {
			PrintWriter containerWriter = super.getWriter();
			// the container's writer encodes with the response's charset as it is now
			Charset charset = Objects.requireNonNullElse(ContentTypes.charsetNamed(getCharacterEncoding()),
					StandardCharsets.ISO_8859_1);
			tee = new TeePrintWriter(containerWriter, this.body, charset);
			this.writer = tee;
		}
		return tee;
	}

	@Override
	public void setLocale(Locale locale) {
		// the container sends the language of a locale set before commit, as it commits
		boolean taken = !isCommitted();
		super.setLocale(locale);
		if (taken) {
			this.contentLanguage = (locale != null) ? locale.toLanguageTag() : null;
		}
	}

	/**
	 * The {@code Content-Language} the container adds to the headers as it commits the
	 * response, from the locale the application set.
	 * @return the language tag, or {@code null} when no locale was set
	 */
	@Nullable String contentLanguage() {
		return this.contentLanguage;
	}

	@Override
	public void setStatus(int sc) {
		if (sc >= 500) {
			announceFailure();
		}
		super.setStatus(sc);
	}

	@Override
	public void sendError(int sc) throws IOException {
		if (sc >= 500) {
			announceFailure();
		}
		super.sendError(sc);
		// once the container took it: sending an error on a committed response fails
		this.errorSent = true;
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		if (sc >= 500) {
			announceFailure();
		}
		super.sendError(sc, msg);
		// once the container took it: sending an error on a committed response fails
		this.errorSent = true;
	}

	@Override
	public void reset() {
		super.reset();
		discardWrittenBody();
		// the container forgets which of stream and writer was used, the headers and the locale
		this.outputStream = null;
		this.writer = null;
		this.contentLanguage = null;
		boolean wasAnnounced = this.announced;
		this.announced = false;
		if (wasAnnounced && !this.recordedOnErrorOnly) {
			announce();
		}
	}

	@Override
	public void resetBuffer() {
		super.resetBuffer();
		discardWrittenBody();
	}

	private void discardWrittenBody() {
		flushCapture();
		this.body.reset();
	}

	/**
	 * Whether the application sent an error, which the container answers with its error page.
	 * @return whether an error was sent
	 */
	boolean isErrorSent() {
		return this.errorSent;
	}

	/**
	 * Starts the capture of the error page the container renders in place of the response: it
	 * cleared the buffer, keeping status and headers, so what was captured of the body never
	 * reached the client, and the page may use the stream or the writer whatever the
	 * application used.
	 */
	void errorPageStarts() {
		if (!isCommitted()) {
			discardWrittenBody();
			this.outputStream = null;
			this.writer = null;
		}
	}

	/**
	 * Sets the trace id header, unless the response is already committed.
	 */
	void announce() {
		// once the exchange ended unrecorded, an id would point at no trace
		if (!this.announced && !this.ended && !isCommitted()) {
			super.setHeader(ChronoTraceFilter.TRACE_ID_HEADER, this.traceId.toString());
			this.announced = true;
		}
	}

	/**
	 * Sets the trace id header of an exchange recorded only if it fails, now that it has.
	 */
	void announceFailure() {
		if (this.recordedOnErrorOnly) {
			announce();
		}
	}

	/**
	 * The number of body bytes written so far.
	 * @return the size
	 */
	long bodySize() {
		flushCapture();
		return this.body.size();
	}

	/**
	 * Ends the capture of the body on the request thread, leaving its finishing (scrubbing and
	 * decoding) to whoever finishes the trace.
	 * @return the body's capture
	 */
	BodyCapture detachBody() {
		this.ended = true;
		flushCapture();
		this.body.detach();
		return this.body;
	}

	void discardBody() {
		this.ended = true;
		this.body.discard();
	}

	private void flushCapture() {
		TeePrintWriter tee = this.writer;
		if (tee != null) {
			tee.flushCapture();
		}
	}

}
