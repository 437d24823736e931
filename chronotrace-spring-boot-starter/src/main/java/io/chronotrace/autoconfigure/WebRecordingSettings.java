package io.chronotrace.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.recording.SpillFolder;
import io.chronotrace.web.RecordingRules;

/**
 * What the servlet and the WebFlux auto-configurations read the same way from the properties:
 * the mode's rules and how bodies are captured.
 */
final class WebRecordingSettings {

	private WebRecordingSettings() {
	}

	/**
	 * The rules of {@code chronotrace.mode}, with the excluded paths.
	 * @param properties the properties
	 * @param environment the environment, for the actuator base path
	 * @return the rules
	 */
	static RecordingRules rules(ChronoTraceProperties properties, Environment environment) {
		List<String> excludes = excludes(properties, environment);
		return switch (properties.getMode()) {
			case ALWAYS -> RecordingRules.always(excludes);
			case SAMPLE -> RecordingRules.sampled(properties.getSampleRate(), excludes);
			case RECORD_ON_ERROR -> RecordingRules.onError(excludes);
			case TARGETED -> RecordingRules.targeted(properties.getTargets().getRoutes(), excludes);
		};
	}

	/**
	 * The paths never recorded: the defaults (the actuator base path and static resources)
	 * unless {@code exclude-defaults} is off, plus {@code exclude}.
	 */
	static List<String> excludes(ChronoTraceProperties properties, Environment environment) {
		List<String> excludes = new ArrayList<>();
		if (properties.isExcludeDefaults()) {
			String actuatorBasePath = Binder.get(environment)
				.bind("management.endpoints.web.base-path", String.class)
				.orElse("/actuator");
			excludes.addAll(RecordingRules.defaultExcludes(actuatorBasePath));
		}
		excludes.addAll(properties.getExclude());
		return excludes;
	}

	/**
	 * How request and response bodies are captured.
	 * @param properties the properties
	 * @param spillFolder where bodies too large to keep in memory go
	 * @return the settings
	 */
	static CaptureSettings captureSettings(ChronoTraceProperties properties, SpillFolder spillFolder) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		return new CaptureSettings(capture.getMaxBodySize().toBytes(),
				properties.getCompression().getMaxPayloadSize().toBytes(), spillFolder.path(), capture.isRequest(),
				capture.isResponse(), capture.isBinaryBodies());
	}

}
