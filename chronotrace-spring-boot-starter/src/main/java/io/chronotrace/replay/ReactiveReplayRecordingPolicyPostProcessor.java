package io.chronotrace.replay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.chronotrace.web.reactive.ReactiveRecordingPolicy;

/**
 * Wraps the application's {@link ReactiveRecordingPolicy}, ChronoTrace's or a user's, in a
 * {@link ReactiveReplayRecordingPolicy}, so that replays are recorded whatever the policy decides.
 */
public final class ReactiveReplayRecordingPolicyPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ReplayRegistry> registry;

	/**
	 * Creates a post-processor.
	 * @param registry the replays in progress, looked up when the policy is created
	 */
	public ReactiveReplayRecordingPolicyPostProcessor(ObjectProvider<ReplayRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ReactiveRecordingPolicy policy && !(bean instanceof ReactiveReplayRecordingPolicy)) {
			return new ReactiveReplayRecordingPolicy(policy, this.registry.getObject());
		}
		return bean;
	}

}
