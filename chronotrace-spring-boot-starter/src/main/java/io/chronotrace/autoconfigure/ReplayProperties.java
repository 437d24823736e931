package io.chronotrace.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How recorded requests are sent again, under {@code chronotrace.replay.*}: by the replay
 * operation of the {@code chronotrace} endpoint and by the JUnit tests it generates.
 */
@ConfigurationProperties("chronotrace.replay")
public class ReplayProperties {

	/** Base URL replays are sent to, such as http://localhost:8080. Default: this application. */
	private @Nullable URI target;

	/** Response headers left out of replay comparisons, besides Date, X-ChronoTrace-Id and Content-Length. */
	private List<String> ignoreHeaders = new ArrayList<>();

	/** JSON paths of response body values that change on every call, such as $.timestamp; left out of replay comparisons and of the generated JUnit tests' assertions. */
	private List<String> ignorePaths = new ArrayList<>();

	/** JSON paths of response body arrays whose order is not compared, such as $.errors (lines for the lines of a text body); another order there is noise, not a difference. */
	private List<String> unorderedPaths = new ArrayList<>();

	/** Values sent in place of scrubbed ones, by header, parameter or JSON field name, such as Authorization: Bearer test-token. Used by replay and by the generated JUnit tests. */
	private Map<String, String> substitutes = new LinkedHashMap<>();

	/** Whether replays are recorded as traces of their own, linked to the trace they replayed, whatever the mode; when false, they are not recorded at all. */
	private boolean recorded = true;

	/** How long a replay waits for its answer before it fails. */
	private Duration timeout = Duration.ofSeconds(60);

	/** Request methods that may be replayed; others (POST, PUT, DELETE, ...) are refused, since a replay could order or pay a second time. */
	private List<String> allowedMethods = new ArrayList<>(List.of("GET", "HEAD", "OPTIONS"));

	public @Nullable URI getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable URI target) {
		this.target = target;
	}

	public List<String> getIgnoreHeaders() {
		return this.ignoreHeaders;
	}

	public void setIgnoreHeaders(List<String> ignoreHeaders) {
		this.ignoreHeaders = ignoreHeaders;
	}

	public List<String> getIgnorePaths() {
		return this.ignorePaths;
	}

	public void setIgnorePaths(List<String> ignorePaths) {
		this.ignorePaths = ignorePaths;
	}

	public List<String> getUnorderedPaths() {
		return this.unorderedPaths;
	}

	public void setUnorderedPaths(List<String> unorderedPaths) {
		this.unorderedPaths = unorderedPaths;
	}

	public Map<String, String> getSubstitutes() {
		return this.substitutes;
	}

	public void setSubstitutes(Map<String, String> substitutes) {
		this.substitutes = substitutes;
	}

	public boolean isRecorded() {
		return this.recorded;
	}

	public void setRecorded(boolean recorded) {
		this.recorded = recorded;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public List<String> getAllowedMethods() {
		return this.allowedMethods;
	}

	public void setAllowedMethods(List<String> allowedMethods) {
		this.allowedMethods = allowedMethods;
	}

}
