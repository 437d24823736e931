package io.chronotrace.core.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.core.trace.TracingContext;

/**
 * What a recorded exchange leaves when its request ends, read off the container's request and
 * response on the request thread (they are recycled afterwards): everything but the work that
 * can wait, which {@link #toTrace()} does on any thread: finishing the bodies (scrubbing and
 * decoding them) and formatting the exception.
 *
 * @param id the trace id
 * @param startTime when the request started
 * @param durationMicros how long it took
 * @param application the application's name
 * @param method the request method
 * @param url the request URL
 * @param path the request path
 * @param query the query string
 * @param requestHeaders the request headers, copied
 * @param requestBody the request body's capture, {@linkplain BodyCapture#detach() detached}
 * @param remoteAddress the client's address
 * @param status the response status
 * @param responseHeaders the response headers as the client got them, copied
 * @param responseBody the response body's capture, detached
 * @param exception the exception that escaped, if any
 * @param maxStackFrames how many frames of it to keep
 * @param events the events of the request
 * @param droppedEvents how many events were dropped
 * @param tracing the distributed tracing context, if any
 */
public record CapturedExchange(TraceId id, Instant startTime, long durationMicros, @Nullable String application,
		String method, String url, String path, @Nullable String query, Map<String, List<String>> requestHeaders,
		BodyCapture requestBody, @Nullable String remoteAddress, int status, Map<String, List<String>> responseHeaders,
		BodyCapture responseBody, @Nullable Throwable exception, int maxStackFrames, List<TraceEvent> events,
		int droppedEvents, @Nullable TracingContext tracing) {

	/** What a trace holds besides its bodies, as the writer queue's bound counts it. */
	private static final long BASE_FOOTPRINT = 2048;

	private static final long EVENT_FOOTPRINT = 512;

	/**
	 * Finishes the bodies and the exception and builds the trace, not scrubbed yet.
	 * @return the trace
	 */
	public Trace toTrace() {
		TraceRequest request = new TraceRequest(this.method, this.url, this.path, this.query, this.requestHeaders,
				this.requestBody.finish(), this.remoteAddress);
		TraceResponse response = new TraceResponse(this.status, this.responseHeaders, this.responseBody.finish(),
				this.responseBody.size());
		TraceError error = (this.exception != null) ? TraceError.of(this.exception, this.maxStackFrames) : null;
		List<TraceAttachment> attachments = new ArrayList<>(2);
		addIfPresent(attachments, this.requestBody.attachment());
		addIfPresent(attachments, this.responseBody.attachment());
		return new Trace(Trace.SCHEMA_VERSION, this.id, this.startTime, this.durationMicros, this.application, request,
				response, error, this.events, this.droppedEvents, this.tracing, attachments);
	}

	/**
	 * How much heap the exchange holds while it waits to be finished: its bodies in memory and
	 * its events.
	 * @return the estimated bytes
	 */
	public long footprint() {
		return BASE_FOOTPRINT + this.requestBody.memoryFootprint() + this.responseBody.memoryFootprint()
				+ EVENT_FOOTPRINT * this.events.size();
	}

	/** Releases the bodies' files of an exchange that will not become a trace. */
	public void discard() {
		this.requestBody.discard();
		this.responseBody.discard();
	}

	private static void addIfPresent(List<TraceAttachment> attachments, @Nullable TraceAttachment attachment) {
		if (attachment != null) {
			attachments.add(attachment);
		}
	}

}
