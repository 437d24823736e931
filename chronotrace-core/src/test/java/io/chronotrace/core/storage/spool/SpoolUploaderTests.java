package io.chronotrace.core.storage.spool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.core.storage.TraceStorageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both spools retry alike: after a failure the next attempt comes a second later, then twice as
 * long, up to the retry interval, and spooling more does not make it come sooner; once the
 * remote answers, what is spooled goes up as soon as it is.
 */
class SpoolUploaderTests {

	@Test
	void aWakeUpDoesNotCutARetryShortButEndsAnIdleWait() throws Exception {
		CountingUploader uploader = new CountingUploader();
		uploader.failing = true;
		uploader.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> uploader.attempts.get() == 1);
			for (int i = 0; i < 20; i++) {
				uploader.wakeUp();
				Thread.sleep(20);
			}
			assertThat(uploader.attempts).as("attempts while the first retry waits its second").hasValue(1);
			assertThat(uploader.lastFailure()).isEqualTo("remote down");
			await().atMost(Duration.ofSeconds(5)).until(() -> uploader.attempts.get() == 2);

			uploader.failing = false;
			await().atMost(Duration.ofSeconds(10)).until(() -> uploader.lastFailure() == null);
			int afterRecovery = uploader.attempts.get();
			assertThat(uploader.recoveries).hasValue(1);
			uploader.wakeUp();
			await().atMost(Duration.ofSeconds(5)).until(() -> uploader.attempts.get() == afterRecovery + 1);
			assertThat(uploader.failedAttempts()).isGreaterThanOrEqualTo(2);
		}
		finally {
			uploader.finish(Duration.ZERO);
		}
	}

	@Test
	void eachWaitDoublesFromASecondUpToTheRetryInterval() {
		long wait = 0;
		StringBuilder waits = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			wait = SpoolUploader.nextRetryMillis(wait, 5000);
			waits.append(wait).append(' ');
		}
		assertThat(waits.toString().trim()).isEqualTo("1000 2000 4000 5000 5000");
	}

	/** Fails while asked to, counting attempts; idles for a minute between successful ones. */
	static final class CountingUploader extends SpoolUploader {

		final AtomicInteger attempts = new AtomicInteger();

		final AtomicInteger recoveries = new AtomicInteger();

		volatile boolean failing;

		CountingUploader() {
			super("test-uploader", Duration.ofMinutes(1), Duration.ofSeconds(30));
		}

		@Override
		protected void uploadPending() {
			this.attempts.incrementAndGet();
			if (this.failing) {
				throw new TraceStorageException("remote down", null, true);
			}
		}

		@Override
		protected void attemptFailed(RuntimeException ex, boolean first) {
		}

		@Override
		protected void recovered() {
			this.recoveries.incrementAndGet();
		}

	}

}
