package io.chronotrace.capture.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Attaches the {@link TraceLogAppender} to Logback's root logger when the context starts and
 * detaches it when the context closes. Contexts of the same JVM (such as cached test contexts)
 * share one appender, so a record is captured once; the settings of the context started last
 * apply. Does nothing when Logback is not the logging system.
 */
public final class LogCapture implements InitializingBean, DisposableBean {

	private final Level threshold;

	private final int maxStackFrames;

	private @Nullable TraceLogAppender appender;

	/**
	 * Creates the capture.
	 * @param level the lowest level captured, such as {@code INFO}
	 * @param maxStackFrames the most stack frames kept of a logged throwable
	 */
	public LogCapture(String level, int maxStackFrames) {
		this.threshold = Level.toLevel(level, Level.INFO);
		this.maxStackFrames = maxStackFrames;
	}

	@Override
	public void afterPropertiesSet() {
		Logger root = rootLogger();
		if (root == null) {
			return;
		}
		synchronized (root) {
			TraceLogAppender appender = (root.getAppender(TraceLogAppender.NAME) instanceof TraceLogAppender shared)
					? shared : start(root.getLoggerContext());
			appender.retain(this);
			root.addAppender(appender);
			this.appender = appender;
		}
	}

	private TraceLogAppender start(LoggerContext context) {
		TraceLogAppender appender = new TraceLogAppender();
		appender.setContext(context);
		appender.start();
		return appender;
	}

	@Override
	public void destroy() {
		TraceLogAppender appender = this.appender;
		Logger root = rootLogger();
		if (appender == null || root == null) {
			return;
		}
		synchronized (root) {
			if (appender.release(this)) {
				root.detachAppender(appender);
				appender.stop();
			}
		}
		this.appender = null;
	}

	Level threshold() {
		return this.threshold;
	}

	int maxStackFrames() {
		return this.maxStackFrames;
	}

	/**
	 * Whether the capture's appender is attached to the root logger.
	 * @return whether log records are being captured
	 */
	public boolean isAttached() {
		Logger root = rootLogger();
		return root != null && this.appender != null && root.getAppender(TraceLogAppender.NAME) == this.appender;
	}

	private static @Nullable Logger rootLogger() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		}
		return null;
	}

}
