package io.chronotrace.replay;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.chronotrace.core.scrub.ScrubRules;

/**
 * Puts back what scrubbing took out of a recorded request, so that a replay never sends the
 * marker {@value ScrubRules#MARKER}: a scrubbed value is replaced whole by the substitute
 * configured for its header, parameter or field name (case-insensitive), or, when there is
 * none, left out (the header, the parameter, the JSON member or array element). In text that is
 * neither JSON nor a form, the marker is removed.
 */
final class ScrubbedValueReplacer {

	private static final String ENCODED_MARKER = URLEncoder.encode(ScrubRules.MARKER, StandardCharsets.UTF_8);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<String, String> substitutes;

	/**
	 * @param substitutes the values by name, looked up case-insensitively
	 */
	ScrubbedValueReplacer(Map<String, String> substitutes) {
		this.substitutes = substitutes;
	}

	static boolean isScrubbed(@Nullable String value) {
		return value != null && (value.contains(ScrubRules.MARKER) || value.contains(ENCODED_MARKER));
	}

	/**
	 * The value to send for a named value, or {@code null} to leave it out.
	 */
	@Nullable String value(String name, String value) {
		return isScrubbed(value) ? this.substitutes.get(name) : value;
	}

	/**
	 * A query string or form body with scrubbed parameters substituted or left out.
	 */
	String form(String form) {
		List<String> kept = new ArrayList<>();
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String rawName = (equals >= 0) ? pair.substring(0, equals) : pair;
			String rawValue = (equals >= 0) ? pair.substring(equals + 1) : "";
			if (!isScrubbed(rawValue) && !isScrubbed(rawName)) {
				kept.add(pair);
				continue;
			}
			String name = decode(rawName);
			String substitute = isScrubbed(rawName) ? null : this.substitutes.get(name);
			if (substitute != null) {
				kept.add(rawName + "=" + URLEncoder.encode(substitute, StandardCharsets.UTF_8));
			}
		}
		return String.join("&", kept);
	}

	/**
	 * A JSON document with scrubbed members substituted or left out; the text with the marker
	 * removed when it is not JSON (such as a body cut at the capture limit).
	 */
	String json(String json) {
		if (!isScrubbed(json)) {
			return json;
		}
		JsonNode root;
		try {
			root = mapper.readTree(json);
		}
		catch (JacksonException ex) {
			return text(json);
		}
		if (root.isString()) {
			return text(json);
		}
		replace(root);
		return mapper.writeValueAsString(root);
	}

	/** Plain text with the marker removed. */
	String text(String text) {
		return text.replace(ScrubRules.MARKER, "");
	}

	/**
	 * A body with scrubbed values substituted or left out, as its content type requires.
	 */
	String body(String content, @Nullable String contentType) {
		if (!isScrubbed(content)) {
			return content;
		}
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		if (type.contains("json")) {
			return json(content);
		}
		if (type.startsWith("application/x-www-form-urlencoded")) {
			return form(content);
		}
		return text(content);
	}

	private void replace(JsonNode node) {
		if (node instanceof ObjectNode object) {
			Iterator<Map.Entry<String, JsonNode>> members = object.properties().iterator();
			List<String> removed = new ArrayList<>();
			List<Map.Entry<String, String>> substituted = new ArrayList<>();
			while (members.hasNext()) {
				Map.Entry<String, JsonNode> member = members.next();
				JsonNode value = member.getValue();
				if (value.isString() && isScrubbed(value.asString())) {
					String substitute = this.substitutes.get(member.getKey());
					if (substitute != null) {
						substituted.add(Map.entry(member.getKey(), substitute));
					}
					else {
						removed.add(member.getKey());
					}
				}
				else {
					replace(value);
				}
			}
			removed.forEach(object::remove);
			substituted.forEach((member) -> object.put(member.getKey(), member.getValue()));
		}
		else if (node instanceof ArrayNode array) {
			for (int i = array.size() - 1; i >= 0; i--) {
				JsonNode element = array.get(i);
				if (element.isString() && isScrubbed(element.asString())) {
					array.remove(i);
				}
				else {
					replace(element);
				}
			}
		}
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
