package io.chronotrace.autoconfigure;

import io.chronotrace.core.encrypt.EncryptingTraceStorage;
import io.chronotrace.core.encrypt.EncryptionKeys;
import io.chronotrace.core.storage.TraceStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the trace storage bean in an {@link EncryptingTraceStorage}, so that encryption works
 * under any backend, the application's own included, without each backend knowing of it.
 */
final class EncryptingStoragePostProcessor implements BeanPostProcessor {

	private final ObjectProvider<EncryptionKeys> keys;

	private final ObjectProvider<ChronoTraceEncryptionProperties> properties;

	EncryptingStoragePostProcessor(ObjectProvider<EncryptionKeys> keys,
			ObjectProvider<ChronoTraceEncryptionProperties> properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof TraceStorage storage && !(bean instanceof EncryptingTraceStorage)) {
			ChronoTraceEncryptionProperties encryption = this.properties.getObject();
			return new EncryptingTraceStorage(storage, this.keys.getObject(), encryption.isEncryptSummaries(),
					encryption.isRequireSealed());
		}
		return bean;
	}

}
