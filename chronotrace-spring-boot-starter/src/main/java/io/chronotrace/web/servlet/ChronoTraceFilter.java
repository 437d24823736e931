package io.chronotrace.web.servlet;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.web.context.request.async.WebAsyncUtils;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.web.TraceHeaders;
import io.chronotrace.web.servlet.RecordingPolicy.Decision;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Records HTTP exchanges as traces. Register it for {@code REQUEST}, {@code ASYNC} and
 * {@code ERROR} dispatches, before any filter that may answer on its own (such as security).
 * <p>
 * The {@link RecordingPolicy} decides when a request arrives; a skipped request is passed on
 * untouched. A recorded one gets an {@link ActiveTrace}, bound to the thread for the whole chain
 * (and again on each later dispatch), and request and response wrappers that copy bodies as they
 * pass, bounded, without ever holding the response back. Once the trace id is known to be
 * recorded and the response is not committed, it is sent in the {@value #TRACE_ID_HEADER}
 * header. The exchange ends when the chain returns, or, when async processing started, when the
 * async cycle completes. An exception that escapes the chain is recorded and rethrown unchanged.
 * <p>
 * When an exception escaped or an error was sent, the client gets the container's error page
 * (Spring Boot's {@code /error}), rendered in an error dispatch after the failed dispatch left
 * every filter: the exchange ends with that dispatch, so that its trace holds the page the
 * client got, or, when no error page comes, when the request ends.
 * <p>
 * Recording never fails a request: a failure of recording code is logged (rate-limited) and the
 * request proceeds.
 */
public final class ChronoTraceFilter implements Filter {

	/** The response header that carries the id of the trace a response was recorded in. */
	public static final String TRACE_ID_HEADER = TraceHeaders.TRACE_ID;

	static final String EXCHANGE_ATTRIBUTE = ChronoTraceFilter.class.getName() + ".exchange";

	private static final RateLimitedLog failures = new RateLimitedLog(
			LoggerFactory.getLogger(ChronoTraceFilter.class), Duration.ofMinutes(1));

	private final RecordingPolicy policy;

	private final CaptureSettings settings;

	private final BodyScrubber bodyScrubber;

	private final TraceRecorder recorder;

	private final int maxEvents;

	private volatile boolean errorPagesFollowed;

	private final boolean customEvents;

	private RequestEndHook requestEndHook = () -> false;

	/**
	 * Creates the filter.
	 * @param policy decides which requests are recorded
	 * @param settings how bodies are captured
	 * @param bodyScrubber scrubs bodies while they are captured
	 * @param recorder ends exchanges: assembles, scrubs and writes the recorded ones
	 * @param maxEvents the most events kept per trace
	 */
	public ChronoTraceFilter(RecordingPolicy policy, CaptureSettings settings, BodyScrubber bodyScrubber,
			TraceRecorder recorder, int maxEvents) {
		this(policy, settings, bodyScrubber, recorder, maxEvents, true);
	}

	/**
	 * Creates the filter.
	 * @param policy decides which requests are recorded
	 * @param settings how bodies are captured
	 * @param bodyScrubber scrubs bodies while they are captured
	 * @param recorder ends exchanges: assembles, scrubs and writes the recorded ones
	 * @param maxEvents the most events kept per trace
	 * @param customEvents whether the traces take the application's own events
	 * ({@code ChronoTrace.event})
	 */
	public ChronoTraceFilter(RecordingPolicy policy, CaptureSettings settings, BodyScrubber bodyScrubber,
			TraceRecorder recorder, int maxEvents, boolean customEvents) {
		this.policy = policy;
		this.settings = settings;
		this.bodyScrubber = bodyScrubber;
		this.recorder = recorder;
		this.maxEvents = maxEvents;
		this.customEvents = customEvents;
	}

	/**
	 * Says what ends requests in place of the request listener this filter registers otherwise,
	 * such as the {@link RequestEndValve} on embedded Tomcat.
	 * @param hook the hook, asked whether it is in place when the container initializes the filter
	 */
	public void setRequestEndHook(RequestEndHook hook) {
		this.requestEndHook = hook;
	}

	/**
	 * Listens to the end of requests, so that an exchange waiting for an error page ends even
	 * when no error page comes. Containers accept listeners only while the application starts,
	 * as when they initialize filters; where this one is refused, exchanges end with the dispatch
	 * that failed and their traces lack the error page.
	 */
	@Override
	public void init(FilterConfig config) {
		if (this.requestEndHook.isInstalled()) {
			this.errorPagesFollowed = true;
			return;
		}
		try {
			config.getServletContext().addListener(new ErrorPageListener(this.recorder));
			this.errorPagesFollowed = true;
		}
		catch (RuntimeException ex) {
			LoggerFactory.getLogger(ChronoTraceFilter.class)
				.info("Traces of error responses will lack the error page the client gets: the container refused "
						+ "the listener that ends them (" + ex + ")");
		}
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getAttribute(EXCHANGE_ATTRIBUTE) instanceof RecordingExchange exchange) {
			if (request.getDispatcherType() == DispatcherType.ERROR) {
				continueWithErrorPage(exchange, httpRequest, response, chain);
			}
			else {
				continueExchange(exchange, request, response, chain);
			}
			return;
		}
		RecordingExchange exchange = (request.getDispatcherType() == DispatcherType.REQUEST)
				? start(httpRequest, httpResponse) : null;
		if (exchange == null) {
			chain.doFilter(request, response);
			return;
		}
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(exchange.trace())) {
			chain.doFilter(exchange.request(), exchange.response());
		}
		catch (Throwable ex) {
			exchange.failed(ex);
			throw ex;
		}
		finally {
			afterDispatch(exchange, httpRequest);
		}
	}

	private @Nullable RecordingExchange start(HttpServletRequest request, HttpServletResponse response) {
		try {
			Decision decision = this.policy.decide(request);
			if (decision == Decision.SKIP) {
				return null;
			}
			ActiveTrace trace = new ActiveTrace(this.maxEvents, this.customEvents);
			RecordingResponseWrapper recordingResponse = new RecordingResponseWrapper(response, this.settings,
					this.bodyScrubber, trace.id(), decision == Decision.RECORD_ON_ERROR);
			RecordingRequestWrapper recordingRequest = new RecordingRequestWrapper(request, this.settings,
					this.bodyScrubber, recordingResponse);
			RecordingExchange exchange = new RecordingExchange(trace, decision, recordingRequest, recordingResponse);
			WebAsyncUtils.getAsyncManager(request)
				.registerCallableInterceptor(CallableTraceBinding.class.getName(), new CallableTraceBinding(trace));
			if (decision == Decision.RECORD) {
				recordingResponse.announce();
			}
			request.setAttribute(EXCHANGE_ATTRIBUTE, exchange);
			return exchange;
		}
		catch (RuntimeException ex) {
			failures.warn("Could not start recording " + request.getMethod() + " " + request.getRequestURI()
					+ "; it proceeds unrecorded", ex);
			return null;
		}
	}

	/**
	 * Runs an async dispatch of a recorded exchange with its trace bound. The async listener
	 * ends the exchange when the cycle completes.
	 */
	private void continueExchange(RecordingExchange exchange, ServletRequest request, ServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		if (exchange.isCompleted()) {
			chain.doFilter(request, response);
			return;
		}
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(exchange.trace())) {
			chain.doFilter(recorded(request, exchange.request()), recorded(response, exchange.response()));
		}
		catch (Throwable ex) {
			exchange.failed(ex);
			throw ex;
		}
		finally {
			announceIfFailed(exchange);
		}
	}

	/**
	 * Runs the error dispatch of a recorded exchange, capturing the error page the client gets
	 * in place of the response, and ends the exchange if it waited for the page (the async cycle
	 * ends an async exchange).
	 */
	private void continueWithErrorPage(RecordingExchange exchange, HttpServletRequest request,
			ServletResponse response, FilterChain chain) throws IOException, ServletException {
		if (exchange.isCompleted()) {
			chain.doFilter(request, response);
			return;
		}
		errorPageStarts(exchange);
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(exchange.trace())) {
			// the dispatched request carries the error page's path and the error attributes
			chain.doFilter(request, recorded(response, exchange.response()));
		}
		catch (Throwable ex) {
			exchange.failed(ex);
			throw ex;
		}
		finally {
			announceIfFailed(exchange);
			if (!listenToAsyncCycle(exchange, request) && exchange.isAwaitingErrorPage()) {
				this.recorder.complete(exchange);
			}
		}
	}

	private static void errorPageStarts(RecordingExchange exchange) {
		try {
			exchange.response().errorPageStarts();
		}
		catch (RuntimeException ex) {
			failures.warn("Could not start capturing the error page of " + exchange.request().getRequestURI(), ex);
		}
	}

	/**
	 * The request to dispatch: the dispatched one when it wraps the recording one, as when async
	 * processing started with the recording wrappers, else the recording one.
	 */
	private static ServletRequest recorded(ServletRequest dispatched, RecordingRequestWrapper recording) {
		boolean wraps = dispatched == recording || (dispatched instanceof ServletRequestWrapper wrapper
				&& wrapper.isWrapperFor(RecordingRequestWrapper.class));
		return wraps ? dispatched : recording;
	}

	private static ServletResponse recorded(ServletResponse dispatched, RecordingResponseWrapper recording) {
		boolean wraps = dispatched == recording || (dispatched instanceof ServletResponseWrapper wrapper
				&& wrapper.isWrapperFor(RecordingResponseWrapper.class));
		return wraps ? dispatched : recording;
	}

	private void afterDispatch(RecordingExchange exchange, HttpServletRequest request) {
		announceIfFailed(exchange);
		if (!listenToAsyncCycle(exchange, request) && !awaitErrorPage(exchange)) {
			this.recorder.complete(exchange);
		}
	}

	/**
	 * Leaves a failed exchange open for the error page the container renders next; the error
	 * dispatch ends it, or the end of the request when no error page comes.
	 * @return whether the exchange waits for an error page
	 */
	private boolean awaitErrorPage(RecordingExchange exchange) {
		return this.errorPagesFollowed && exchange.awaitErrorPage();
	}

	private static void announceIfFailed(RecordingExchange exchange) {
		try {
			exchange.announceIfFailed();
		}
		catch (RuntimeException ex) {
			failures.warn("Could not set the " + TRACE_ID_HEADER + " header", ex);
		}
	}

	/**
	 * Registers the listener that ends the exchange when async processing started.
	 * @return whether the async cycle will end the exchange
	 */
	private boolean listenToAsyncCycle(RecordingExchange exchange, HttpServletRequest request) {
		try {
			if (!request.isAsyncStarted()) {
				return false;
			}
			if (exchange.listen()) {
				request.getAsyncContext().addListener(new RecordingAsyncListener(exchange, this.recorder));
			}
			return true;
		}
		catch (RuntimeException ex) {
			failures.warn("Could not follow the async processing of " + request.getRequestURI()
					+ "; it is recorded as it is now", ex);
			return false;
		}
	}

}
