package io.chronotrace.replay.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a recorded response with its replay: the status, the headers ({@link HeaderDiff})
 * and the body, structurally when both are JSON ({@link JsonDiff}), else line by line
 * ({@link TextDiff}).
 */
public final class ResponseDiff {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final HeaderDiff headers;

	private final JsonDiff json;

	private final TextDiff text = new TextDiff();

	/**
	 * Creates a comparison.
	 * @param ignoreHeaders headers not compared, beyond those that always change
	 * @param ignorePaths JSON paths of bodies not compared
	 */
	public ResponseDiff(Collection<String> ignoreHeaders, Collection<String> ignorePaths) {
		this.headers = new HeaderDiff(ignoreHeaders);
		this.json = new JsonDiff(ignorePaths);
	}

	/**
	 * Compares two responses.
	 * @param original the recorded response
	 * @param replay the replayed response
	 * @return the differences: status first, then headers, then body (unless one of the bodies
	 * is unknown)
	 */
	public List<Difference> compare(Response original, Response replay) {
		List<Difference> differences = new ArrayList<>();
		if (original.status() != replay.status()) {
			differences.add(new Difference(Difference.STATUS, null, Integer.toString(original.status()),
					Integer.toString(replay.status())));
		}
		differences.addAll(this.headers.compare(original.headers(), replay.headers()));
		differences.addAll(compareBodies(original, replay));
		return differences;
	}

	private List<Difference> compareBodies(Response original, Response replay) {
		String before = original.body();
		String after = replay.body();
		if (before == null || after == null || before.equals(after)) {
			return List.of();
		}
		JsonNode beforeJson = json(original.contentType(), before);
		JsonNode afterJson = json(replay.contentType(), after);
		if (beforeJson != null && afterJson != null) {
			return this.json.compare(beforeJson, afterJson);
		}
		return this.text.compare(before, after);
	}

	/** The body as JSON when its type says JSON or it looks like a JSON object or array. */
	private static @Nullable JsonNode json(@Nullable String contentType, String body) {
		String trimmed = body.strip();
		boolean declared = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
		boolean looksLike = trimmed.startsWith("{") || trimmed.startsWith("[");
		if (trimmed.isEmpty() || !(declared || looksLike)) {
			return null;
		}
		try {
			return mapper.readTree(trimmed);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * A response as compared.
	 * @param status the status
	 * @param headers the headers
	 * @param contentType the content type, if any
	 * @param body the body as text ({@code ""} when there is none), {@code null} when it cannot be
	 * compared: not text, or not captured whole
	 */
	public record Response(int status, Map<String, List<String>> headers, @Nullable String contentType,
			@Nullable String body) {
	}

}
