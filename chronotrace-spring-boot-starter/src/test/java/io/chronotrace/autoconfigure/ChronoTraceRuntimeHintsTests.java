package io.chronotrace.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import io.chronotrace.actuate.endpoint.TraceListDescriptor;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;

import static org.assertj.core.api.Assertions.assertThat;

class ChronoTraceRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	ChronoTraceRuntimeHintsTests() {
		// as ahead-of-time processing finds it
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void thePageAndEverySchemaScriptAreResources() {
		assertThat(RuntimeHintsPredicates.resource().forResource("io/chronotrace/actuate/endpoint/ui/index.html"))
			.accepts(this.hints);
		for (String database : new String[] { "h2", "postgresql", "mysql", "mariadb" }) {
			assertThat(RuntimeHintsPredicates.resource()
				.forResource("io/chronotrace/core/storage/jdbc/schema-" + database + ".sql")).accepts(this.hints);
		}
	}

	@Test
	void theRecordsJacksonBindsAreOpenToReflection() {
		for (Class<?> type : new Class<?>[] { Trace.class, TraceBody.class, DatabaseEvent.class,
				TraceListDescriptor.Summary.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(type.getName())
				.accepts(this.hints);
		}
	}

}
