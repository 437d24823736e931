package io.chronotrace.capture.logs;

import java.util.ArrayDeque;
import java.util.Deque;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;

/**
 * Records the log records of threads that record a request, at or above a level, with their MDC
 * and throwable, as {@link LogEvent}s. Records of other threads cost a level comparison and a
 * thread-local lookup. Not synchronized: logging threads never wait for each other here.
 * Logback's own guard keeps it from recording what it might log itself.
 * <p>
 * Application contexts of one JVM (such as cached test contexts) share the appender, so that a
 * record is captured once; the settings of the context that attached it last apply.
 */
final class TraceLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/** The name the appender has on the root logger. */
	static final String NAME = "CHRONOTRACE";

	/** The most characters kept of a message. */
	static final int MAX_MESSAGE_LENGTH = 10_000;

	/** The captures of the contexts that share this appender, the last attached first. */
	private final Deque<LogCapture> users = new ArrayDeque<>();

	private volatile Level threshold = Level.INFO;

	private volatile int maxStackFrames;

	TraceLogAppender() {
		setName(NAME);
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (!event.getLevel().isGreaterOrEqual(this.threshold)) {
			return;
		}
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null || !trace.acceptsEvents()) {
			return;
		}
		Level level = event.getLevel();
		trace.add(new LogEvent(trace.elapsedMicros(), 0, level.isGreaterOrEqual(Level.ERROR) ? TraceEvent.ERROR : TraceEvent.OK,
				level.toString(), event.getLoggerName(), BoundedText.of(event.getFormattedMessage(), MAX_MESSAGE_LENGTH),
				event.getThreadName(), event.getMDCPropertyMap(), error(event.getThrowableProxy())));
	}

	private @Nullable TraceError error(@Nullable IThrowableProxy proxy) {
		if (proxy instanceof ThrowableProxy throwable) {
			return TraceError.of(throwable.getThrowable(), this.maxStackFrames);
		}
		if (proxy != null) {
			return new TraceError(proxy.getClassName(), proxy.getMessage(), java.util.List.of(), 0, null);
		}
		return null;
	}

	/**
	 * Adds a context's capture, whose settings then apply.
	 * @param capture the capture
	 */
	synchronized void retain(LogCapture capture) {
		this.users.push(capture);
		apply(capture);
	}

	/**
	 * Removes a context's capture; the settings of the one attached before it apply again.
	 * @param capture the capture
	 * @return whether no capture uses the appender any more
	 */
	synchronized boolean release(LogCapture capture) {
		this.users.remove(capture);
		LogCapture last = this.users.peek();
		if (last != null) {
			apply(last);
		}
		return last == null;
	}

	private void apply(LogCapture capture) {
		this.threshold = capture.threshold();
		this.maxStackFrames = capture.maxStackFrames();
	}

}
