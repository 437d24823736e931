package io.chronotrace.autoconfigure;

import io.chronotrace.core.encrypt.EncryptionKeys;
import io.chronotrace.core.encrypt.EncryptionKeys.InvalidKeyException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Client-side encryption ({@code chronotrace.encryption.enabled=true}): the trace storage,
 * whichever it is (one of ours or the application's own), is wrapped so that every trace and
 * attachment is sealed with AES-256-GCM before it leaves the process. A missing or malformed
 * key fails start-up naming the property.
 */
@AutoConfiguration(before = ChronoTraceWriterAutoConfiguration.class)
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty("chronotrace.encryption.enabled")
@EnableConfigurationProperties(ChronoTraceEncryptionProperties.class)
public final class ChronoTraceEncryptionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EncryptionKeys chronoTraceEncryptionKeys(ChronoTraceEncryptionProperties properties) {
		try {
			return EncryptionKeys.of(properties.getKeys(), properties.getActiveKey());
		}
		catch (InvalidKeyException ex) {
			String keyId = ex.keyId();
			if (keyId == null) {
				throw new InvalidConfigurationPropertyValueException("chronotrace.encryption.keys", "(none usable)",
						ex.getMessage() + ". Give each key as chronotrace.encryption.keys.<key-id>: base64 of 32 random bytes"
								+ " (openssl rand -base64 32), and name the one to use in chronotrace.encryption.active-key.");
			}
			if (!properties.getKeys().containsKey(keyId)) {
				throw new InvalidConfigurationPropertyValueException("chronotrace.encryption.active-key", keyId,
						ex.getMessage() + ". Configured key ids: " + properties.getKeys().keySet() + ".");
			}
			// never echo the key itself
			throw new InvalidConfigurationPropertyValueException("chronotrace.encryption.keys." + keyId, "(hidden)",
					ex.getMessage() + ".");
		}
	}

	@Bean
	static EncryptingStoragePostProcessor chronoTraceEncryptingStoragePostProcessor(
			ObjectProvider<EncryptionKeys> keys, ObjectProvider<ChronoTraceEncryptionProperties> properties) {
		return new EncryptingStoragePostProcessor(keys, properties);
	}

}
