package io.chronotrace.autoconfigure;

import java.util.Arrays;
import java.util.List;

import io.chronotrace.actuate.endpoint.JUnitTestSource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * What a generated JUnit test needs to know of this application: the class it starts, the
 * transaction manager a {@code @Transactional} test would roll back, and the context path.
 */
final class TestedApplication {

	private static final String TRANSACTION_MANAGER = "org.springframework.transaction.TransactionManager";

	private TestedApplication() {
	}

	/**
	 * Describes the application.
	 * @param beans its beans
	 * @param environment its environment
	 * @return what the tests need to know
	 */
	static JUnitTestSource.Application of(ListableBeanFactory beans, Environment environment) {
		List<String> transactionManagers = transactionManagers(beans);
		return new JUnitTestSource.Application(mainClass(beans), transactionManagers,
				defaultTransactionManager(beans, transactionManagers),
				environment.getProperty("server.servlet.context-path", ""));
	}

	private static List<String> transactionManagers(ListableBeanFactory beans) {
		ClassLoader classLoader = TestedApplication.class.getClassLoader();
		if (!ClassUtils.isPresent(TRANSACTION_MANAGER, classLoader)) {
			return List.of();
		}
		Class<?> type = ClassUtils.resolveClassName(TRANSACTION_MANAGER, classLoader);
		return Arrays.asList(beans.getBeanNamesForType(type, true, false));
	}

	/**
	 * The transaction manager a {@code @Transactional} test picks: the only one, the one named
	 * {@code transactionManager} or the primary one; {@code null} when none or ambiguous.
	 */
	private static @Nullable String defaultTransactionManager(ListableBeanFactory beans, List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		if (names.contains("transactionManager")) {
			return "transactionManager";
		}
		if (!(beans instanceof ConfigurableListableBeanFactory factory)) {
			return null;
		}
		List<String> primary = names.stream()
			.filter((name) -> factory.containsBeanDefinition(name) && factory.getBeanDefinition(name).isPrimary())
			.toList();
		return (primary.size() == 1) ? primary.get(0) : null;
	}

	/**
	 * The application's {@code @SpringBootApplication} class (or other
	 * {@code @SpringBootConfiguration}), that a generated test starts.
	 */
	private static @Nullable Class<?> mainClass(ListableBeanFactory beans) {
		Class<?> found = null;
		for (String name : beans.getBeanNamesForAnnotation(SpringBootConfiguration.class)) {
			Class<?> type = beans.getType(name);
			if (type == null) {
				continue;
			}
			type = ClassUtils.getUserClass(type);
			if (AnnotatedElementUtils.hasAnnotation(type, SpringBootApplication.class)) {
				return type;
			}
			found = (found != null) ? found : type;
		}
		return found;
	}

}
