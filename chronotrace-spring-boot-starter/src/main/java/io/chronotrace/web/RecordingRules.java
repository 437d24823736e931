package io.chronotrace.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The rules of the {@code chronotrace.mode} property, for either web stack: record every request
 * ({@link #always always}), a random fraction and every failed one ({@link #sampled sample}),
 * only failed ones ({@link #onError record-on-error}), or those whose path matches a target
 * route ({@link #targeted targeted}). Requests whose path matches an exclude pattern are never
 * recorded. Patterns are Ant-style ({@code /checkout/**}), matched against the path within the
 * application (without the context path); a pattern without a leading slash gets one.
 */
public final class RecordingRules {

	private static final List<String> STATIC_RESOURCES = List.of("/favicon.ico", "/webjars/**", "/static/**",
			"/css/**", "/js/**", "/images/**", "/assets/**");

	private static final List<String> STATIC_EXTENSIONS = List.of("css", "js", "mjs", "map", "png", "jpg", "jpeg",
			"gif", "svg", "ico", "webp", "avif", "woff", "woff2", "ttf", "otf", "eot");

	private final RecordingDecision decision;

	private final double sampleRate;

	private final DoubleSupplier random;

	private final @Nullable PathPatterns targets;

	private final PathPatterns excludes;

	private RecordingRules(RecordingDecision decision, double sampleRate, DoubleSupplier random,
			@Nullable List<String> targets, List<String> excludes) {
		this.decision = decision;
		this.sampleRate = sampleRate;
		this.random = random;
		this.targets = (targets != null) ? new PathPatterns(normalize(targets)) : null;
		this.excludes = new PathPatterns(normalize(excludes));
	}

	/**
	 * Records every request.
	 * @param excludes the patterns of paths never recorded
	 * @return the rules
	 */
	public static RecordingRules always(List<String> excludes) {
		return new RecordingRules(RecordingDecision.RECORD, 1.0, () -> 0.0, null, excludes);
	}

	/**
	 * Records a random fraction of requests, and every failed one.
	 * @param sampleRate the fraction, 0.0 to 1.0
	 * @param excludes the patterns of paths never recorded
	 * @return the rules
	 */
	public static RecordingRules sampled(double sampleRate, List<String> excludes) {
		return sampled(sampleRate, () -> ThreadLocalRandom.current().nextDouble(), excludes);
	}

	/**
	 * Records a fraction of requests chosen by a given source of randomness, and every failed one.
	 * @param sampleRate the fraction, 0.0 to 1.0
	 * @param random gives a number from 0.0 (inclusive) to 1.0 (exclusive) per request
	 * @param excludes the patterns of paths never recorded
	 * @return the rules
	 */
	public static RecordingRules sampled(double sampleRate, DoubleSupplier random, List<String> excludes) {
		return new RecordingRules(RecordingDecision.RECORD, sampleRate, random, null, excludes);
	}

	/**
	 * Records failed requests only.
	 * @param excludes the patterns of paths never recorded
	 * @return the rules
	 */
	public static RecordingRules onError(List<String> excludes) {
		return new RecordingRules(RecordingDecision.RECORD_ON_ERROR, 0.0, () -> 0.0, null, excludes);
	}

	/**
	 * Records requests whose path matches a route, and no other.
	 * @param routes the patterns of the paths to record
	 * @param excludes the patterns of paths never recorded
	 * @return the rules
	 */
	public static RecordingRules targeted(List<String> routes, List<String> excludes) {
		return new RecordingRules(RecordingDecision.RECORD, 1.0, () -> 0.0, routes, excludes);
	}

	/**
	 * The exclude patterns used when {@code chronotrace.exclude} is not set: the actuator's
	 * endpoints and static resources.
	 * @param actuatorBasePath the actuator base path ({@code management.endpoints.web.base-path});
	 * left out when it is the root, which would exclude everything
	 * @return the patterns
	 */
	public static List<String> defaultExcludes(String actuatorBasePath) {
		List<String> excludes = new ArrayList<>();
		String basePath = actuatorBasePath.trim();
		while (basePath.endsWith("/")) {
			basePath = basePath.substring(0, basePath.length() - 1);
		}
		if (!basePath.isEmpty()) {
			excludes.add(basePath + "/**");
		}
		excludes.addAll(STATIC_RESOURCES);
		for (String extension : STATIC_EXTENSIONS) {
			excludes.add("/**/*." + extension);
		}
		return excludes;
	}

	private static List<String> normalize(List<String> patterns) {
		List<String> normalized = new ArrayList<>(patterns.size());
		for (String pattern : patterns) {
			String trimmed = pattern.trim();
			if (!trimmed.isEmpty()) {
				normalized.add(trimmed.startsWith("/") ? trimmed : "/" + trimmed);
			}
		}
		return List.copyOf(normalized);
	}

	/**
	 * Decides for a path within the application.
	 * @param path the path, without the context path
	 * @return the decision
	 */
	public RecordingDecision decide(String path) {
		if (this.excludes.matches(path)) {
			return RecordingDecision.SKIP;
		}
		if (this.targets != null) {
			return this.targets.matches(path) ? this.decision : RecordingDecision.SKIP;
		}
		if (this.decision == RecordingDecision.RECORD && this.sampleRate < 1.0) {
			return (this.random.getAsDouble() < this.sampleRate) ? RecordingDecision.RECORD
					: RecordingDecision.RECORD_ON_ERROR;
		}
		return this.decision;
	}

	@Override
	public String toString() {
		return "decision=" + this.decision + ", sampleRate=" + this.sampleRate + ", targets=" + this.targets
				+ ", excludes=" + this.excludes;
	}

}
