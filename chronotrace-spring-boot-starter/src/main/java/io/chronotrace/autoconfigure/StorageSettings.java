package io.chronotrace.autoconfigure;

import io.chronotrace.core.compress.Compression;

/**
 * Turns {@link ChronoTraceProperties} into the settings types of the core backends.
 */
final class StorageSettings {

	private StorageSettings() {
	}

	static Compression compression(ChronoTraceProperties properties) {
		ChronoTraceProperties.Compression compression = properties.getCompression();
		return new Compression(compression.isEnabled(), compression.getLevel(),
				compression.getMaxPayloadSize().toBytes());
	}

}
