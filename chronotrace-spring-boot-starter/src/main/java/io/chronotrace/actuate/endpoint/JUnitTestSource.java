package io.chronotrace.actuate.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceOrigins;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.replay.ResentHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.chronotrace.actuate.endpoint.JavaText.call;
import static io.chronotrace.actuate.endpoint.JavaText.declareString;
import static io.chronotrace.actuate.endpoint.JavaText.lineComment;
import static io.chronotrace.actuate.endpoint.JavaText.literal;

/**
 * Writes the Java source of a JUnit 5 test that sends a recorded request again to the
 * application through MockMvc ({@code @SpringBootTest} on a random port, for the calls the
 * application makes to itself, with {@code @AutoConfigureMockMvc}) and checks that it answers as recorded: the same status, and the same body (JSON compared
 * leniently with JSONAssert, without the volatile paths of
 * {@code chronotrace.replay.ignore-paths}, the values that were scrubbed when recorded and the
 * time of Spring Boot's error bodies; other text compared exactly; an empty body as empty).
 * <p>
 * The tests hold together in the application's own build: each class is named after the
 * whole trace id; each runs in a transaction that is rolled back when the application has a
 * transaction manager (the source says why not otherwise); recording is off while they run;
 * an exception or an error sent without a body goes to the error page, as the servlet
 * container sent it when recorded; the source is laid out as {@code spring-javaformat} lays
 * it out. Scrubbed request values are replaced by {@code chronotrace.replay.substitutes}
 * when configured; otherwise the source says where to put a test value.
 */
public final class JUnitTestSource {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonMapper INDENTED = JsonMapper.builder()
		.enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
		.build();

	/**
	 * The properties of an isolated test: ChronoTrace on with its traces in memory, and what
	 * would reach the database at startup off.
	 */
	private static final List<String> ISOLATED_PROPERTIES = List.of("chronotrace.enabled=true",
			"chronotrace.storage=memory", "spring.sql.init.mode=never", "spring.flyway.enabled=false",
			"spring.liquibase.enabled=false", "spring.jpa.hibernate.ddl-auto=none");

	private static final Set<String> METHOD_CONSTANTS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
			"OPTIONS", "TRACE");

	private static final String INDENT = "\t\t";

	private static final String HEX = "0123456789ABCDEF";

	/** Spring Boot's default error page: the time it was rendered. */
	private static final String WHITELABEL_TIME = "<div id='created'>";

	private static final String WITHOUT_PATHS = """
				private static String withoutPaths(String json, List<String> paths) {
					DocumentContext document = JsonPath
						.using(Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS))
						.parse(json);
					for (String path : paths) {
						document.delete(path);
					}
					return document.jsonString();
				}
			""";

	private final List<String> ignorePaths;

	private final Map<String, String> substitutes;

	private final Supplier<Application> application;

	/**
	 * Creates the writer.
	 * @param ignorePaths JSON paths left out of the body comparison
	 * @param substitutes values sent in place of scrubbed ones, by header or field name
	 * @param application what the tests need to know of the recording application, asked
	 * for each test
	 */
	public JUnitTestSource(List<String> ignorePaths, Map<String, String> substitutes,
			Supplier<Application> application) {
		this.ignorePaths = List.copyOf(ignorePaths);
		Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		byName.putAll(substitutes);
		this.substitutes = byName;
		this.application = application;
	}

	/**
	 * The name of the test class for a trace: {@code ChronoTrace}, the trace id's 32 hex
	 * digits and {@code Test}, unique per trace (the id's first digits are its time).
	 * @param trace the trace
	 * @return the class name
	 */
	public static String className(Trace trace) {
		return className(trace, false);
	}

	/**
	 * The name of the test class for a trace: {@code ChronoTrace}, the trace id's 32 hex digits
	 * and {@code Test}, or {@code IsolatedTest} for the test that answers the request's SQL and
	 * outbound calls from the recording, unique per trace.
	 * @param trace the trace
	 * @param isolated whether the test is isolated
	 * @return the class name
	 */
	public static String className(Trace trace, boolean isolated) {
		return "ChronoTrace" + trace.id().toString().replace("-", "") + (isolated ? "IsolatedTest" : "Test");
	}

	/**
	 * Writes the test.
	 * @param trace the recorded trace
	 * @return the Java source
	 */
	public String write(Trace trace) {
		return write(trace, false);
	}

	/**
	 * Writes the test, or the isolated test: the recording embedded in the source, the
	 * request's SQL statements and outbound HTTP calls answered from it
	 * ({@link io.chronotrace.replay.IsolatedReplay}), so that it runs with no database and no
	 * remote service, and fails on any statement or call the recording does not hold.
	 * @param trace the recorded trace
	 * @param isolated whether SQL and outbound calls are answered from the recording
	 * @return the Java source
	 */
	public String write(Trace trace, boolean isolated) {
		Application application = this.application.get();
		boolean transactional = application.transactional() && !isolated;
		TraceRequest request = trace.request();
		TraceResponse response = trace.response();
		Imports imports = new Imports();
		List<String> todo = new ArrayList<>();
		ResponseCheck check = responseCheck(response);
		StringBuilder test = new StringBuilder(4096);
		if (isolated) {
			test.append(INDENT).append("this.replay = IsolatedReplay.open(this.context, recording());\n");
		}
		sendRequest(request, application, test, imports, todo);
		// a label only, for when the application records while tests run: never a privilege
		lineComment(test, INDENT, "marks this request's trace, when recorded, as a run of this test");
		call(test, INDENT, "request.header",
				List.of(literal(TraceOrigins.GENERATED_TEST_HEADER), literal(trace.id().toString())));
		if (isolated) {
			test.append(INDENT).append("request.header(this.replay.header(), this.replay.token());\n");
		}
		test.append(INDENT).append("MockHttpServletResponse response = perform(request);\n");
		if (isolated) {
			lineComment(test, INDENT, "every SQL statement and outbound call was answered from the recording");
			test.append(INDENT).append("assertThat(this.replay.nearMisses()).isEmpty();\n");
		}
		test.append(INDENT).append("assertThat(response.getStatus()).isEqualTo(").append(response.status())
			.append(");\n");
		checkBody(check, test, imports);

		StringBuilder source = new StringBuilder(test.length() + 8192);
		String packageName = application.packageName();
		if (!packageName.isEmpty()) {
			source.append("package ").append(packageName).append(";\n\n");
		}
		imports.add("org.junit.jupiter.api.Test", "org.springframework.beans.factory.annotation.Autowired",
				"org.springframework.beans.factory.annotation.Value",
				"org.springframework.boot.test.context.SpringBootTest",
				"org.springframework.boot.test.context.SpringBootTest.WebEnvironment",
				"org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc",
				"org.springframework.test.web.servlet.MockMvc", "static org.assertj.core.api.Assertions.assertThat");
		imports.add(ServletContainerDispatch.IMPORTS);
		if (transactional) {
			imports.add("org.springframework.transaction.annotation.Transactional");
		}
		if (isolated) {
			imports.add("io.chronotrace.replay.IsolatedReplay", "org.junit.jupiter.api.AfterEach",
					"org.springframework.context.ApplicationContext");
		}
		imports.write(source);
		notes(todo, source);
		JavaText.javadoc(source, "", isolated ? isolatedJavadoc(trace, check) : javadoc(trace, check, application));
		springBootTest(application, source, isolated);
		source.append("@AutoConfigureMockMvc\n");
		if (transactional) {
			source.append("@Transactional\n");
		}
		source.append("class ").append(className(trace, isolated)).append(" {\n\n");
		source.append("\t@Autowired\n\tprivate MockMvc mvc;\n\n");
		if (isolated) {
			source.append("\t@Autowired\n\tprivate ApplicationContext context;\n\n");
			source.append("\tprivate IsolatedReplay replay;\n\n");
		}
		source.append("\t@Value(\"${server.error.path:/error}\")\n\tprivate String errorPath;\n\n");
		if (isolated) {
			source.append("\t@AfterEach\n\tvoid closeReplay() {\n\t\tthis.replay.close();\n\t}\n\n");
		}
		source.append("\t@Test\n\tvoid answersAsRecorded() throws Exception {\n");
		source.append(test);
		source.append("\t}\n\n");
		source.append(ServletContainerDispatch.SOURCE);
		if (isolated) {
			source.append('\n');
			JavaText.javadoc(source, "\t",
					List.of("The recorded trace, as stored (scrubbed), that answers the request's SQL and calls."));
			source.append("\tprivate static String recording() {\n");
			JavaText.declareString(source, INDENT, "recording", recording(trace));
			source.append(INDENT).append("return recording;\n\t}\n");
		}
		if (check.kind() == ResponseCheck.Kind.JSON && !check.ignoredPaths().isEmpty()) {
			source.append('\n').append(WITHOUT_PATHS);
		}
		source.append("\n}\n");
		return source.toString();
	}

	private void sendRequest(TraceRequest request, Application application, StringBuilder test, Imports imports,
			List<String> todo) {
		String method = request.method().toUpperCase(Locale.ROOT);
		String url = uri(substituted(request.url(), null, "query parameter", todo));
		declareString(test, INDENT, "url", url);
		String methodExpression = "HttpMethod." + method;
		if (!METHOD_CONSTANTS.contains(method)) {
			declareString(test, INDENT, "method", method);
			methodExpression = "HttpMethod.valueOf(method)";
		}
		test.append(INDENT)
			.append("MockHttpServletRequestBuilder request = request(")
			.append(methodExpression)
			.append(", URI.create(url));\n");
		String contextPath = application.contextPath();
		if (!contextPath.isEmpty() && request.path().startsWith(contextPath + "/")) {
			call(test, INDENT, "request.contextPath", List.of(literal(contextPath)));
		}
		headers(request, test, todo);
		requestBody(request.body(), test, imports, todo);
	}

	private void headers(TraceRequest request, StringBuilder test, List<String> todo) {
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
						lineComment(test, INDENT, "request.header(" + literal(name) + ", \"...\") scrubbed when recorded");
						continue;
					}
					value = substitute;
				}
				call(test, INDENT, "request.header", List.of(literal(name), literal(value)));
			}
		}
	}

	private void requestBody(@Nullable TraceBody body, StringBuilder test, Imports imports, List<String> todo) {
		if (body == null) {
			return;
		}
		switch (body.encoding()) {
			case TEXT -> {
				if (body.truncated()) {
					todo.add("the request body was cut at " + body.capturedSize() + " of " + body.size()
							+ " bytes when recorded");
				}
				declareString(test, INDENT, "content",
						substituted(String.valueOf(body.content()), null, "request body field", todo));
				String charset = charset(body.charset(), "contentCharset", test, imports);
				test.append(INDENT).append("request.content(")
					.append(charset.equals("StandardCharsets.UTF_8") ? "content" : "content.getBytes(" + charset + ")")
					.append(");\n");
			}
			case BASE64 -> {
				imports.add("java.util.Base64");
				declareString(test, INDENT, "content", String.valueOf(body.content()));
				test.append(INDENT).append("request.content(Base64.getDecoder().decode(content));\n");
			}
			case ATTACHMENT -> {
				todo.add("the request body was stored apart as attachment " + body.attachment()
						+ "; download it from the chronotrace endpoint and send it here");
				lineComment(test, INDENT, "request.content(...): the body (" + body.size()
						+ " bytes) is attachment " + body.attachment());
			}
			case OMITTED -> lineComment(test, INDENT,
					"the body (" + body.size() + " bytes, binary or compressed) was not recorded");
		}
	}

	private void checkBody(ResponseCheck check, StringBuilder test, Imports imports) {
		switch (check.kind()) {
			case EMPTY -> test.append(INDENT).append("assertThat(response.getContentAsByteArray()).isEmpty();\n");
			case NOT_COMPARED -> lineComment(test, INDENT, String.valueOf(check.reason()));
			case TEXT, JSON -> {
				String charset = charset(check.charset(), "bodyCharset", test, imports);
				test.append(INDENT).append("String body = response.getContentAsString(").append(charset).append(");\n");
				declareString(test, INDENT, "expected", String.valueOf(check.expected()));
				if (check.kind() == ResponseCheck.Kind.TEXT) {
					textAssertion(check, test);
				}
				else {
					jsonAssertion(check, test, imports);
				}
			}
		}
	}

	private static void textAssertion(ResponseCheck check, StringBuilder test) {
		if (String.valueOf(check.expected()).contains(WHITELABEL_TIME)) {
			test.append(INDENT).append("// Spring Boot's default error page shows when it was rendered: left out\n");
			test.append(INDENT).append("String created = \"<div id='created'>[^<]*</div>\";\n");
			test.append(INDENT)
				.append("assertThat(body.replaceAll(created, \"\")).isEqualTo(expected.replaceAll(created, \"\"));\n");
		}
		else {
			test.append(INDENT).append("assertThat(body).isEqualTo(expected);\n");
		}
	}

	private static void jsonAssertion(ResponseCheck check, StringBuilder test, Imports imports) {
		imports.add("org.skyscreamer.jsonassert.JSONAssert", "org.skyscreamer.jsonassert.JSONCompareMode");
		if (check.ignoredPaths().isEmpty()) {
			test.append(INDENT).append("JSONAssert.assertEquals(expected, body, JSONCompareMode.LENIENT);\n");
			return;
		}
		imports.add("java.util.ArrayList", "java.util.List", "com.jayway.jsonpath.Configuration",
				"com.jayway.jsonpath.DocumentContext", "com.jayway.jsonpath.JsonPath", "com.jayway.jsonpath.Option");
		lineComment(test, INDENT, "left out: values that change on every call"
				+ (check.scrubbedPaths().isEmpty() ? "" : " or were scrubbed when recorded"));
		test.append(INDENT).append("List<String> ignored = new ArrayList<>();\n");
		for (String path : check.ignoredPaths()) {
			call(test, INDENT, "ignored.add", List.of(literal(path)));
		}
		test.append(INDENT)
			.append("JSONAssert.assertEquals(withoutPaths(expected, ignored), withoutPaths(body, ignored), "
					+ "JSONCompareMode.LENIENT);\n");
	}

	/**
	 * An expression for a charset: a {@code StandardCharsets} constant, or one looked up by a
	 * name declared before.
	 */
	private static String charset(@Nullable String name, String variable, StringBuilder test, Imports imports) {
		String upper = (name != null) ? name.toUpperCase(Locale.ROOT) : "UTF-8";
		String constant = switch (upper) {
			case "UTF-8", "UTF8" -> "UTF_8";
			case "ISO-8859-1", "ISO8859_1", "LATIN1" -> "ISO_8859_1";
			case "US-ASCII", "ASCII" -> "US_ASCII";
			case "UTF-16" -> "UTF_16";
			case "UTF-16BE" -> "UTF_16BE";
			case "UTF-16LE" -> "UTF_16LE";
			default -> null;
		};
		if (constant != null) {
			imports.add("java.nio.charset.StandardCharsets");
			return "StandardCharsets." + constant;
		}
		imports.add("java.nio.charset.Charset");
		declareString(test, INDENT, variable, String.valueOf(name));
		return "Charset.forName(" + variable + ")";
	}

	private static void notes(List<String> todo, StringBuilder source) {
		if (todo.isEmpty()) {
			return;
		}
		lineComment(source, "", "Values scrubbed when the request was recorded are not sent as they were:");
		for (String note : new LinkedHashSet<>(todo)) {
			lineComment(source, "", "- " + note);
		}
		lineComment(source, "",
				"Set chronotrace.replay.substitutes in the recording application, or edit the values below.");
	}

	private static List<String> javadoc(Trace trace, ResponseCheck check, Application application) {
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add("Repeats the request of trace " + trace.id() + ", recorded at " + trace.startTime()
				+ ", and checks that the application answers as it did then: status " + trace.response().status()
				+ check.description() + ".");
		if (application.transactional()) {
			paragraphs.add("The test runs in a transaction that is rolled back at its end, so what the request "
					+ "writes to the database is not seen by other tests. What the application writes on other "
					+ "threads, in transactions of their own (REQUIRES_NEW) or in calls to itself over HTTP is "
					+ "committed.");
		}
		else if (application.transactionManagers().isEmpty()) {
			paragraphs.add("The application has no transaction manager, so the test cannot roll back what the "
					+ "request writes: other tests that read the same data may see it.");
		}
		else {
			paragraphs.add("The application has several transaction managers ("
					+ String.join(", ", application.transactionManagers()) + ") and none is primary, so the test "
					+ "cannot tell which one to roll back: annotate the class as Transactional, naming the one "
					+ "the request writes with, so that other tests do not see what it writes.");
		}
		paragraphs.add("The application is started on a random port, as a server, for the calls it makes to "
				+ "itself; the request is sent through MockMvc, in the test's own thread.");
		return paragraphs;
	}

	/**
	 * The recorded trace as the isolated test embeds it: its JSON, indented, so that it reads as
	 * lines of a text block. Bodies are strings in it: indenting a body kept as a JSON value
	 * would re-spell it, and the replay answers outbound calls with the bodies as recorded.
	 */
	private static String recording(Trace trace) {
		JsonNode tree = JSON.readTree(TraceCodec.get().toBytesWithBodiesAsText(trace));
		return INDENTED.writeValueAsString(tree) + "\n";
	}

	private static List<String> isolatedJavadoc(Trace trace, ResponseCheck check) {
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add("Repeats the request of trace " + trace.id() + ", recorded at " + trace.startTime()
				+ ", with its SQL statements and outbound HTTP calls answered from the recording below, and checks "
				+ "that the application answers as it did then: status " + trace.response().status()
				+ check.description() + ", and every statement and call as recorded.");
		paragraphs.add("It needs no database and no remote service: the application's data sources answer the "
				+ "request from the recording and reach no database, nothing is written, and what starts with "
				+ "the application (schema scripts, migrations) is switched off. It fails on a statement or call "
				+ "the recording does not hold, naming the nearest recorded one.");
		paragraphs.add("The application is started on a random port with ChronoTrace on and its traces kept in "
				+ "memory; the request is sent through MockMvc, in the test's own thread.");
		return paragraphs;
	}

	private static void springBootTest(Application application, StringBuilder source, boolean isolated) {
		List<String> attributes = new ArrayList<>();
		String mainClass = application.mainClassName();
		if (mainClass != null) {
			attributes.add("classes = " + mainClass + ".class");
		}
		else {
			source.append("// Put this class in your application's package: SpringBootTest finds the application\n");
			source.append("// from there.\n");
		}
		attributes.add("webEnvironment = WebEnvironment.RANDOM_PORT");
		if (isolated) {
			attributes.add("properties = { " + String.join(", ", ISOLATED_PROPERTIES.stream().map(JavaText::literal)
				.toList()) + " }");
		}
		else {
			attributes.add("properties = \"chronotrace.enabled=false\"");
		}
		String properties = attributes.get(attributes.size() - 1);
		String line = "@SpringBootTest(" + String.join(", ", attributes) + ")";
		if (JavaText.width(line) <= JavaText.LINE_WIDTH) {
			source.append(line).append('\n');
			return;
		}
		// wrapped as the formatter wraps an annotation's attributes: where the line is full,
		// the first one too
		StringBuilder wrapped = new StringBuilder("@SpringBootTest(");
		int column = wrapped.length();
		for (int i = 0; i < attributes.size(); i++) {
			String attribute = attributes.get(i) + ((i < attributes.size() - 1) ? "," : ")");
			int separator = (i > 0) ? 1 : 0;
			if (column > 8 && column + separator + attribute.length() > JavaText.LINE_WIDTH) {
				wrapped.append("\n\t\t");
				column = 8;
			}
			else if (i > 0) {
				wrapped.append(' ');
				column++;
			}
			if (isolated && attribute.startsWith(properties) && column + attribute.length() > JavaText.LINE_WIDTH) {
				column = arrayFilled(wrapped, column);
				continue;
			}
			wrapped.append(attribute);
			column += attribute.length();
		}
		source.append(wrapped).append('\n');
	}

	/**
	 * The isolated test's properties, wrapped as the formatter wraps an array too long for its
	 * line: elements fill each line, the next lines two tabs deeper than the attribute's.
	 */
	private static int arrayFilled(StringBuilder wrapped, int column) {
		int lineStart = column;
		wrapped.append("properties = { ");
		column += "properties = { ".length();
		for (int i = 0; i < ISOLATED_PROPERTIES.size(); i++) {
			boolean last = i == ISOLATED_PROPERTIES.size() - 1;
			String element = JavaText.literal(ISOLATED_PROPERTIES.get(i)) + (last ? " })" : ",");
			if (i > 0) {
				if (column + 1 + element.length() > JavaText.LINE_WIDTH) {
					wrapped.append('\n').append("\t".repeat(lineStart / 4 + 2));
					column = lineStart + 8;
				}
				else {
					wrapped.append(' ');
					column++;
				}
			}
			wrapped.append(element);
			column += element.length();
		}
		return column;
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

	/**
	 * The recorded URL as {@code URI.create} takes it: characters a URI does not allow (that a
	 * lenient server accepted) are percent-encoded.
	 */
	private static String uri(String url) {
		try {
			new URI(url);
			return url;
		}
		catch (URISyntaxException ex) {
			byte[] bytes = url.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			StringBuilder encoded = new StringBuilder(bytes.length + 16);
			for (int i = 0; i < bytes.length; i++) {
				int c = bytes[i] & 0xff;
				boolean escape = (c == '%') ? !(isHex(bytes, i + 1) && isHex(bytes, i + 2))
						: c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0;
				if (escape) {
					encoded.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
				}
				else {
					encoded.append((char) c);
				}
			}
			return encoded.toString();
		}
	}

	private static boolean isHex(byte[] bytes, int index) {
		return index < bytes.length && Character.digit(bytes[index], 16) >= 0;
	}

	private ResponseCheck responseCheck(TraceResponse response) {
		TraceBody body = response.body();
		if (body == null || body.size() == 0) {
			return ResponseCheck.empty();
		}
		if (body.encoding() != TraceBody.Encoding.TEXT || body.content() == null) {
			String reason = switch (body.encoding()) {
				case ATTACHMENT -> "the body (" + body.size() + " bytes) was stored apart as attachment "
						+ body.attachment() + ": it is not compared";
				case BASE64 -> "the body is binary: it is not compared";
				default -> "the body (" + body.size() + " bytes, binary or compressed) was not recorded";
			};
			return ResponseCheck.notCompared(reason);
		}
		if (body.truncated()) {
			return ResponseCheck.notCompared("the body was cut at " + body.capturedSize() + " of " + body.size()
					+ " bytes when recorded: it is not compared");
		}
		String content = body.content();
		String mime = ContentTypes.mimeType(body.contentType());
		if (mime.endsWith("/json") || mime.endsWith("+json")) {
			try {
				JsonNode tree = JSON.readTree(content);
				List<String> scrubbed = new ArrayList<>();
				scrubbedPaths(tree, "$", scrubbed);
				Set<String> ignored = new LinkedHashSet<>(this.ignorePaths);
				if (response.status() >= 400 && isTime(tree.get("timestamp"))) {
					// Spring Boot's error body: the time it was written
					ignored.add("$.timestamp");
				}
				ignored.addAll(scrubbed);
				return new ResponseCheck(ResponseCheck.Kind.JSON, content, body.charset(), List.copyOf(ignored),
						scrubbed, null);
			}
			catch (JacksonException ex) {
				// not JSON after all: compared as text below
			}
		}
		if (ScrubbedValues.contains(content)) {
			return ResponseCheck.notCompared("the body holds values scrubbed when recorded: it is not compared");
		}
		return new ResponseCheck(ResponseCheck.Kind.TEXT, content, body.charset(), List.of(), List.of(), null);
	}

	private static boolean isTime(@Nullable JsonNode value) {
		if (value == null) {
			return false;
		}
		if (value.isNumber()) {
			return true;
		}
		if (!value.isString()) {
			return false;
		}
		try {
			OffsetDateTime.parse(value.asString());
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private static void scrubbedPaths(JsonNode node, String path, List<String> paths) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				scrubbedPaths(property.getValue(),
						path + "['" + property.getKey().replace("\\", "\\\\").replace("'", "\\'") + "']", paths);
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

	/**
	 * What the recording application tells the tests.
	 *
	 * @param mainClass its {@code @SpringBootApplication} class (or other
	 * {@code @SpringBootConfiguration}), that the test starts; {@code null} when unknown
	 * @param transactionManagers the names of its transaction manager beans
	 * @param defaultTransactionManager the one a {@code @Transactional} test rolls back (the
	 * only one, the primary one or the one named {@code transactionManager}), {@code null}
	 * when none or when it is ambiguous
	 * @param contextPath its servlet context path, empty for none
	 */
	public record Application(@Nullable Class<?> mainClass, List<String> transactionManagers,
			@Nullable String defaultTransactionManager, String contextPath) {

		public Application {
			transactionManagers = List.copyOf(transactionManagers);
			contextPath = (contextPath.equals("/")) ? "" : contextPath;
		}

		/**
		 * An application that nothing is known of.
		 * @return the application
		 */
		public static Application unknown() {
			return new Application(null, List.of(), null, "");
		}

		boolean transactional() {
			return this.defaultTransactionManager != null;
		}

		String packageName() {
			return (this.mainClass != null) ? this.mainClass.getPackageName() : "";
		}

		/** The main class's name as the test, in its package, writes it. */
		@Nullable String mainClassName() {
			if (this.mainClass == null || this.mainClass.getCanonicalName() == null) {
				return null;
			}
			String name = this.mainClass.getCanonicalName();
			String packageName = this.mainClass.getPackageName();
			return packageName.isEmpty() ? name : name.substring(packageName.length() + 1);
		}

	}

	/**
	 * What the test checks of the response body.
	 *
	 * @param kind how the body is compared
	 * @param expected the expected body, when compared
	 * @param charset the charset the body was decoded with when recorded
	 * @param ignoredPaths the JSON paths left out
	 * @param scrubbedPaths those of them that were scrubbed when recorded
	 * @param reason why the body is not compared, when it is not
	 */
	private record ResponseCheck(Kind kind, @Nullable String expected, @Nullable String charset,
			List<String> ignoredPaths, List<String> scrubbedPaths, @Nullable String reason) {

		static ResponseCheck empty() {
			return new ResponseCheck(Kind.EMPTY, null, null, List.of(), List.of(), null);
		}

		static ResponseCheck notCompared(String reason) {
			return new ResponseCheck(Kind.NOT_COMPARED, null, null, List.of(), List.of(), reason);
		}

		/** The end of the Javadoc sentence that says what is checked. */
		String description() {
			return switch (this.kind) {
				case EMPTY -> " and no body";
				case NOT_COMPARED -> " (the body is not compared)";
				case TEXT -> " and the same body";
				case JSON -> " and the same JSON body, compared leniently (extra fields and the order of arrays "
						+ "do not matter)";
			};
		}

		enum Kind {

			EMPTY, NOT_COMPARED, TEXT, JSON

		}

	}

}
