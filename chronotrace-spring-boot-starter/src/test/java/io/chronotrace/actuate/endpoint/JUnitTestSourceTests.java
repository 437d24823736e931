package io.chronotrace.actuate.endpoint;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated test is Java that compiles whatever the recorded request held: quotes,
 * backslashes, comment ends, unicode escapes, non-ASCII text and line breaks in paths, headers
 * and bodies never leak out of their string literals or comments.
 */
class JUnitTestSourceTests {

	@TempDir
	Path dir;

	@Test
	void hostileRecordedRequestStillCompilesAndStaysInItsLiterals() throws Exception {
		String path = "/api/x*/\\u000a}class Evil{\"";
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("X-Note", List.of("a \"quoted\" \\ value \\u0022 */ é ✓"));
		headers.put("Authorization", List.of("Bearer [SCRUBBED]"));
		String body = "{\"text\":\"line 1\\nline 2 \\u00e9\",\"password\":\"[SCRUBBED]\",\"emoji\":\"😀\"}";
		String answer = "{\"ok\":true,\"secret\":\"[SCRUBBED]\",\"when\":\"now\",\"items\":[{\"token\":\"[SCRUBBED]\"}]}";
		Trace trace = trace(new TraceRequest("POST", "http://localhost" + path + "?q=1", path, "q=1\n*/", headers,
				TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()), null),
				new TraceResponse(201, Map.of(), TraceBody.text("application/json;charset=UTF-8", answer, "UTF-8",
						answer.length(), answer.length()), answer.length()));
		String source = new JUnitTestSource(List.of("$.when"), Map.of("password", "test-password"), () -> null)
			.write(trace);
		// the path's backslash is doubled, so javac never reads its unicode escape as a line break
		assertThat(source).contains("/api/x*/\\\\u000a}class Evil{\\\"")
			.doesNotContain("é")
			.doesNotContain("😀")
			.contains("List.of(\"$.when\", \"$['secret']\", \"$['items'][0]['token']\")")
			.contains("\\\"password\\\":\\\"test-password\\\"")
			.contains("// - header Authorization: left out; add it with a test value")
			.contains("isEqualTo(201)");
		compile(source, JUnitTestSource.className(trace));
	}

	@Test
	void textBodyIsComparedExactlyAndBinaryOnlyByStatus() throws Exception {
		TraceRequest get = new TraceRequest("GET", "http://localhost/hello", "/hello", null, Map.of(), null, null);
		Trace text = trace(get, new TraceResponse(200, Map.of(),
				TraceBody.text("text/plain", "hello\nworld", "UTF-8", 11, 11), 11));
		String source = new JUnitTestSource(List.of(), Map.of(), () -> EndpointTestApplication.class).write(text);
		assertThat(source).startsWith("package io.chronotrace.actuate.endpoint;")
			.contains("@SpringBootTest(classes = EndpointTestApplication.class")
			.contains("assertThat(response.getBody()).isEqualTo(\"hello\\n\"\n\t\t\t\t+ \"world\");")
			.doesNotContain("JSONAssert");
		compile(source, JUnitTestSource.className(text));
		Trace binary = trace(get, new TraceResponse(200, Map.of(),
				new TraceBody("image/png", TraceBody.Encoding.OMITTED, null, null, null, 300, 0, false), 300));
		String binarySource = new JUnitTestSource(List.of(), Map.of(), () -> null).write(binary);
		assertThat(binarySource).contains("// the body (300 bytes, binary or compressed) was not recorded")
			.doesNotContain("response.getBody()");
		compile(binarySource, JUnitTestSource.className(binary));
	}

	private void compile(String source, String className) throws Exception {
		Path file = Files.writeString(Files.createDirectories(this.dir.resolve(className)).resolve(className + ".java"),
				source, StandardCharsets.UTF_8);
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		boolean compiled = javac
			.getTask(errors, null, null,
					List.of("-classpath", classPath, "-d", this.dir.resolve("classes").toString(), "-proc:none",
							"-encoding", "US-ASCII"),
					null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
			.call();
		assertThat(compiled).as(errors + "\n" + source).isTrue();
	}

	private static Trace trace(TraceRequest request, TraceResponse response) {
		Instant start = Instant.parse("2026-12-01T13:00:00Z");
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1_000, "shop", request, response, null,
				List.of(), 0, null, List.of());
	}

}
