package io.chronotrace.actuate.endpoint;

import java.util.List;
import java.util.TreeSet;

/**
 * The imports of a generated source, in Spring's groups: {@code java}, {@code javax}, other
 * libraries, {@code org.springframework}, then static imports, each sorted, a blank line
 * between groups.
 */
final class Imports {

	private final List<TreeSet<String>> groups = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
			new TreeSet<>(), new TreeSet<>());

	/**
	 * Adds imports.
	 * @param names the imported names, {@code static } first for a static import
	 */
	void add(String... names) {
		for (String name : names) {
			this.groups.get(group(name)).add(name);
		}
	}

	private static int group(String name) {
		if (name.startsWith("static ")) {
			return 4;
		}
		if (name.startsWith("java.")) {
			return 0;
		}
		if (name.startsWith("javax.")) {
			return 1;
		}
		return name.startsWith("org.springframework.") ? 3 : 2;
	}

	/**
	 * Writes the import statements, followed by a blank line.
	 * @param source where they go
	 */
	void write(StringBuilder source) {
		for (TreeSet<String> group : this.groups) {
			if (group.isEmpty()) {
				continue;
			}
			for (String name : group) {
				source.append("import ").append(name).append(";\n");
			}
			source.append('\n');
		}
	}

}
