package io.chronotrace.core.storage.s3;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Counts the calls a client makes by operation, and every HTTP attempt (retries included),
 * keeping the requests as sent.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();

	private final List<SdkRequest> calledWith = new CopyOnWriteArrayList<>();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		this.calls.computeIfAbsent(operation(context), (name) -> new AtomicInteger()).incrementAndGet();
		this.calledWith.add(context.request());
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		this.attempts.computeIfAbsent(operation(context), (name) -> new AtomicInteger()).incrementAndGet();
		this.requests.add(context.httpRequest());
	}

	/**
	 * Calls of one operation.
	 * @param operation the operation, such as {@code PutObject}
	 * @return how many calls the client made
	 */
	public int calls(String operation) {
		AtomicInteger count = this.calls.get(operation);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * HTTP attempts of one operation, retries included.
	 * @param operation the operation, such as {@code PutObject}
	 * @return how many requests were sent
	 */
	public int attempts(String operation) {
		AtomicInteger count = this.attempts.get(operation);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Every HTTP attempt, of any operation.
	 * @return the number of requests sent
	 */
	public int totalAttempts() {
		return this.requests.size();
	}

	/**
	 * The requests as sent.
	 * @return the requests
	 */
	public List<SdkHttpRequest> requests() {
		return this.requests;
	}

	/**
	 * The requests of every call, of one type.
	 * @param <T> the request type
	 * @param type the request type
	 * @return the requests, in the order they were made
	 */
	public <T extends SdkRequest> List<T> calls(Class<T> type) {
		return this.calledWith.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Forgets what was counted. */
	public void reset() {
		this.calledWith.clear();
		this.calls.clear();
		this.attempts.clear();
		this.requests.clear();
	}

	private static String operation(Context.BeforeExecution context) {
		String name = context.request().getClass().getSimpleName();
		return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
	}

}
