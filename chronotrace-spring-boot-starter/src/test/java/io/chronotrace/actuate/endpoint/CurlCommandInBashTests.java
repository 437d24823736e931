package io.chronotrace.actuate.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curl export of requests an attacker wrote, pasted into a real {@code bash} with
 * {@code curl} replaced by a script that records its arguments: nothing runs but that curl,
 * every argument arrives exactly as recorded, and the text holds no control character a
 * terminal would act on.
 */
class CurlCommandInBashTests {

	private static final String APP = "http://localhost:8080";

	/** Ways to end a quote, start a command or a new line, or fool a terminal. */
	private static final String[] HOSTILE = { "'", "\"", "$(touch pwned)", "`touch pwned`", ";touch pwned;",
			"$IFS", "\n", "\ntouch pwned\n", "\r", "\\", "!", "!!", "${IFS}", "'\"'\"'", "\u001b[201~", "\u0001",
			"\u0015", "\u000b", "\t", "\u202etouch", "\u2028", "\u0000", "é", "%0a", "&", "|", "<", ">", "*", "?",
			"[", "{a,b}", "~", "#", " " };

	@TempDir
	Path folder;

	private final CurlCommand curl = new CurlCommand(() -> APP, () -> APP + "/actuator/chronotrace");

	@BeforeEach
	void fakeCurl() throws IOException {
		Path bin = Files.createDirectories(this.folder.resolve("bin"));
		Path script = bin.resolve("curl");
		// one argument per NUL-terminated record; stdin only when the command says @-
		Files.writeString(script, "#!/bin/bash\nprintf '%s\\0' \"$@\" > \"$CURL_ARGS\"\n"
				+ "for a in \"$@\"; do [ \"$a\" = '@-' ] && cat > \"$CURL_STDIN\"; done\nexit 0\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void aMethodThatEndsAQuoteGetsNoCommandAtAll() throws Exception {
		for (String method : List.of("X'", "X$(touch pwned)", "X`touch pwned`", "GET;touch pwned", "G\nET", "")) {
			Trace trace = trace(method, "/a;touch$IFS'pwned';'", null, Map.of(), null);
			String command = this.curl.write(trace, null);
			Pasted pasted = paste(command, Map.of());
			assertThat(pasted.curlArguments()).as(command).isNull();
			assertThat(command).contains("# No command: the recorded method is not a word of letters");
			assertNothingElseRan(command);
		}
	}

	@Test
	void theIssuesAttackIsSentAsAPathAndRunsNothing() throws Exception {
		String path = "/a;touch$IFS'pwned';'";
		String command = this.curl.write(trace("GET", path, null, Map.of(), null), null);
		Pasted pasted = paste(command, Map.of());
		assertThat(pasted.curlArguments()).containsExactly(APP + path);
		assertNothingElseRan(command);
	}

	@Test
	void everyHostilePieceInEveryPlaceArrivesAsRecordedAndRunsNothing() throws Exception {
		for (String piece : HOSTILE) {
			if (piece.indexOf('\u0000') >= 0) {
				continue; // no process argument can hold NUL: a test of its own below
			}
			Map<String, List<String>> headers = new LinkedHashMap<>();
			headers.put("X-Name" + piece.replaceAll("[\\s:]", ""), List.of("value" + piece + "end"));
			String path = "/p" + piece + "/q";
			String query = "a=" + piece + "&b" + piece + "=c";
			String body = "{\"note\":\"" + piece + "\"}";
			Trace trace = trace("PATCH", path, query,
					headers, TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()));
			String command = this.curl.write(trace, null);
			Pasted pasted = paste(command, Map.of());
			List<String> expected = new ArrayList<>(List.of("-X", "PATCH"));
			if (path.contains("[") || path.contains("{") || query.contains("[") || query.contains("{")) {
				expected.add("--globoff");
			}
			expected.addAll(List.of(APP + path + "?" + query, "-H", headers.keySet().iterator().next() + ": value"
					+ piece + "end", "--data-binary", body));
			assertThat(pasted.curlArguments()).as("piece %s in\n%s", Arrays.toString(piece.toCharArray()), command)
				.containsExactlyElementsOf(expected);
			assertNothingElseRan(command);
		}
	}

	@Test
	void aScrubbedKeyWithLineBreaksStaysInItsCommentAndItsVariable() throws Exception {
		String body = "\"a\ntouch pwned\n\":\"[SCRUBBED]\"";
		Trace trace = trace("POST", "/notes", null, Map.of(),
				TraceBody.text("text/plain", body, "UTF-8", body.length(), body.length()));
		String command = this.curl.write(trace, null);
		assertThat(command).contains("#   A_TOUCH_PWNED='...'   # request body field a?touch pwned?");
		Pasted pasted = paste(command, Map.of("A_TOUCH_PWNED", "user@example.org"));
		assertThat(pasted.curlArguments()).containsExactly("-X", "POST", APP + "/notes", "--data-binary",
				"\"a\ntouch pwned\n\":\"user@example.org\"");
		assertNothingElseRan(command);
	}

	@Test
	void theRecordedHostIsNeverTheTarget() throws Exception {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Host", List.of("evil.example"));
		headers.put("Authorization", List.of("Bearer [SCRUBBED]"));
		TraceRequest request = new TraceRequest("GET", "http://evil.example/admin", "/admin", null, headers, null,
				"203.0.113.9");
		String command = this.curl.write(trace(request), null);
		assertThat(command).doesNotContain("evil.example");
		assertThat(paste(command, Map.of("AUTHORIZATION", "t")).curlArguments()).containsExactly(APP + "/admin", "-H",
				"Authorization: Bearer t");
		assertThat(paste(this.curl.write(trace(request), "https://staging.example.com/"), Map.of("AUTHORIZATION", "t"))
			.curlArguments()).startsWith("https://staging.example.com/admin");
	}

	@Test
	void binaryAndAttachmentBodiesWithHostileContentRunNothing() throws Exception {
		TraceBody base64 = new TraceBody("image/png", TraceBody.Encoding.BASE64, "iVBO'$(touch pwned)'Rw==", null,
				null, 4, 4, false);
		String command = this.curl.write(trace("POST", "/upload", null, Map.of(), base64), null);
		paste(command, Map.of());
		assertNothingElseRan(command);
		TraceBody attachment = new TraceBody("application/json", TraceBody.Encoding.ATTACHMENT, null,
				"x';touch pwned;'", "UTF-8", 20_000_000, 20_000_000, false);
		command = this.curl.write(trace("POST", "/upload", null, Map.of(), attachment), null);
		Pasted pasted = paste(command, Map.of());
		assertThat(pasted.curlArguments()).containsExactly("-X", "POST", APP + "/upload", "--data-binary",
				"@x';touch pwned;'");
		assertThat(command).contains("#   curl -o 'x'\\''");
		assertNothingElseRan(command);
	}

	@Test
	void aNulInRecordedTextEndsNoQuote() throws Exception {
		Map<String, List<String>> headers = Map.of("X-A", List.of("a\u0000'$(touch pwned)'"));
		String body = "x\u0000'$(touch pwned)'[SCRUBBED]'$(touch pwned)'";
		String command = this.curl.write(trace("POST", "/n\u0000ul", null, headers,
				TraceBody.text("text/plain", body, "UTF-8", body.length(), body.length())), null);
		paste(command, Map.of("SCRUBBED_1", "s"));
		assertNothingElseRan(command);
	}

	@Test
	void randomHostileRequestsRoundTrip() throws Exception {
		Random random = new Random(18);
		for (int run = 0; run < 60; run++) {
			String path = "/" + hostile(random, 6);
			String value = hostile(random, 6);
			String body = hostile(random, 10);
			Trace trace = trace("PUT", path, null, Map.of("X-V", List.of(value)),
					TraceBody.text("text/plain", body, "UTF-8", body.length(), body.length()));
			String command = this.curl.write(trace, null);
			List<String> arguments = paste(command, Map.of()).curlArguments();
			List<String> expected = new ArrayList<>(List.of("-X", "PUT"));
			if (path.contains("[") || path.contains("{")) {
				expected.add("--globoff");
			}
			expected.addAll(List.of(APP + path, "-H", "X-V: " + value, "--data-binary", body));
			assertThat(arguments).as(command).containsExactlyElementsOf(expected);
			assertNothingElseRan(command);
		}
	}

	private static String hostile(Random random, int pieces) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < pieces; i++) {
			String piece = HOSTILE[random.nextInt(HOSTILE.length)];
			text.append(piece.replace("\u0000", "0"));
		}
		return text.toString();
	}

	/** Nothing but curl ran: no file besides curl's own records, no control character shown. */
	private void assertNothingElseRan(String command) throws IOException {
		try (Stream<Path> files = Files.list(this.folder)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.as(command)
				.allMatch((name) -> name.equals("bin") || name.startsWith("curl-"));
		}
		assertThat(command.chars().filter((c) -> c != '\n' && ShellText.isUnsafe((char) c))).as(command).isEmpty();
	}

	/**
	 * Runs the command as a pasted script: bash reads it from standard input, line by line, as it
	 * reads what is typed.
	 */
	private Pasted paste(String command, Map<String, String> variables) throws IOException, InterruptedException {
		Path arguments = this.folder.resolve("curl-args");
		Files.deleteIfExists(arguments);
		ProcessBuilder bash = new ProcessBuilder("bash", "-s").directory(this.folder.toFile());
		bash.environment().putAll(variables);
		bash.environment().put("PATH", this.folder.resolve("bin") + ":" + System.getenv("PATH"));
		bash.environment().put("CURL_ARGS", arguments.toString());
		bash.environment().put("CURL_STDIN", this.folder.resolve("curl-stdin").toString());
		bash.redirectErrorStream(true);
		Process process = bash.start();
		try {
			process.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			List<String> recorded = null;
			if (Files.exists(arguments)) {
				String all = Files.readString(arguments, StandardCharsets.UTF_8);
				recorded = all.isEmpty() ? List.of() : List.of(all.substring(0, all.length() - 1).split("\u0000", -1));
			}
			return new Pasted(recorded, output);
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static Trace trace(String method, String path, String query, Map<String, List<String>> headers,
			TraceBody body) {
		String url = "http://shop.example.com" + path + ((query != null) ? "?" + query : "");
		return trace(new TraceRequest(method, url, path, query, headers, body, null));
	}

	private static Trace trace(TraceRequest request) {
		Instant start = Instant.parse("2026-12-01T13:00:00Z");
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1_000, "shop", request,
				new TraceResponse(200, Map.of(), null, 0), null, List.of(), 0, null, List.of());
	}

	/** What the pasted command did: curl's arguments ({@code null} when it did not run) and what bash printed. */
	private record Pasted(List<String> curlArguments, String output) {
	}

}
