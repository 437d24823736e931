package io.chronotrace.actuate.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.chronotrace.core.support.ContentTypes;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.replay.ResentHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the Java source of a JUnit 5 test that sends a recorded request again to the
 * application, started by {@code @SpringBootTest} on a random port, and checks that it answers
 * as recorded: the same status, and the same body (JSON compared leniently with JSONAssert,
 * without the volatile paths of {@code chronotrace.replay.ignore-paths} and the values that
 * were scrubbed when recorded; other text compared exactly).
 * <p>
 * The test needs only {@code spring-boot-starter-test} (JUnit, AssertJ, JSONAssert, JsonPath)
 * and the application ({@code RestClient} from spring-web). Scrubbed request values are
 * replaced by {@code chronotrace.replay.substitutes} when configured; otherwise the source
 * says where to put a test value.
 */
public final class JUnitTestSource {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> ignorePaths;

	private final Map<String, String> substitutes;

	private final Supplier<@Nullable Class<?>> applicationClass;

	/**
	 * Creates the writer.
	 * @param ignorePaths JSON paths left out of the body comparison
	 * @param substitutes values sent in place of scrubbed ones, by header or field name
	 * @param applicationClass the application's {@code @SpringBootConfiguration} class, or
	 * {@code null} when unknown
	 */
	public JUnitTestSource(List<String> ignorePaths, Map<String, String> substitutes,
			Supplier<@Nullable Class<?>> applicationClass) {
		this.ignorePaths = List.copyOf(ignorePaths);
		Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		byName.putAll(substitutes);
		this.substitutes = byName;
		this.applicationClass = applicationClass;
	}

	/**
	 * The name of the test class for a trace: {@code ChronoTrace} and the first eight hex
	 * digits of its id, such as {@code ChronoTrace0192f5e4Test}.
	 * @param trace the trace
	 * @return the class name
	 */
	public static String className(Trace trace) {
		return "ChronoTrace" + trace.id().toString().substring(0, 8) + "Test";
	}

	/**
	 * Writes the test.
	 * @param trace the recorded trace
	 * @return the Java source
	 */
	public String write(Trace trace) {
		TraceRequest request = trace.request();
		TraceResponse response = trace.response();
		Class<?> application = this.applicationClass.get();
		List<String> todo = new ArrayList<>();
		StringBuilder source = new StringBuilder(4096);
		if (application != null && !application.getPackageName().isEmpty()) {
			source.append("package ").append(application.getPackageName()).append(";\n\n");
		}
		ResponseCheck check = responseCheck(response);
		source.append("import java.net.URI;\n");
		if (check.json()) {
			source.append("import java.util.List;\n\n");
			source.append("import com.jayway.jsonpath.Configuration;\n");
			source.append("import com.jayway.jsonpath.DocumentContext;\n");
			source.append("import com.jayway.jsonpath.JsonPath;\n");
			source.append("import com.jayway.jsonpath.Option;\n");
		}
		else {
			source.append('\n');
		}
		source.append("import org.junit.jupiter.api.Test;\n");
		if (check.json()) {
			source.append("import org.skyscreamer.jsonassert.JSONAssert;\n");
			source.append("import org.skyscreamer.jsonassert.JSONCompareMode;\n");
		}
		source.append('\n');
		source.append("import org.springframework.boot.test.context.SpringBootTest;\n");
		source.append("import org.springframework.boot.test.web.server.LocalServerPort;\n");
		source.append("import org.springframework.http.HttpMethod;\n");
		source.append("import org.springframework.http.ResponseEntity;\n");
		source.append("import org.springframework.web.client.RestClient;\n\n");
		source.append("import static org.assertj.core.api.Assertions.assertThat;\n\n");
		source.append("/**\n");
		source.append(" * Repeats ").append(comment(request.method() + " " + pathAndQuery(request)))
			.append(" as ChronoTrace recorded it\n");
		source.append(" * at ").append(trace.startTime()).append(" (trace ").append(trace.id())
			.append("), and checks that the\n");
		source.append(" * application answers as it did then: status ").append(response.status());
		source.append(check.description()).append(".\n");
		source.append(" */\n");
		if (application != null) {
			// the test is in the application's package: the class needs no import
			String name = String.valueOf(application.getCanonicalName())
				.substring(application.getPackageName().isEmpty() ? 0 : application.getPackageName().length() + 1);
			source.append("@SpringBootTest(classes = ").append(name)
				.append(".class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)\n");
		}
		else {
			source.append("// Put this class in your application's package: @SpringBootTest finds the application from there.\n");
			source.append("@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)\n");
		}
		source.append("class ").append(className(trace)).append(" {\n\n");
		if (check.json()) {
			source.append("\t/** JSON paths left out of the comparison: values that change on every call");
			source.append(check.scrubbedPaths().isEmpty() ? "" : " or were scrubbed when recorded");
			source.append(". */\n");
			source.append("\tprivate static final List<String> IGNORED_PATHS = List.of(");
			source.append(String.join(", ", check.ignoredPaths().stream().map(JUnitTestSource::literal).toList()));
			source.append(");\n\n");
		}
		source.append("\t@LocalServerPort\n\tprivate int port;\n\n");
		source.append("\t@Test\n\tvoid answersAsRecorded() throws Exception {\n");
		source.append("\t\tResponseEntity<String> response = RestClient.create()\n");
		source.append("\t\t\t.method(HttpMethod.valueOf(").append(literal(request.method().toUpperCase(Locale.ROOT)))
			.append("))\n");
		source.append("\t\t\t.uri(URI.create(\"http://localhost:\" + this.port + ")
			.append(literal(substituted(pathAndQuery(request), null, "query parameter", todo)))
			.append("))\n");
		headers(request, source, todo);
		requestBody(request.body(), source, todo);
		source.append("\t\t\t.retrieve()\n");
		source.append("\t\t\t.onStatus((status) -> true, (sent, answer) -> {\n");
		source.append("\t\t\t\t// every status is an answer to check, not an error\n");
		source.append("\t\t\t})\n");
		source.append("\t\t\t.toEntity(String.class);\n");
		source.append("\t\tassertThat(response.getStatusCode().value()).isEqualTo(").append(response.status())
			.append(");\n");
		if (check.expected() != null) {
			if (check.json()) {
				source.append("\t\tString expected = ").append(literal(check.expected())).append(";\n");
				source.append("\t\tassertThat(response.getBody()).isNotNull();\n");
				source.append("\t\tJSONAssert.assertEquals(withoutIgnoredPaths(expected), withoutIgnoredPaths(response.getBody()),\n");
				source.append("\t\t\t\tJSONCompareMode.LENIENT);\n");
			}
			else {
				source.append("\t\tassertThat(response.getBody()).isEqualTo(").append(literal(check.expected()))
					.append(");\n");
			}
		}
		else if (check.reason() != null) {
			source.append("\t\t// ").append(comment(check.reason())).append('\n');
		}
		source.append("\t}\n");
		if (check.json()) {
			source.append('\n');
			source.append("\tprivate static String withoutIgnoredPaths(String json) {\n");
			source.append("\t\tDocumentContext document = JsonPath\n");
			source.append("\t\t\t.using(Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS))\n");
			source.append("\t\t\t.parse(json);\n");
			source.append("\t\tfor (String path : IGNORED_PATHS) {\n");
			source.append("\t\t\tdocument.delete(path);\n");
			source.append("\t\t}\n");
			source.append("\t\treturn document.jsonString();\n");
			source.append("\t}\n");
		}
		source.append("\n}\n");
		if (!todo.isEmpty()) {
			int classStart = source.indexOf("/**\n * Repeats");
			StringBuilder notes = new StringBuilder("// Values scrubbed when the request was recorded are not sent as they were:\n");
			for (String note : new LinkedHashSet<>(todo)) {
				notes.append("// - ").append(comment(note)).append('\n');
			}
			notes.append("// Set chronotrace.replay.substitutes in the recording application, or edit the values below.\n");
			source.insert(classStart, notes);
		}
		return source.toString();
	}

	private void headers(TraceRequest request, StringBuilder source, List<String> todo) {
		for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
			String name = header.getKey();
			if (!ResentHeaders.isResent(name)) {
				continue;
			}
			for (String value : header.getValue()) {
				if (ScrubbedValues.contains(value)) {
					String substitute = this.substitutes.get(name);
					if (substitute == null) {
						todo.add("header " + name + ": left out; add it with a test value");
						source.append("\t\t\t// .header(").append(literal(name)).append(", \"...\") scrubbed when recorded\n");
						continue;
					}
					value = substitute;
				}
				source.append("\t\t\t.header(").append(literal(name)).append(", ").append(literal(value)).append(")\n");
			}
		}
	}

	private void requestBody(@Nullable TraceBody body, StringBuilder source, List<String> todo) {
		if (body == null) {
			return;
		}
		switch (body.encoding()) {
			case TEXT -> {
				if (body.truncated()) {
					todo.add("the request body was cut at " + body.capturedSize() + " of " + body.size()
							+ " bytes when recorded");
				}
				source.append("\t\t\t.body(")
					.append(literal(substituted(String.valueOf(body.content()), null, "request body field", todo)))
					.append(")\n");
			}
			case BASE64 -> source.append("\t\t\t.body(java.util.Base64.getDecoder().decode(")
				.append(literal(String.valueOf(body.content())))
				.append("))\n");
			case ATTACHMENT -> {
				todo.add("the request body was stored apart as attachment " + body.attachment()
						+ "; download it from the chronotrace endpoint and send it here");
				source.append("\t\t\t// .body(...) the body (").append(body.size()).append(" bytes) is attachment ")
					.append(comment(String.valueOf(body.attachment()))).append('\n');
			}
			case OMITTED -> source.append("\t\t\t// the body (").append(body.size())
				.append(" bytes, binary or compressed) was not recorded\n");
		}
	}

	/** Replaces each scrubbed value by its substitute, or leaves it and notes it. */
	private String substituted(String text, @Nullable String owner, String where, List<String> todo) {
		if (!ScrubbedValues.contains(text)) {
			return text;
		}
		return ScrubbedValues.replace(text, (name, encoded) -> {
			String holder = (owner != null) ? owner : name;
			String substitute = (holder != null) ? this.substitutes.get(holder) : null;
			if (substitute != null) {
				return encoded ? java.net.URLEncoder.encode(substitute, java.nio.charset.StandardCharsets.UTF_8)
						: substitute;
			}
			todo.add(where + ((holder != null) ? " " + holder : "") + ": sent as " + ScrubbedValues.MARKER);
			return encoded ? "%5BSCRUBBED%5D" : ScrubbedValues.MARKER;
		});
	}

	private ResponseCheck responseCheck(TraceResponse response) {
		TraceBody body = response.body();
		if (body == null || (body.encoding() == TraceBody.Encoding.TEXT && body.size() == 0)) {
			return new ResponseCheck(false, "", "", List.of(), List.of(), null);
		}
		if (body.encoding() != TraceBody.Encoding.TEXT || body.content() == null) {
			String reason = switch (body.encoding()) {
				case ATTACHMENT -> "the body (" + body.size() + " bytes) was stored apart: it is not compared";
				case BASE64 -> "the body is binary: it is not compared";
				default -> "the body (" + body.size() + " bytes, binary or compressed) was not recorded";
			};
			return new ResponseCheck(false, " (" + reason + ")", null, List.of(), List.of(), reason);
		}
		if (body.truncated()) {
			String reason = "the body was cut at " + body.capturedSize() + " of " + body.size()
					+ " bytes when recorded: it is not compared";
			return new ResponseCheck(false, " (" + reason + ")", null, List.of(), List.of(), reason);
		}
		String content = body.content();
		String mime = ContentTypes.mimeType(body.contentType());
		if (mime.endsWith("/json") || mime.endsWith("+json")) {
			try {
				JsonNode tree = JSON.readTree(content);
				List<String> scrubbed = new ArrayList<>();
				scrubbedPaths(tree, "$", scrubbed);
				Set<String> ignored = new LinkedHashSet<>(this.ignorePaths);
				ignored.addAll(scrubbed);
				String description = " and the same JSON body (compared leniently"
						+ (ignored.isEmpty() ? ")" : ", without " + String.join(", ", ignored) + ")");
				return new ResponseCheck(true, comment(description), content, List.copyOf(ignored), scrubbed, null);
			}
			catch (JacksonException ex) {
				// not JSON after all: compared as text below
			}
		}
		if (ScrubbedValues.contains(content)) {
			String reason = "the body holds values scrubbed when recorded: it is not compared";
			return new ResponseCheck(false, " (" + reason + ")", null, List.of(), List.of(), reason);
		}
		return new ResponseCheck(false, " and the same body", content, List.of(), List.of(), null);
	}

	private static void scrubbedPaths(JsonNode node, String path, List<String> paths) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				scrubbedPaths(property.getValue(), path + "['" + property.getKey().replace("\\", "\\\\").replace("'", "\\'")
						+ "']", paths);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				scrubbedPaths(node.get(i), path + "[" + i + "]", paths);
			}
		}
		else if (node.isString() && ScrubbedValues.contains(node.asString())) {
			paths.add(path);
		}
	}

	private static String pathAndQuery(TraceRequest request) {
		return request.path() + ((request.query() != null && !request.query().isEmpty()) ? "?" + request.query() : "");
	}

	/**
	 * A Java string literal: escapes everything javac would read differently, non-ASCII
	 * included (so the file compiles in any encoding), and splits long text at line breaks.
	 */
	static String literal(String text) {
		StringBuilder literal = new StringBuilder(text.length() + 16).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> literal.append("\\\"");
				case '\\' -> literal.append("\\\\");
				case '\n' -> literal.append((i < text.length() - 1) ? "\\n\"\n\t\t\t\t+ \"" : "\\n");
				case '\r' -> literal.append("\\r");
				case '\t' -> literal.append("\\t");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						literal.append(String.format("\\u%04x", (int) c));
					}
					else {
						literal.append(c);
					}
				}
			}
		}
		return literal.append('"').toString();
	}

	/**
	 * Text safe in a comment: no line break, no end of comment, no backslash that javac would
	 * read as a unicode escape, ASCII only.
	 */
	static String comment(String text) {
		StringBuilder safe = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				safe.append("\\\\");
			}
			else if (c == '/' && i > 0 && text.charAt(i - 1) == '*') {
				safe.append(" /");
			}
			else {
				safe.append((c < 0x20 || c > 0x7e) ? '?' : c);
			}
		}
		return safe.toString();
	}

	/**
	 * What the test checks of the response.
	 *
	 * @param json whether the body is compared as JSON
	 * @param description the end of the Javadoc sentence that says what is checked
	 * @param expected the expected body, or {@code null} when the body is not compared
	 * @param ignoredPaths the JSON paths left out
	 * @param scrubbedPaths those of them that were scrubbed when recorded
	 * @param reason why the body is not compared, when it is not
	 */
	private record ResponseCheck(boolean json, String description, @Nullable String expected, List<String> ignoredPaths,
			List<String> scrubbedPaths, @Nullable String reason) {

	}

}
