package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Set;

import io.chronotrace.core.storage.TraceStorageException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns what the SDK throws into what ChronoTrace reports: {@link TraceStorageException}s that
 * say whether a later attempt may succeed, and the one-line reasons of a failed health check.
 */
public final class S3Failures {

	private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "InvalidAccessKeyId",
			"SignatureDoesNotMatch", "AllAccessDisabled", "InvalidToken", "ExpiredToken", "AccountProblem");

	private static final Set<String> NO_SUCH_BUCKET = Set.of("NoSuchBucket");

	private S3Failures() {
	}

	/**
	 * Wraps a failure of an S3 call.
	 * @param what what was being done, for the message ("store trace X")
	 * @param ex the failure
	 * @return the exception to throw
	 */
	public static TraceStorageException failure(String what, RuntimeException ex) {
		return new TraceStorageException("S3 storage could not " + what + ": " + describe(ex), ex, isRetryable(ex));
	}

	/**
	 * Whether the same call may succeed later: 5xx answers (but 501 Not Implemented),
	 * throttling, I/O errors and timeouts; no 4xx answer.
	 * @param ex the failure
	 * @return whether it is worth retrying
	 */
	public static boolean isRetryable(Throwable ex) {
		if (ex instanceof SdkServiceException service) {
			int status = service.statusCode();
			// 501: the store does not implement what was asked (SSE on some S3-compatible stores)
			return (status >= 500 && status != 501) || status == 429 || service.isThrottlingException();
		}
		if (ex instanceof ApiCallTimeoutException || ex instanceof ApiCallAttemptTimeoutException) {
			return true;
		}
		if (ex instanceof SdkClientException client) {
			return client.retryable() || cause(client, IOException.class) != null;
		}
		return false;
	}

	/**
	 * Whether the failure says that an object or bucket does not exist.
	 * @param ex the failure
	 * @return whether it is a 404
	 */
	public static boolean isNotFound(SdkException ex) {
		return ex instanceof SdkServiceException service && service.statusCode() == 404;
	}

	/**
	 * The one-line reason of a failed health check.
	 * @param ex the failure
	 * @param bucket the bucket
	 * @param endpoint the endpoint, as shown
	 * @return the reason
	 */
	public static String reason(Throwable ex, String bucket, String endpoint) {
		if (ex instanceof SdkServiceException service) {
			String code = errorCode(service);
			int status = service.statusCode();
			if ((code != null && NO_SUCH_BUCKET.contains(code)) || (status == 404 && code == null)) {
				return "No such bucket '" + bucket + "' at " + endpoint;
			}
			if (status == 403 || (code != null && ACCESS_DENIED.contains(code))) {
				return "Access denied to bucket '" + bucket + "' (" + ((code != null) ? code : "403")
						+ "): check the credentials and that they allow s3:ListBucket, s3:GetObject, "
						+ "s3:PutObject and s3:DeleteObject";
			}
			if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
				return "Bucket '" + bucket + "' is in another region than the client's (" + status + " "
						+ ((code != null) ? code : "redirect") + ")";
			}
			return "S3 answered " + status + ((code != null) ? " " + code : "") + " for bucket '" + bucket + "' at "
					+ endpoint;
		}
		if (ex instanceof ApiCallTimeoutException || ex instanceof ApiCallAttemptTimeoutException) {
			return "Endpoint unreachable: " + endpoint + " (no answer in time)";
		}
		if (cause(ex, ConnectException.class) != null) {
			return "Endpoint unreachable: " + endpoint + " (connection refused)";
		}
		if (cause(ex, UnknownHostException.class) != null) {
			return "Endpoint unreachable: " + endpoint + " (unknown host)";
		}
		if (cause(ex, InterruptedIOException.class) != null) {
			return "Endpoint unreachable: " + endpoint + " (timed out)";
		}
		if (cause(ex, IOException.class) != null) {
			return "Endpoint unreachable: " + endpoint + " (" + firstLine(cause(ex, IOException.class)) + ")";
		}
		return "S3 client error: " + firstLine(ex);
	}

	/**
	 * A short description of a failure, for exception messages: the status and error code of
	 * an answer, or the first line of the client's message.
	 * @param ex the failure
	 * @return the description
	 */
	public static String describe(Throwable ex) {
		if (ex instanceof SdkServiceException service) {
			String code = errorCode(service);
			return service.statusCode() + ((code != null) ? " " + code : "") + " (" + firstLine(ex) + ")";
		}
		return firstLine(ex);
	}

	private static @Nullable String errorCode(SdkServiceException ex) {
		if (ex instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
			String code = aws.awsErrorDetails().errorCode();
			return (code != null && !code.isBlank() && !Character.isDigit(code.charAt(0))) ? code : null;
		}
		return null;
	}

	private static String firstLine(Throwable ex) {
		String message = ex.getMessage();
		if (message == null || message.isBlank()) {
			return ex.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline).trim() : message.trim();
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
