package io.chronotrace.actuate.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How the curl export writes what a request held: quoting, skipped headers, bodies kept in
 * other ways, and variables named after what held a scrubbed value.
 */
class CurlCommandTests {

	private final CurlCommand curl = new CurlCommand(() -> "http://localhost:8080",
			() -> "http://localhost:8080/actuator/chronotrace");

	@Test
	void quotesEverythingLiterally() {
		assertThat(ShellText.literal("it's $HOME `id` \"x\" \\ !\nnext line"))
			.isEqualTo("'it'\\''s $HOME `id` \"x\" \\ !\nnext line'");
		assertThat(ShellText.literal("a\u001b[201~b\u0001c'd!e")).isEqualTo("$'a\\x1b[201~b\\x01c\\'d\\x21e'");
	}

	@Test
	void getWithoutBodyHasNoMethodAndSkipsHeadersCurlSets() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Host", List.of("shop.example.com"));
		headers.put("Accept-Encoding", List.of("gzip"));
		headers.put("Connection", List.of("keep-alive"));
		headers.put("Accept", List.of("application/json"));
		String command = this.curl.write(trace(new TraceRequest("GET",
				"http://user:[SCRUBBED]@shop.example.com:8443/api/products?page=2", "/api/products", "page=2", headers,
				null, null)), null);
		// sent to this application, not to the host the client named
		assertThat(command).endsWith("curl \\\n  'http://localhost:8080/api/products?page=2' \\\n"
				+ "  -H 'Accept: application/json'\n");
	}

	@Test
	void scrubbedValuesAreNamedAfterWhatHeldThem() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("X-Api-Key", List.of("[SCRUBBED]"));
		headers.put("Cookie", List.of("[SCRUBBED]"));
		String form = "username=ada&password=[SCRUBBED]&customerEmail=%5BSCRUBBED%5D";
		String command = this.curl.write(trace(new TraceRequest("POST", "http://localhost:8080/login", "/login", null,
				headers, TraceBody.text("application/x-www-form-urlencoded", form, "UTF-8", 60, 60), null)), null);
		assertThat(command).contains("#   X_API_KEY='...'   # header X-Api-Key")
			.contains("#   COOKIE='...'   # header Cookie")
			.contains("#   PASSWORD='...'   # request body field password")
			.contains("#   CUSTOMER_EMAIL='...'   # request body field customerEmail")
			.contains("-H 'X-Api-Key: '\"${X_API_KEY}\"")
			.contains("--data-binary 'username=ada&password='\"${PASSWORD}\"'&customerEmail='\"${CUSTOMER_EMAIL}\"")
			.doesNotContain("SCRUBBED]");
	}

	@Test
	void scrubbedFieldNamedLikeAShellVariableGetsAnotherName() {
		String body = "{\"user\":\"[SCRUBBED]\",\"note\":\"call [SCRUBBED] now\"}";
		String command = this.curl.write(trace(new TraceRequest("PUT", "http://localhost:8080/x", "/x", null, Map.of(),
				TraceBody.text("application/json", body, "UTF-8", 40, 40), null)), null);
		assertThat(command).contains("-X PUT").contains("\"${USER_VALUE}\"").contains("\"${SCRUBBED_1}\"");
	}

	@Test
	void binaryBodyIsDecodedFromBase64AndOmittedBodyIsExplained() {
		TraceRequest binary = new TraceRequest("POST", "http://localhost:8080/upload", "/upload", null, Map.of(),
				new TraceBody("image/png", TraceBody.Encoding.BASE64, "iVBORw==", null, null, 4, 4, false), null);
		assertThat(this.curl.write(trace(binary), null))
			.contains("printf '%s' 'iVBORw==' | base64 -d | curl \\\n  -X POST")
			.contains("--data-binary @-");
		TraceRequest omitted = new TraceRequest("POST", "http://localhost:8080/upload", "/upload", null, Map.of(),
				new TraceBody("application/zip", TraceBody.Encoding.OMITTED, null, null, null, 2048, 0, false), null);
		assertThat(this.curl.write(trace(omitted), null))
			.contains("# The body (2048 bytes, binary or compressed) was not recorded: this command sends none");
	}

	@Test
	void baseMustBeAnHttpUrl() {
		Trace trace = trace(new TraceRequest("GET", "http://localhost:8080/x", "/x", null, Map.of(), null, null));
		assertThat(this.curl.write(trace, "https://staging.example.com/")).contains("'https://staging.example.com/x'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.curl.write(trace, "localhost:8080"))
			.withMessageContaining("use an http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> this.curl.write(trace, "http://x/?q=1"));
	}

	@Test
	void urlWithBracketsTurnsGlobbingOff() {
		Trace trace = trace(new TraceRequest("GET", "http://localhost:8080/x?ids[]=1", "/x", "ids[]=1", Map.of(), null,
				null));
		assertThat(this.curl.write(trace, null)).contains("--globoff");
	}

	private static Trace trace(TraceRequest request) {
		Instant start = Instant.parse("2026-12-01T13:00:00Z");
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1_000, "shop", request,
				new TraceResponse(200, Map.of(), null, 0), null, List.of(), 0, null, List.of());
	}

}
