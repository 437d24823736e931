package io.chronotrace.web.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.chronotrace.core.support.ContentTypes;
import jakarta.servlet.http.Part;

/**
 * Request bodies that the container parsed from its own input, so that they never passed
 * through the recording stream, recorded from what the container parsed.
 * <ul>
 * <li>A form post ({@code application/x-www-form-urlencoded}) is recorded as the form encoding of
 * its parameters less those of the query string.</li>
 * <li>A multipart request is recorded as a JSON summary (content type {@code application/json},
 * so that it is scrubbed as JSON): the text fields, and the name, file name, content type and
 * size of each file part, never the file content:
 * <pre>{"fields":{"title":["Hello"]},
 *  "files":[{"name":"file","filename":"a.png","contentType":"image/png","size":1234}]}</pre></li>
 * </ul>
 * Either goes through the same capture as a streamed body (scrubbing, capture limit), so the
 * recorded body's {@code size} is that of the reconstruction or summary; the request's
 * {@code Content-Length} header keeps the size on the wire.
 */
final class ParsedRequestBodies {

	/** The content type of a multipart summary. */
	static final String MULTIPART_SUMMARY_CONTENT_TYPE = "application/json";

	private ParsedRequestBodies() {
	}

	/**
	 * The form body of a form post.
	 * @param parameters the request's parameters, query string parameters included
	 * @param queryString the query string, whose parameters are left out
	 * @param charset the charset of the form
	 * @return the body, form-encoded
	 */
	static byte[] formBody(Map<String, String[]> parameters, @Nullable String queryString, Charset charset) {
		StringBuilder body = new StringBuilder();
		bodyParameters(parameters, queryString).forEach((name, values) -> {
			for (String value : values) {
				if (body.length() > 0) {
					body.append('&');
				}
				body.append(URLEncoder.encode(name, charset)).append('=').append(URLEncoder.encode(value, charset));
			}
		});
		return body.toString().getBytes(charset);
	}

	/**
	 * The parameters that came from the body: the container merges those of the query string
	 * into the same map, so each of their values is taken out once.
	 */
	private static Map<String, List<String>> bodyParameters(Map<String, String[]> parameters,
			@Nullable String queryString) {
		Map<String, List<String>> fromQuery = queryParameters(queryString);
		Map<String, List<String>> fromBody = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			List<String> remaining = new ArrayList<>(Arrays.asList(values));
			fromQuery.getOrDefault(name, List.of()).forEach(remaining::remove);
			if (!remaining.isEmpty()) {
				fromBody.put(name, remaining);
			}
		});
		return fromBody;
	}

	private static Map<String, List<String>> queryParameters(@Nullable String queryString) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (queryString == null || queryString.isEmpty()) {
			return parameters;
		}
		for (String pair : queryString.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static String decode(String encoded) {
		try {
			return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return encoded;
		}
	}

	/**
	 * The JSON summary of the parts of a multipart request.
	 * @param parts the parts
	 * @param charset the charset of text fields that name none
	 * @param maxFieldBytes the most bytes read of a text field
	 * @return the summary, UTF-8 JSON
	 * @throws IOException when a field cannot be read
	 */
	static byte[] multipartSummary(Collection<Part> parts, Charset charset, int maxFieldBytes) throws IOException {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		List<Map<String, Object>> files = new ArrayList<>();
		for (Part part : parts) {
			String filename = part.getSubmittedFileName();
			if (filename == null) {
				fields.computeIfAbsent(part.getName(), (name) -> new ArrayList<>())
					.add(fieldValue(part, charset, maxFieldBytes));
			}
			else {
				Map<String, Object> file = new LinkedHashMap<>();
				file.put("name", part.getName());
				file.put("filename", filename);
				file.put("contentType", part.getContentType());
				file.put("size", part.getSize());
				files.add(file);
			}
		}
		return summary(fields, files);
	}

	/**
	 * The JSON summary of a multipart request whose parts were not read, only its parameters.
	 * @param parameters the request's parameters
	 * @param queryString the query string, whose parameters are left out
	 * @return the summary, UTF-8 JSON
	 */
	static byte[] multipartFieldsSummary(Map<String, String[]> parameters, @Nullable String queryString) {
		return summary(bodyParameters(parameters, queryString), List.of());
	}

	private static byte[] summary(Map<String, List<String>> fields, List<Map<String, Object>> files) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("fields", fields);
		summary.put("files", files);
		return JsonMapper.shared().writeValueAsBytes(summary);
	}

	private static String fieldValue(Part part, Charset charset, int maxFieldBytes) throws IOException {
		Charset declared = ContentTypes.charset(part.getContentType());
		try (InputStream in = part.getInputStream()) {
			return new String(in.readNBytes(maxFieldBytes), (declared != null) ? declared : charset);
		}
	}

}
