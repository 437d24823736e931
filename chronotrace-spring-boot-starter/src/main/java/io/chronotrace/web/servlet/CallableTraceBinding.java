package io.chronotrace.web.servlet;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;

/**
 * Binds the trace of a recorded exchange to the thread that runs the exchange's
 * {@link Callable} controller result, so that what it does (queries, outbound calls) is
 * captured in the trace.
 */
final class CallableTraceBinding implements CallableProcessingInterceptor {

	private final ActiveTrace trace;

	private volatile TraceContextHolder.@Nullable Scope scope;

	CallableTraceBinding(ActiveTrace trace) {
		this.trace = trace;
	}

	@Override
	public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
		this.scope = TraceContextHolder.bind(this.trace);
	}

	@Override
	public <T> void postProcess(NativeWebRequest request, Callable<T> task, @Nullable Object concurrentResult) {
		TraceContextHolder.Scope bound = this.scope;
		this.scope = null;
		if (bound != null) {
			bound.close();
		}
	}

}
