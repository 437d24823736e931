package io.chronotrace.replay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.chronotrace.web.servlet.RecordingPolicy;

/**
 * Wraps the application's {@link RecordingPolicy}, ChronoTrace's or a user's, in a
 * {@link ReplayRecordingPolicy}, so that replays are recorded whatever the policy decides.
 */
public final class ReplayRecordingPolicyPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ReplayRegistry> registry;

	/**
	 * Creates a post-processor.
	 * @param registry the replays in progress, looked up when the policy is created
	 */
	public ReplayRecordingPolicyPostProcessor(ObjectProvider<ReplayRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RecordingPolicy policy && !(bean instanceof ReplayRecordingPolicy)) {
			return new ReplayRecordingPolicy(policy, this.registry.getObject());
		}
		return bean;
	}

}
