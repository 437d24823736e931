package io.chronotrace.actuate.endpoint;

import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.spring.javaformat.formatter.FileEdit;
import io.spring.javaformat.formatter.FileFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated test is Java that compiles whatever the recorded request held: quotes,
 * backslashes, comment ends, unicode escapes, non-ASCII text and line breaks in paths, headers
 * and bodies never leak out of their string literals, text blocks or comments. It is laid out
 * as Spring's formatter lays it out, so that a build running {@code spring-javaformat:validate}
 * accepts it, and it holds beside others: its class is named after the whole trace id, an
 * empty body is asserted empty, it runs in a rolled-back transaction when the application has
 * a transaction manager, with recording off.
 */
class JUnitTestSourceTests {

	private static final JUnitTestSource.Application TRANSACTIONAL = new JUnitTestSource.Application(
			EndpointTestApplication.class, List.of("transactionManager"), "transactionManager", "");

	private static final Instant START = Instant.parse("2026-12-01T13:00:00Z");

	@TempDir
	Path dir;

	@Test
	void hostileRecordedRequestStillCompilesAndStaysInItsLiterals() throws Exception {
		String source = new JUnitTestSource(List.of("$.when"), Map.of("password", "test-password"),
				JUnitTestSource.Application::unknown)
			.write(hostile());
		// the path's backslash is percent-encoded, so javac never reads a unicode escape there
		assertThat(source).contains("String url = \"http://localhost/api/x*/%5Cu000a%7Dclass%20Evil%7B%22?q=1\";")
			.contains("\"a \\\"quoted\\\" \\\\ value \\\\u0022 */ \\u00e9 \\u2713\"")
			.doesNotContain("é")
			.doesNotContain("😀")
			.contains("ignored.add(\"$.when\");", "ignored.add(\"$['secret']\");",
					"ignored.add(\"$['items'][0]['token']\");")
			.contains("\\\"password\\\":\\\"test-password\\\"")
			.contains("// - header Authorization: left out; add it with a test value")
			.contains("isEqualTo(201)");
		compile(source, JUnitTestSource.className(hostile()));
	}

	@Test
	void textBodyIsComparedExactlyAndBinaryOnlyByStatus() throws Exception {
		TraceRequest get = new TraceRequest("GET", "http://localhost/hello", "/hello", null, Map.of(), null, null);
		Trace text = trace(get, new TraceResponse(200, Map.of(),
				TraceBody.text("text/plain", "hello\nworld", "UTF-8", 11, 11), 11));
		String source = new JUnitTestSource(List.of(), Map.of(), () -> TRANSACTIONAL).write(text);
		assertThat(source).startsWith("package io.chronotrace.actuate.endpoint;")
			.contains("@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,\n"
					+ "\t\tproperties = \"chronotrace.enabled=false\")")
			.contains("String expected = \"\"\"\n\t\t\t\thello\n\t\t\t\tworld\\\n\t\t\t\t\"\"\";")
			.contains("assertThat(body).isEqualTo(expected);")
			.doesNotContain("JSONAssert");
		compile(source, JUnitTestSource.className(text));
		Trace binary = trace(get, new TraceResponse(200, Map.of(),
				new TraceBody("image/png", TraceBody.Encoding.OMITTED, null, null, null, 300, 0, false), 300));
		String binarySource = new JUnitTestSource(List.of(), Map.of(), JUnitTestSource.Application::unknown)
			.write(binary);
		assertThat(binarySource).contains("// the body (300 bytes, binary or compressed) was not recorded")
			.doesNotContain("String body");
		compile(binarySource, JUnitTestSource.className(binary));
	}

	@Test
	void tracesOfTheSameMillisecondGetClassesOfTheirOwn() {
		TraceRequest get = new TraceRequest("GET", "http://localhost/hello", "/hello", null, Map.of(), null, null);
		TraceResponse ok = new TraceResponse(204, Map.of(), null, 0);
		String first = JUnitTestSource.className(trace(get, ok));
		String second = JUnitTestSource.className(trace(get, ok));
		assertThat(first).isNotEqualTo(second).matches("ChronoTrace[0-9a-f]{32}Test");
		assertThat(first.substring(0, 23)).isEqualTo(second.substring(0, 23));
	}

	@Test
	void absentOrEmptyBodyIsAssertedEmpty() throws Exception {
		for (Trace redirect : List.of(formPost(null), formPost(TraceBody.text("text/html", "", "UTF-8", 0, 0)))) {
			String source = new JUnitTestSource(List.of(), Map.of(), () -> TRANSACTIONAL).write(redirect);
			assertThat(source).contains("assertThat(response.getStatus()).isEqualTo(302);")
				.contains("assertThat(response.getContentAsByteArray()).isEmpty();")
				.doesNotContain("String expected");
		}
	}

	@Test
	void testRollsBackWhatItWritesWhenTheApplicationHasATransactionManager() {
		Trace post = formPost(null);
		String transactional = new JUnitTestSource(List.of(), Map.of(), () -> TRANSACTIONAL).write(post);
		assertThat(transactional).contains("\n@AutoConfigureMockMvc\n@Transactional\nclass ")
			.contains("import org.springframework.transaction.annotation.Transactional;")
			.contains("rolled back at its end");
		String without = new JUnitTestSource(List.of(), Map.of(), () -> new JUnitTestSource.Application(
				EndpointTestApplication.class, List.of(), null, ""))
			.write(post);
		assertThat(without).doesNotContain("@Transactional");
		assertThat(javadocText(without))
			.contains("The application has no transaction manager, so the test cannot roll back what the request writes");
		String ambiguous = new JUnitTestSource(List.of(), Map.of(), () -> new JUnitTestSource.Application(
				EndpointTestApplication.class, List.of("ordersTx", "usersTx"), null, ""))
			.write(post);
		assertThat(ambiguous).doesNotContain("@Transactional");
		assertThat(javadocText(ambiguous)).contains("several transaction managers (ordersTx, usersTx) and none is primary");
	}

	@Test
	void requestUnderTheServletContextPathIsSentWithIt() {
		JUnitTestSource.Application shop = new JUnitTestSource.Application(EndpointTestApplication.class, List.of(),
				null, "/shop");
		assertThat(new JUnitTestSource(List.of(), Map.of(), () -> shop).write(underContextPath()))
			.contains("String url = \"http://localhost:8080/shop/cart\";\n")
			.contains("request.contextPath(\"/shop\");\n");
		assertThat(new JUnitTestSource(List.of(), Map.of(), () -> shop).write(formPost(null)))
			.doesNotContain("request.contextPath(\"");
	}

	@Test
	void recordingIsOffWhileTheTestRuns() {
		for (Trace trace : samples()) {
			assertThat(source(trace)).contains("properties = \"chronotrace.enabled=false\"");
		}
	}

	@Test
	void timeOfSpringBootsErrorBodyIsLeftOut() {
		String source = source(bootError());
		assertThat(source).contains("ignored.add(\"$.timestamp\");")
			.contains("JSONAssert.assertEquals(withoutPaths(expected, ignored), withoutPaths(body, ignored), "
					+ "JSONCompareMode.LENIENT);")
			.contains("private static String withoutPaths(String json, List<String> paths) {");
	}

	@Test
	void everyKindOfTraceCompiles() throws Exception {
		for (Trace trace : samples()) {
			for (JUnitTestSource.Application application : applications()) {
				for (boolean isolated : new boolean[] { false, true }) {
					compile(new JUnitTestSource(List.of("$.orderId"), Map.of(), () -> application).write(trace,
							isolated), JUnitTestSource.className(trace, isolated));
				}
			}
		}
	}

	/**
	 * The isolated test answers outbound calls with the recorded bodies and sends the recorded
	 * request body: the recording it embeds reads back as the trace, JSON bodies spelled as
	 * recorded, not as the indenting re-spells JSON.
	 */
	@Test
	void theRecordingAnIsolatedTestEmbedsHoldsJsonBodiesAsRecorded() throws Exception {
		String answer = "{ \"id\" : 9,\n  \"amount\" : 12.50, \"big\" : 1E+2, \"a\" : 1, \"a\" : 2 }";
		String order = "{\"productId\":1,\"note\":\"\\u00e9 \\/ é\"}";
		TraceEvent call = new HttpClientEvent(10, 20, "ok", "RestClient", "GET", "http://localhost:9/stock/1", 200,
				Map.of(), null, 0, Map.of(), TraceBody.text("application/json", answer, "UTF-8", 60, 60), 60L, null);
		Trace trace = trace(new TraceRequest("POST", "http://localhost/api/orders", "/api/orders", null, Map.of(),
				TraceBody.text("application/json", order, "UTF-8", 40, 40), null),
				new TraceResponse(201, Map.of(), TraceBody.text("application/json", answer, "UTF-8", 60, 60), 60))
			.withEvents(List.of(call), 0);
		String source = new JUnitTestSource(List.of(), Map.of(), () -> TRANSACTIONAL).write(trace, true);
		String className = JUnitTestSource.className(trace, true);
		Path classes = compile(source, className);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				getClass().getClassLoader())) {
			Method recording = loader.loadClass("io.chronotrace.actuate.endpoint." + className)
				.getDeclaredMethod("recording");
			recording.setAccessible(true);
			String json = (String) recording.invoke(null);
			Trace read = TraceCodec.get().readTrace(json.getBytes(StandardCharsets.UTF_8));
			assertThat(read).isEqualTo(trace);
			assertThat(((HttpClientEvent) read.events().get(0)).responseBody().content()).isEqualTo(answer);
		}
	}

	/**
	 * What {@code spring-javaformat:validate} checks: the formatter would change nothing in
	 * the generated source.
	 */
	@Test
	void everyKindOfTraceIsLaidOutAsSpringJavaFormatLaysItOut() throws Exception {
		List<String> sources = new ArrayList<>();
		for (Trace trace : samples()) {
			for (JUnitTestSource.Application application : applications()) {
				sources.add(new JUnitTestSource(List.of("$.orderId"), Map.of(), () -> application).write(trace));
				sources.add(new JUnitTestSource(List.of("$.orderId"), Map.of(), () -> application).write(trace, true));
			}
		}
		for (int i = 0; i < sources.size(); i++) {
			String source = sources.get(i);
			Path file = Files.writeString(this.dir.resolve("Source" + i + ".java"), source, StandardCharsets.UTF_8);
			FileEdit edit = new FileFormatter().formatFile(file.toFile(), StandardCharsets.UTF_8);
			if (edit.hasEdits()) {
				assertThat(source).as("formatted as spring-javaformat formats it")
					.isEqualTo(edit.getFormattedContent());
			}
		}
	}

	/**
	 * Text blocks and literals hold the exact text once compiled: whitespace at line ends
	 * and starts, quotes in runs, backslashes, unicode escapes as text, control and
	 * non-ASCII characters, line breaks of every kind, and text too long for one constant.
	 */
	@Test
	void declaredStringsHoldTheTextExactly() throws Exception {
		Random random = new Random(19);
		String alphabet = "ab \t\n\n\r\"\"\\u0022*/{}\u0000\u000b\u000c\u001c\u007f\u00e9\u00a0\u2028\u3000\u2000";
		List<String> texts = new ArrayList<>(List.of("", "\n", "\n\n", " ", "  \n ", "\"\"\"", "\"\"\"\"\"\"\"",
				"a\"", "a\"\n", "\\", "x\\\n", "\\s", "\u3000", "line\u3000\nnext", "\t\tindented\n  spaces\n",
				"😀 and \ud83d", "end without line break", "a".repeat(45_000), "line\n".repeat(9_000)));
		for (int i = 0; i < 300; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(40);
			for (int j = 0; j < length; j++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			texts.add(text.toString());
		}
		StringBuilder source = new StringBuilder("package strings;\n\npublic class Texts {\n\n");
		for (int i = 0; i < texts.size(); i++) {
			source.append("\tpublic static String text").append(i).append("() {\n");
			JavaText.declareString(source, "\t\t", "text", texts.get(i));
			source.append("\t\treturn text;\n\t}\n\n");
		}
		source.append("}\n");
		Path classes = compile(source.toString(), "Texts");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				getClass().getClassLoader())) {
			Class<?> holder = loader.loadClass("strings.Texts");
			for (int i = 0; i < texts.size(); i++) {
				Method text = holder.getMethod("text" + i);
				assertThat(text.invoke(null)).as("text %d", i).isEqualTo(texts.get(i));
			}
		}
	}

	/** The text of the source's Javadoc comments, lines joined as the formatter wrapped them. */
	private static String javadocText(String source) {
		return source.replace("\n * ", " ");
	}

	private static String source(Trace trace) {
		return new JUnitTestSource(List.of("$.orderId"), Map.of(), () -> TRANSACTIONAL).write(trace);
	}

	/** Applications of every kind that a test is written for. */
	private static List<JUnitTestSource.Application> applications() {
		return List.of(TRANSACTIONAL, JUnitTestSource.Application.unknown(),
				new JUnitTestSource.Application(
						AnApplicationWhoseNameIsLongEnoughToPushTheSpringBootTestAnnotationPastItsLine.class,
						List.of("ordersTransactionManager", "usersTransactionManager", "auditTransactionManager"),
						null, "/shop"));
	}

	/** Traces of every kind that a test is written for. */
	private static List<Trace> samples() {
		List<Trace> samples = new ArrayList<>(List.of(hostile(), htmlPage(), formPost(null), bootError(), selfCall(),
				whitelabel(), longBodies(), latin1()));
		TraceRequest get = new TraceRequest("GET", "http://localhost/file", "/file", null, Map.of(), null, null);
		samples.add(trace(get, new TraceResponse(200, Map.of(),
				new TraceBody("image/png", TraceBody.Encoding.BASE64, "iVBORw0KGgo=", null, null, 8, 8, false), 8)));
		samples.add(trace(get, new TraceResponse(200, Map.of(),
				new TraceBody("application/pdf", TraceBody.Encoding.ATTACHMENT, null, "response-body", null,
						5_000_000, 5_000_000, false),
				5_000_000)));
		samples.add(trace(get, new TraceResponse(200, Map.of(),
				TraceBody.text("text/plain", "cut", "UTF-8", 300, 3), 300)));
		TraceRequest propfind = new TraceRequest("PROPFIND", "http://localhost/dav/" + "deep/".repeat(30),
				"/dav/" + "deep/".repeat(30), null, Map.of("X-" + "Long-".repeat(30) + "Name", List.of("v".repeat(200))),
				null, null);
		samples.add(trace(propfind, new TraceResponse(207, Map.of(), null, 0)));
		samples.add(underContextPath());
		return samples;
	}

	private static Trace underContextPath() {
		return trace(new TraceRequest("GET", "http://localhost:8080/shop/cart", "/shop/cart", null, Map.of(), null, null),
				new TraceResponse(204, Map.of(), null, 0));
	}

	private static Trace hostile() {
		String path = "/api/x*/\\u000a}class Evil{\"";
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("X-Note", List.of("a \"quoted\" \\ value \\u0022 */ é ✓"));
		headers.put("Authorization", List.of("Bearer [SCRUBBED]"));
		headers.put("X-Comment-*/-\\u000a", List.of("x".repeat(150)));
		String body = "{\"text\":\"line 1\\nline 2 \\u00e9\",\"password\":\"[SCRUBBED]\",\"emoji\":\"😀\"}";
		String answer = "{\"ok\":true,\"secret\":\"[SCRUBBED]\",\"when\":\"now\",\"items\":[{\"token\":\"[SCRUBBED]\"}]}";
		return trace(new TraceRequest("POST", "http://localhost" + path + "?q=1", path, "q=1\n*/", headers,
				TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()), null),
				new TraceResponse(201, Map.of(), TraceBody.text("application/json;charset=UTF-8", answer, "UTF-8",
						answer.length(), answer.length()), answer.length()));
	}

	private static Trace htmlPage() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Host", List.of("localhost:8080"));
		headers.put("Accept", List.of("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
				+ "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"));
		headers.put("User-Agent", List.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/131.0.0.0 Safari/537.36"));
		headers.put("Accept-Language", List.of("en-US,en;q=0.9"));
		String page = "<!DOCTYPE html>\n<html>\n  <head>\t<title>Owners</title>  \n  </head>\n\n  <body>\n"
				+ "    <p class=\"x\">Caf\u00e9 \"\"\"quoted\"\"\" \\ back</p>\n   \n  </body>\n</html>\n";
		return trace(new TraceRequest("GET", "http://localhost:8080/owners?lastName=", "/owners", "lastName=", headers,
				null, null), new TraceResponse(200, Map.of(), TraceBody.text("text/html;charset=UTF-8", page, "UTF-8",
						page.length(), page.length()), page.length()));
	}

	private static Trace formPost(TraceBody answer) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
		String form = "firstName=Ada&lastName=Lovelace&address=12+Street&city=London&telephone=0123456789";
		return trace(new TraceRequest("POST", "http://localhost:8080/owners/new", "/owners/new", null, headers,
				TraceBody.text("application/x-www-form-urlencoded", form, "UTF-8", form.length(), form.length()), null),
				new TraceResponse(302, Map.of("Location", List.of("/owners/11")), answer, 0));
	}

	private static Trace bootError() {
		String error = "{\"timestamp\":\"2026-12-01T13:00:00.123+00:00\",\"status\":500,"
				+ "\"error\":\"Internal Server Error\",\"path\":\"/api/payments/1/capture\"}";
		return trace(new TraceRequest("GET", "http://localhost:8080/api/payments/1/capture", "/api/payments/1/capture",
				null, Map.of("Accept", List.of("application/json")), null, null),
				new TraceResponse(500, Map.of(),
						TraceBody.text("application/json", error, "UTF-8", error.length(), error.length()),
						error.length()));
	}

	private static Trace selfCall() {
		String order = "{\"customerEmail\":\"ada@example.com\",\"lines\":[{\"productId\":1,\"quantity\":2}]}";
		String answer = "{\"orderId\":\"4f1c\",\"total\":49.80,\"status\":\"CONFIRMED\"}";
		TraceEvent call = new HttpClientEvent(10, 20, "ok", "RestClient", "GET",
				"http://localhost:8080/api/warehouse/stock/1", 200, Map.of(), null, 0, Map.of(), null, null, null);
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(START), START, 1_000, "shop",
				new TraceRequest("POST", "http://localhost:8080/api/orders", "/api/orders", null,
						Map.of("Content-Type", List.of("application/json")),
						TraceBody.text("application/json", order, "UTF-8", order.length(), order.length()), null),
				new TraceResponse(200, Map.of(),
						TraceBody.text("application/json", answer, "UTF-8", answer.length(), answer.length()),
						answer.length()),
				null, List.of(call), 0, null, List.of());
	}

	private static Trace whitelabel() {
		String page = "<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for "
				+ "/error, so you are seeing this as a fallback.</p><div id='created'>Tue Dec 01 13:00:00 UTC 2026"
				+ "</div><div>There was an unexpected error (type=Not Found, status=404).</div></body></html>";
		return trace(new TraceRequest("GET", "http://localhost:8080/nowhere", "/nowhere", null,
				Map.of("Accept", List.of("text/html")), null, null),
				new TraceResponse(404, Map.of(),
						TraceBody.text("text/html;charset=UTF-8", page, "UTF-8", page.length(), page.length()),
						page.length()));
	}

	private static Trace longBodies() {
		String lines = "<li>a line of a long page</li>\n".repeat(2_000);
		String oneLine = "[" + "1,".repeat(15_000) + "1]";
		return trace(new TraceRequest("PUT", "http://localhost:8080/api/numbers", "/api/numbers", null,
				Map.of("Content-Type", List.of("application/json")),
				TraceBody.text("application/json", oneLine, "UTF-8", oneLine.length(), oneLine.length()), null),
				new TraceResponse(200, Map.of(),
						TraceBody.text("text/html", lines, "UTF-8", lines.length(), lines.length()), lines.length()));
	}

	private static Trace latin1() {
		String text = "Gr\u00fc\u00dfe";
		return trace(new TraceRequest("POST", "http://localhost:8080/greet", "/greet", null,
				Map.of("Content-Type", List.of("text/plain;charset=windows-1252")),
				TraceBody.text("text/plain", text, "windows-1252", text.length(), text.length()), null),
				new TraceResponse(200, Map.of(),
						TraceBody.text("text/plain;charset=ISO-8859-1", text, "ISO-8859-1", 5, 5), 5));
	}

	private static Trace trace(TraceRequest request, TraceResponse response) {
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(START), START, 1_000, "shop", request, response, null,
				List.of(), 0, null, List.of());
	}

	/** A main class whose name does not fit in the annotation's line. */
	static class AnApplicationWhoseNameIsLongEnoughToPushTheSpringBootTestAnnotationPastItsLine {

	}

	/** Compiles the source with a real javac against this module's test class path. */
	private Path compile(String source, String className) throws Exception {
		Path file = Files.writeString(Files.createDirectories(this.dir.resolve(className)).resolve(className + ".java"),
				source, StandardCharsets.UTF_8);
		Path classes = Files.createDirectories(this.dir.resolve("classes"));
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		boolean compiled = javac
			.getTask(errors, null, null,
					List.of("-classpath", classPath + File.pathSeparator + classes, "-d", classes.toString(),
							"-proc:none", "-encoding", "US-ASCII"),
					null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
			.call();
		assertThat(compiled).as(errors + "\n" + source).isTrue();
		return classes;
	}

}
