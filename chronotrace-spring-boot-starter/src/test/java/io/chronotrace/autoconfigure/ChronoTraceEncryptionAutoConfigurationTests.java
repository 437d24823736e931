package io.chronotrace.autoconfigure;

import java.time.Instant;
import java.util.Base64;

import io.chronotrace.core.encrypt.EncryptingTraceStorage;
import io.chronotrace.core.encrypt.EncryptionKeys;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ChronoTraceEncryptionAutoConfigurationTests {

	private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String KEY_2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceEncryptionAutoConfiguration.class,
				ChronoTraceStorageAutoConfiguration.class, ChronoTraceWriterAutoConfiguration.class))
		.withPropertyValues("chronotrace.storage=memory");

	@Test
	void storageIsNotWrappedUnlessEncryptionIsEnabled() {
		this.runner.withPropertyValues("chronotrace.encryption.keys.k1=" + KEY_1).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TraceStorage.class)).isInstanceOf(InMemoryTraceStorage.class);
			assertThat(context).doesNotHaveBean(EncryptionKeys.class);
		});
	}

	@Test
	void enabledEncryptionSealsWhatTheStorageKeeps() {
		this.runner.withPropertyValues("chronotrace.encryption.enabled=true", "chronotrace.encryption.keys.k1=" + KEY_1)
			.run((context) -> {
				TraceStorage storage = context.getBean(TraceStorage.class);
				assertThat(storage).isInstanceOf(EncryptingTraceStorage.class);
				InMemoryTraceStorage inner = (InMemoryTraceStorage) ((EncryptingTraceStorage) storage).delegate();
				Trace trace = TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z"));
				storage.store(trace);
				assertThat(storage.retrieve(trace.id())).contains(trace);
				assertThat(EncryptingTraceStorage.isSealed(inner.retrieve(trace.id()).orElseThrow())).isTrue();
				assertThat(context.getBean(EncryptionKeys.class).activeId()).isEqualTo("k1");
			});
	}

	@Test
	void tracesInClearAreReadUnlessRequireSealedIsOn() {
		Trace clear = TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z"));
		this.runner.withPropertyValues("chronotrace.encryption.enabled=true", "chronotrace.encryption.keys.k1=" + KEY_1)
			.run((context) -> {
				EncryptingTraceStorage storage = context.getBean(EncryptingTraceStorage.class);
				storage.delegate().store(clear);
				assertThat(storage.retrieve(clear.id())).contains(clear);
			});
		this.runner
			.withPropertyValues("chronotrace.encryption.enabled=true", "chronotrace.encryption.keys.k1=" + KEY_1,
					"chronotrace.encryption.require-sealed=true")
			.run((context) -> {
				EncryptingTraceStorage storage = context.getBean(EncryptingTraceStorage.class);
				storage.delegate().store(clear);
				assertThat(storage.retrieve(clear.id())).isEmpty();
				Trace sealed = TestTraces.trace(Instant.parse("2025-03-10T10:00:01Z"));
				storage.store(sealed);
				assertThat(storage.retrieve(sealed.id())).contains(sealed);
			});
	}

	@Test
	void theApplicationsOwnStorageIsSealedToo() {
		this.runner.withUserConfiguration(OwnStorage.class)
			.withPropertyValues("chronotrace.encryption.enabled=true", "chronotrace.encryption.keys.k1=" + KEY_1)
			.run((context) -> {
				TraceStorage storage = context.getBean(TraceStorage.class);
				assertThat(storage).isInstanceOf(EncryptingTraceStorage.class);
				assertThat(((EncryptingTraceStorage) storage).delegate()).isSameAs(OwnStorage.storage);
			});
	}

	@Test
	void activeKeyChoosesAmongSeveralKeys() {
		this.runner
			.withPropertyValues("chronotrace.encryption.enabled=true", "chronotrace.encryption.keys.k1=" + KEY_1,
					"chronotrace.encryption.keys.k2=" + KEY_2, "chronotrace.encryption.active-key=k2")
			.run((context) -> assertThat(context.getBean(EncryptionKeys.class).activeId()).isEqualTo("k2"));
	}

	@Test
	void noKeyFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("chronotrace.encryption.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("chronotrace.encryption.keys")
				.hasMessageContaining("no key is configured"));
	}

	@Test
	void malformedKeyFailsStartupNamingItsPropertyWithoutEchoingIt() {
		String shortKey = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
		this.runner
			.withPropertyValues("chronotrace.encryption.enabled=true", "chronotrace.encryption.keys.k1=" + shortKey)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("chronotrace.encryption.keys.k1")
				.hasMessageContaining("16 bytes")
				.hasMessageNotContaining(shortKey));
	}

	@Test
	void activeKeyNamingNoConfiguredKeyFailsStartup() {
		this.runner
			.withPropertyValues("chronotrace.encryption.enabled=true", "chronotrace.encryption.keys.k1=" + KEY_1,
					"chronotrace.encryption.active-key=k9")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("chronotrace.encryption.active-key")
				.hasMessageContaining("k9"));
	}

	@Test
	void usersKeysMakeOursBackOff() {
		EncryptionKeys own = EncryptionKeys.of(java.util.Map.of("vault-1", KEY_2), null);
		this.runner.withBean(EncryptionKeys.class, () -> own)
			.withPropertyValues("chronotrace.encryption.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EncryptionKeys.class)).isSameAs(own);
				assertThat(context.getBean(TraceStorage.class)).isInstanceOf(EncryptingTraceStorage.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStorage {

		static final InMemoryTraceStorage storage = new InMemoryTraceStorage(10);

		@Bean
		TraceStorage myStorage() {
			return storage;
		}

	}

}
