package io.chronotrace.replay.jdbc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link DataSource} bean in a {@link ReplayingDataSource}, beneath ChronoTrace's
 * capture wrapper (this post-processor is ordered, the capture's is not, so it runs first): the
 * statements an isolated replay answers from the recording are still captured in the replay's
 * trace. Knows which data sources it wraps, which an isolated replay needs to know before it
 * can say that nothing reaches a database.
 */
public final class ReplayingDataSourcePostProcessor implements BeanPostProcessor, Ordered {

	private final Supplier<@Nullable RecordedStatements> replay;

	private final Set<String> wrapped = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the post-processor.
	 * @param replay the recorded statements of the isolated replay the current thread works for,
	 * asked on each {@code getConnection()}
	 */
	public ReplayingDataSourcePostProcessor(Supplier<@Nullable RecordedStatements> replay) {
		this.replay = replay;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof ReplayingDataSource)) {
			this.wrapped.add(beanName);
			return new ReplayingDataSource(dataSource, beanName, this.replay);
		}
		return bean;
	}

	/**
	 * The data source beans that answer isolated replays from the recording.
	 * @return their names
	 */
	public Set<String> dataSources() {
		return Set.copyOf(this.wrapped);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
