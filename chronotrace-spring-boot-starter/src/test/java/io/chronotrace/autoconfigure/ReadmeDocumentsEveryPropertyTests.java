package io.chronotrace.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table lists every property of the generated configuration
 * metadata with its default, so that the README stays true as properties are added.
 */
class ReadmeDocumentsEveryPropertyTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyIsInTheReadmeWithItsDefault() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		Map<String, Object> metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).hasSizeGreaterThan(40);
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			String row = readme.lines()
				.filter((line) -> line.startsWith("| `" + name + "` |"))
				.findFirst()
				.orElse(null);
			assertThat(row).as("README row of %s", name).isNotNull();
			Object defaultValue = property.get("defaultValue");
			if (defaultValue != null) {
				assertThat(row).as("README row of %s", name).contains("`" + defaultValue + "`");
			}
		}
	}

}
