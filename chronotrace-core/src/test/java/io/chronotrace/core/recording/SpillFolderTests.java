package io.chronotrace.core.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spilled bodies go to a folder no other user of the machine can list, read or swap files in,
 * unless the user chose one.
 */
class SpillFolderTests {

	@Test
	void aPrivateFolderHasARandomNameIsTheOwnersOnlyAndIsDeletedWithItsFiles() throws IOException {
		SpillFolder first = SpillFolder.createPrivate();
		SpillFolder second = SpillFolder.createPrivate();
		try {
			assertThat(first.path()).isNotEqualTo(second.path());
			assertThat(first.path().getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
			assertThat(Files.getPosixFilePermissions(first.path()))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(first.isPrivate()).isTrue();
			Files.createTempFile(first.path(), "body-", ".tmp");
		}
		finally {
			first.close();
			second.close();
		}
		assertThat(first.path()).doesNotExist();
		assertThat(second.path()).doesNotExist();
	}

	@Test
	void aFolderTheUserChoseIsUsedAsGivenAndKept(@TempDir Path temp) throws IOException {
		Path chosen = Files.createDirectories(temp.resolve("spill"));
		Files.createFile(chosen.resolve("theirs.txt"));
		SpillFolder folder = SpillFolder.of(chosen);

		folder.close();

		assertThat(folder.path()).isEqualTo(chosen);
		assertThat(folder.isPrivate()).isFalse();
		assertThat(chosen.resolve("theirs.txt")).exists();
	}

}
