package io.chronotrace.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's filters run on every request of the application and ask for the endpoint's
 * path each time: asking the bean factory for it on each request cost a tenth of a small
 * request's CPU, so it is looked up once.
 */
class EndpointPathLookupTests {

	@Test
	void theBeanFactoryIsAskedOnceWhateverTheNumberOfRequests() {
		AtomicInteger lookups = new AtomicInteger();
		ObjectProvider<PathMappedEndpoints> paths = new ObjectProvider<>() {

			@Override
			public PathMappedEndpoints getObject() {
				lookups.incrementAndGet();
				return new PathMappedEndpoints("/manage", List::of);
			}

			@Override
			public PathMappedEndpoints getIfAvailable() {
				return getObject();
			}

		};
		Supplier<String> path = ChronoTraceEndpointAutoConfiguration.endpointPathOnce(paths);
		for (int request = 0; request < 1000; request++) {
			assertThat(path.get()).isEqualTo("/actuator/chronotrace");
		}
		assertThat(lookups).hasValue(1);
	}

}
