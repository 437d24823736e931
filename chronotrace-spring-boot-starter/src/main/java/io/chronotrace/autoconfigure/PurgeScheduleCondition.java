package io.chronotrace.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code chronotrace.purge-cron} is {@code "-"}, which switches the schedule off
 * as it does for Spring's {@code @Scheduled}.
 */
class PurgeScheduleCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String cron = context.getEnvironment().getProperty("chronotrace.purge-cron", "").trim();
		return "-".equals(cron) ? ConditionOutcome.noMatch("chronotrace.purge-cron is '-'")
				: ConditionOutcome.match("chronotrace.purge-cron is not '-'");
	}

}
