package io.chronotrace.replay;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.TraceBody;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * The response a recorded outbound call got, rebuilt for an isolated replay: its status, its
 * headers (without those of the connection and of the body's length and encoding, since the body
 * is handed over whole and decoded) and its body as recorded (text or base64; a body that was not
 * stored is empty).
 *
 * @param status the status
 * @param headers the headers
 * @param body the body bytes
 */
record RecordedAnswer(HttpStatusCode status, HttpHeaders headers, byte[] body) {

	private static final Set<String> NOT_REPLAYED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	static {
		NOT_REPLAYED.addAll(List.of("Content-Length", "Content-Encoding", "Transfer-Encoding", "Connection",
				"Keep-Alive"));
	}

	/**
	 * The answer of a recorded call.
	 * @param call the recorded call
	 * @return the answer
	 * @throws RecordedCallFailedException when the recorded call got no response
	 */
	static RecordedAnswer of(HttpClientEvent call) throws RecordedCallFailedException {
		if (call.status() == null) {
			throw new RecordedCallFailedException(call.method(), call.url(),
					(call.error() != null) ? call.error() : "no response");
		}
		HttpHeaders headers = new HttpHeaders();
		for (Map.Entry<String, List<String>> header : call.responseHeaders().entrySet()) {
			if (!NOT_REPLAYED.contains(header.getKey())) {
				headers.addAll(header.getKey(), header.getValue());
			}
		}
		byte[] body = body(call.responseBody());
		headers.setContentLength(body.length);
		return new RecordedAnswer(HttpStatusCode.valueOf(call.status()), headers, body);
	}

	private static byte[] body(@Nullable TraceBody body) {
		if (body == null || body.content() == null) {
			return new byte[0];
		}
		return switch (body.encoding()) {
			case TEXT -> body.content().getBytes(ReplayRequests.charset(body));
			case BASE64 -> Base64.getDecoder().decode(body.content());
			case ATTACHMENT, OMITTED -> new byte[0];
		};
	}

}
