package io.chronotrace.autoconfigure;

import io.chronotrace.capture.events.CustomEventsSwitch;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Switches off the application's custom events ({@code ChronoTrace.event}) when
 * {@code chronotrace.capture.events} is false; they are on otherwise.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "chronotrace.capture.events", havingValue = false)
public final class ChronoTraceCustomEventsAutoConfiguration {

	@Bean
	CustomEventsSwitch chronoTraceCustomEventsSwitch() {
		return new CustomEventsSwitch();
	}

}
