package io.chronotrace.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference ({@code docs/configuration.md}) lists every property of the
 * generated configuration metadata with its default, and the README's table of common settings
 * names only real properties with their real defaults, so that both stay true as properties
 * are added.
 */
class DocumentationListsEveryPropertyTests {

	@Test
	void theConfigurationReferenceListsEveryPropertyWithItsDefault() throws IOException {
		String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
		Map<String, Map<String, Object>> properties = properties();
		assertThat(properties).hasSizeGreaterThan(40);
		properties.forEach((name, property) -> {
			String row = row(reference, name);
			assertThat(row).as("docs/configuration.md row of %s", name).isNotNull();
			Object defaultValue = property.get("defaultValue");
			if (defaultValue != null) {
				assertThat(row).as("docs/configuration.md row of %s", name).contains("`" + defaultValue + "`");
			}
		});
	}

	@Test
	void theReadmesCommonSettingsAreRealPropertiesWithTheirDefaults() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
		List<String> rows = readme.lines().filter((line) -> line.startsWith("| `chronotrace.")).toList();
		assertThat(rows).hasSizeGreaterThan(5);
		Map<String, Map<String, Object>> properties = properties();
		for (String row : rows) {
			String name = row.substring(3, row.indexOf('`', 3));
			assertThat(properties).as("README names %s", name).containsKey(name);
			// the default the README shows is the reference's
			String shown = row.split("\\|")[2].trim();
			assertThat(row(reference, name)).as("default of %s", name).contains(shown);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> properties() throws IOException {
		Map<String, Object> metadata;
		try (InputStream in = DocumentationListsEveryPropertyTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
		for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
			properties.put((String) property.get("name"), property);
		}
		return properties;
	}

	private static String row(String document, String name) {
		return document.lines().filter((line) -> line.startsWith("| `" + name + "` |")).findFirst().orElse(null);
	}

}
