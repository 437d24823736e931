package io.chronotrace.web.servlet;

import java.util.List;
import java.util.function.DoubleSupplier;

import org.springframework.web.util.UrlPathHelper;

import io.chronotrace.web.RecordingRules;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The recording policy of the {@code chronotrace.mode} property for the servlet stack: the
 * {@link RecordingRules} shared with the WebFlux filter, applied to the path within the
 * application (without the context path).
 */
public final class ModeRecordingPolicy implements RecordingPolicy {

	private final RecordingRules rules;

	/**
	 * Applies rules to servlet requests.
	 * @param rules the rules
	 */
	public ModeRecordingPolicy(RecordingRules rules) {
		this.rules = rules;
	}

	/**
	 * Records every request.
	 * @param excludes the patterns of paths never recorded
	 * @return the policy
	 */
	public static ModeRecordingPolicy always(List<String> excludes) {
		return new ModeRecordingPolicy(RecordingRules.always(excludes));
	}

	/**
	 * Records a random fraction of requests, and every failed one.
	 * @param sampleRate the fraction, 0.0 to 1.0
	 * @param excludes the patterns of paths never recorded
	 * @return the policy
	 */
	public static ModeRecordingPolicy sampled(double sampleRate, List<String> excludes) {
		return new ModeRecordingPolicy(RecordingRules.sampled(sampleRate, excludes));
	}

	static ModeRecordingPolicy sampled(double sampleRate, DoubleSupplier random, List<String> excludes) {
		return new ModeRecordingPolicy(RecordingRules.sampled(sampleRate, random, excludes));
	}

	/**
	 * Records failed requests only.
	 * @param excludes the patterns of paths never recorded
	 * @return the policy
	 */
	public static ModeRecordingPolicy onError(List<String> excludes) {
		return new ModeRecordingPolicy(RecordingRules.onError(excludes));
	}

	/**
	 * Records requests whose path matches a route, and no other.
	 * @param routes the patterns of the paths to record
	 * @param excludes the patterns of paths never recorded
	 * @return the policy
	 */
	public static ModeRecordingPolicy targeted(List<String> routes, List<String> excludes) {
		return new ModeRecordingPolicy(RecordingRules.targeted(routes, excludes));
	}

	/**
	 * The exclude patterns used when {@code chronotrace.exclude} is not set: the actuator's
	 * endpoints and static resources.
	 * @param actuatorBasePath the actuator base path ({@code management.endpoints.web.base-path});
	 * left out when it is the root, which would exclude everything
	 * @return the patterns
	 * @see RecordingRules#defaultExcludes(String)
	 */
	public static List<String> defaultExcludes(String actuatorBasePath) {
		return RecordingRules.defaultExcludes(actuatorBasePath);
	}

	@Override
	public Decision decide(HttpServletRequest request) {
		return decide(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
	}

	/**
	 * Decides for a path within the application.
	 * @param path the path, without the context path
	 * @return the decision
	 */
	Decision decide(String path) {
		return switch (this.rules.decide(path)) {
			case SKIP -> Decision.SKIP;
			case RECORD -> Decision.RECORD;
			case RECORD_ON_ERROR -> Decision.RECORD_ON_ERROR;
		};
	}

	@Override
	public String toString() {
		return "ModeRecordingPolicy[" + this.rules + "]";
	}

}
