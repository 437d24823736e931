package io.chronotrace.capture.logs;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.chronotrace.autoconfigure.ChronoTraceLogCaptureAutoConfiguration;
import io.chronotrace.capture.Recorded;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.TraceEvent;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LogCaptureTests {

	private static final Logger logger = LoggerFactory.getLogger("com.example.shop.Checkout");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceLogCaptureAutoConfiguration.class));

	@Test
	void recordsTheRequestThreadsLogRecordsAtOrAboveTheLevelWithTheirMdc() {
		this.runner.withPropertyValues("chronotrace.capture.log-level=info").run((context) -> {
			Recorded recorded = Recorded.of(() -> {
				logger.debug("Pricing line 1");
				MDC.put("orderId", "A-1");
				try {
					logger.info("Order {} placed, total {}", "A-1", "49.80");
				}
				finally {
					MDC.remove("orderId");
				}
				logger.warn("Stock low for product 3");
			});
			List<LogEvent> events = recorded.events(LogEvent.class);
			assertThat(events).extracting(LogEvent::level, LogEvent::message)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("INFO", "Order A-1 placed, total 49.80"),
						org.assertj.core.groups.Tuple.tuple("WARN", "Stock low for product 3"));
			LogEvent placed = events.get(0);
			assertThat(placed.logger()).isEqualTo("com.example.shop.Checkout");
			assertThat(placed.mdc()).containsEntry("orderId", "A-1");
			assertThat(placed.thread()).isEqualTo(Thread.currentThread().getName());
			assertThat(placed.outcome()).isEqualTo(TraceEvent.OK);
			assertThat(events.get(1).mdc()).doesNotContainKey("orderId");
		});
	}

	@Test
	void recordsTheLoggedThrowableWithBoundedFrames() {
		this.runner.withPropertyValues("chronotrace.capture.max-stack-frames=3").run((context) -> {
			Recorded recorded = Recorded.of(
					() -> logger.error("Payment capture failed", new IllegalStateException("card declined")));
			LogEvent event = recorded.events(LogEvent.class).get(0);
			assertThat(event.outcome()).isEqualTo(TraceEvent.ERROR);
			assertThat(event.error().type()).isEqualTo(IllegalStateException.class.getName());
			assertThat(event.error().message()).isEqualTo("card declined");
			assertThat(event.error().stackTrace()).hasSize(3);
			assertThat(event.error().omittedFrames()).isPositive();
		});
	}

	@Test
	void recordsNothingOfThreadsThatRecordNothing() {
		this.runner.run((context) -> {
			Recorded recorded = Recorded.of(() -> {
				Thread other = new Thread(() -> logger.info("Nightly report"));
				other.start();
				other.join();
			});
			assertThat(recorded.events()).isEmpty();
		});
	}

	@Test
	void contextsShareOneAppenderWithTheSettingsOfTheLastStartedAndDetachItWhenTheLastCloses() {
		this.runner.run((first) -> {
			LogCapture capture = first.getBean(LogCapture.class);
			assertThat(capture.isAttached()).isTrue();
			this.runner.withPropertyValues("chronotrace.capture.log-level=warn").run((second) -> {
				Recorded recorded = Recorded.of(() -> {
					logger.info("Below the second context's level");
					logger.warn("Recorded once");
				});
				assertThat(recorded.events(LogEvent.class)).extracting(LogEvent::message).containsExactly("Recorded once");
			});
			assertThat(capture.isAttached()).isTrue();
			assertThat(Recorded.of(() -> logger.info("Back at the first context's level")).events()).hasSize(1);
		});
		ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory
			.getLogger(Logger.ROOT_LOGGER_NAME);
		assertThat(root.getAppender(TraceLogAppender.NAME)).isNull();
		assertThat(Recorded.of(() -> logger.info("After close")).events()).isEmpty();
	}

	@Test
	void attachesNothingWhenLogCaptureIsOff() {
		this.runner.withPropertyValues("chronotrace.capture.logs=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LogCapture.class);
			assertThat(Recorded.of(() -> logger.info("Not recorded")).events()).isEmpty();
		});
	}

}
