package io.chronotrace.core.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.scrub.DefaultBodyScrubber;
import io.chronotrace.core.scrub.DefaultTraceScrubber;
import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

/**
 * A trace that carries the five secrets of a request (an {@code Authorization} header, a
 * {@code Cookie}, an {@code access_token} query value, a {@code ;jsessionid=} path parameter
 * and a JSON {@code password}) everywhere a request can bring them, captured and scrubbed as
 * production does: bodies through {@link DefaultBodyScrubber} while they are captured (the
 * larger one spilled to an attachment), the rest through {@link DefaultTraceScrubber}, both
 * with the default rules.
 */
public final class SecretsTrace {

	/** The bearer token of the {@code Authorization} header. */
	public static final String AUTHORIZATION = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.authz-S3cr3t-18";

	/** The session cookie. */
	public static final String COOKIE = "cookie-S3cr3t-18";

	/** The {@code access_token} query value. */
	public static final String ACCESS_TOKEN = "query-t0ken-S3cr3t-18";

	/** The {@code ;jsessionid=} path parameter. */
	public static final String JSESSIONID = "path-sess10n-S3cr3t-18";

	/** The JSON {@code password}. */
	public static final String PASSWORD = "json-passw0rd-S3cr3t-18";

	/** The five secrets. */
	public static final List<String> SECRETS = List.of(AUTHORIZATION, COOKIE, ACCESS_TOKEN, JSESSIONID, PASSWORD);

	/** Text of the request body that is no secret: found wherever the body is stored readably. */
	public static final String CANARY = "canary-request-body-18";

	/** Text of the response body, kept as an attachment, that is no secret. */
	public static final String ATTACHMENT_CANARY = "canary-attachment-18";

	/** The path as stored once scrubbed. */
	public static final String PATH = "/api/login;jsessionid=[SCRUBBED]";

	private SecretsTrace() {
	}

	/**
	 * The trace as it reaches storage: captured and scrubbed.
	 * @param start when the request started
	 * @param spill where the larger body is spilled
	 * @return the trace, with the attachment of its response body
	 */
	public static Trace scrubbed(Instant start, Path spill) {
		CaptureSettings capture = new CaptureSettings(1024 * 1024, 1024, spill, true, true);
		DefaultBodyScrubber bodies = new DefaultBodyScrubber(ScrubRules.defaults());
		String requestJson = "{\"user\":\"zoe\",\"password\":\"" + PASSWORD + "\",\"access_token\":\"" + ACCESS_TOKEN
				+ "\",\"note\":\"" + CANARY + "\",\"headers\":{\"Authorization\":\"Bearer " + AUTHORIZATION
				+ "\",\"Cookie\":\"JSESSIONID=" + COOKIE + "\"}}";
		BodyCapture request = capture.requestBody(bodies, () -> "application/json");
		request.write(requestJson.getBytes(StandardCharsets.UTF_8), 0, requestJson.length());
		TraceBody requestBody = request.finish();
		// echoed back, larger than the memory threshold: an attachment
		String responseJson = "{\"echo\":" + requestJson + ",\"session\":{\"jsessionid\":\"" + JSESSIONID
				+ "\",\"cookie\":\"" + COOKIE + "\"},\"note\":\"" + ATTACHMENT_CANARY + "\",\"padding\":\""
				+ "x".repeat(2000) + "\",\"credentials\":{\"password\":\"" + PASSWORD + "\"}}";
		BodyCapture response = capture.responseBody(bodies, () -> "application/json");
		response.write(responseJson.getBytes(StandardCharsets.UTF_8), 0, responseJson.length());
		TraceBody responseBody = response.finish();
		TraceAttachment attachment = response.attachment();
		if (attachment == null) {
			throw new IllegalStateException("the response body was expected to spill to an attachment");
		}

		String path = "/api/login;jsessionid=" + JSESSIONID;
		String query = "access_token=" + ACCESS_TOKEN + "&lang=en";
		Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
		requestHeaders.put("Authorization", List.of("Bearer " + AUTHORIZATION));
		requestHeaders.put("Cookie", List.of("JSESSIONID=" + COOKIE + "; theme=dark"));
		requestHeaders.put("Referer", List.of("https://shop.example.com/login;jsessionid=" + JSESSIONID + "?access_token="
				+ ACCESS_TOKEN));
		requestHeaders.put("X-Debug", List.of("password=" + PASSWORD + " access_token=" + ACCESS_TOKEN));
		Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
		responseHeaders.put("Set-Cookie", List.of("JSESSIONID=" + COOKIE + "; Path=/; HttpOnly"));
		responseHeaders.put("Location", List.of("/home;jsessionid=" + JSESSIONID + "?access_token=" + ACCESS_TOKEN));
		responseHeaders.put("Authorization", List.of("Bearer " + AUTHORIZATION));
		TraceRequest traceRequest = new TraceRequest("POST", "http://localhost:8080" + path + "?" + query, path, query,
				requestHeaders, requestBody, "10.0.0.18");
		TraceResponse traceResponse = new TraceResponse(500, responseHeaders, responseBody, responseJson.length());

		String freeText = "login with Authorization: Bearer " + AUTHORIZATION + ", Cookie: JSESSIONID=" + COOKIE
				+ ", access_token=" + ACCESS_TOKEN + ", jsessionid=" + JSESSIONID + ", password=" + PASSWORD;
		TraceError error = new TraceError("java.lang.IllegalStateException", "failed: " + freeText,
				List.of("com.example.Login.check(Login.java:18)"), 0,
				new TraceError("java.lang.RuntimeException", "\"password\": \"" + PASSWORD + "\"", List.of(), 0, null));
		List<TraceEvent> events = List.of(
				new DatabaseEvent(100, 200, TraceEvent.OK, "dataSource",
						"select * from users where password = ? and session_id = ? and access_token = ?",
						List.of(List.of(PASSWORD, COOKIE, ACCESS_TOKEN)), 0, 1L, null, null),
				new DatabaseEvent(300, 200, TraceEvent.OK, "dataSource",
						"update sessions set jsessionid = '" + JSESSIONID + "', authorization = ? where password = '"
								+ PASSWORD + "'",
						List.of(List.of("Bearer " + AUTHORIZATION)), 0, 1L, null, null),
				new HttpClientEvent(500, 300, TraceEvent.OK, "RestClient", "POST",
						"https://auth.example.com/token;jsessionid=" + JSESSIONID + "?access_token=" + ACCESS_TOKEN, 200,
						Map.of("Authorization", List.of("Bearer " + AUTHORIZATION), "Cookie",
								List.of("JSESSIONID=" + COOKIE)),
						TraceBody.text("application/json", "{\"password\":\"" + PASSWORD + "\"}", "UTF-8", 40, 40), 40,
						Map.of("Set-Cookie", List.of("JSESSIONID=" + COOKIE)),
						TraceBody.text("application/x-www-form-urlencoded",
								"access_token=" + ACCESS_TOKEN + "&token_type=bearer", "UTF-8", 50, 50),
						50L, null),
				new LogEvent(900, 0, TraceEvent.OK, "INFO", "com.example.Login", freeText, "http-nio-1",
						Map.of("sessionId", COOKIE, "authorization", "Bearer " + AUTHORIZATION, "request",
								"access_token=" + ACCESS_TOKEN),
						null),
				new CustomEvent(950, 0, TraceEvent.OK, "login",
						Map.of("accessToken", ACCESS_TOKEN, "jsessionid", JSESSIONID, "note", "password=" + PASSWORD)),
				new JobEvent(960, 10, TraceEvent.ERROR, "audit", "pool-1", 0,
						new TraceError("java.lang.Exception", "cookie: " + COOKIE, List.of(), 0, null)),
				new ExceptionEvent(990, 0, TraceEvent.ERROR, error, false));
		Trace captured = new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1000, "shop", traceRequest,
				traceResponse, error, events, 0, null, List.of(attachment));
		return new DefaultTraceScrubber(ScrubRules.defaults()).scrub(captured);
	}

}
