package io.chronotrace.capture.events;

import io.chronotrace.core.recording.ChronoTrace;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Switches custom events ({@link ChronoTrace#event(String)}) off while the context runs, and
 * back on when it closes.
 */
public final class CustomEventsSwitch implements InitializingBean, DisposableBean {

	@Override
	public void afterPropertiesSet() {
		ChronoTrace.setEventsEnabled(false);
	}

	@Override
	public void destroy() {
		ChronoTrace.setEventsEnabled(true);
	}

}
