package io.chronotrace.core.storage.segment;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's id set answers as a set of UUIDs does, through growth and for the all-zero id.
 */
class IdSetTests {

	@Test
	void answersAsAHashSetOfUuidsDoes() {
		IdSet ids = new IdSet();
		Set<UUID> expected = new HashSet<>();
		Random random = new Random(7);
		for (int i = 0; i < 50_000; i++) {
			// few distinct values per half, so that adds repeat and slots collide
			UUID id = new UUID(random.nextInt(20_000), random.nextInt(3));
			assertThat(ids.add(id.getMostSignificantBits(), id.getLeastSignificantBits())).isEqualTo(expected.add(id));
		}
		for (int i = 0; i < 30_000; i++) {
			UUID id = new UUID(random.nextInt(25_000), random.nextInt(4));
			assertThat(ids.contains(id.getMostSignificantBits(), id.getLeastSignificantBits()))
				.isEqualTo(expected.contains(id));
		}
	}

	@Test
	void holdsTheAllZeroId() {
		IdSet ids = new IdSet();
		assertThat(ids.contains(0, 0)).isFalse();
		assertThat(ids.add(0, 0)).isTrue();
		assertThat(ids.add(0, 0)).isFalse();
		assertThat(ids.contains(0, 0)).isTrue();
		assertThat(ids.contains(0, 1)).isFalse();
	}

}
