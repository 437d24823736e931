package io.chronotrace.core.scrub;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScrubberTests {

	private final SqlScrubber scrubber = new SqlScrubber(ScrubRules.defaults());

	/** Each placeholder's secrecy as a string of S (secret) and - (not). */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			select * from users where email = ? and id = ?                              | S-
			SELECT * FROM users u WHERE u.password <> ? OR u.name != ?                   | S-
			select * from users where "Password" = ? and `api_key` = ? and [ssn] = ?     | SSS
			select * from t where name like ? and phone not like ? and x ilike ?         | -S-
			select * from t where token in (?, ?, ?) and id in (?)                       | SSS-
			select * from t where session_id not in (?, ?) and a >= ? and b <= ?         | SS--
			select * from t where secret between ? and ? and age between ? and ?         | SS--
			INSERT INTO users (name, email, password_hash, age) VALUES (?, ?, ?, ?)      | -SS-
			insert into users(name, "Email") values (?, ?), (?, ?)                       | -S-S
			insert into s.users (s.name, token) values (?, lower(?))                     | -S
			insert into users (name, password) values (?, crypt(?, gen_salt(?)))        | -SS
			insert into users values (?, ?)                                              | --
			UPDATE users SET password = ?, name = ?, api_key = ? WHERE id = ?            | S-S-
			update users set password = crypt(?, password) where id = ?                  | S-
			select * from t where lower(email) = ? limit ?                               | --
			select * from t where /* password = ? */ id = ?                              | -
			select * from t where x = ?; insert into u (token) values (?)               | -S
			""")
	void placeholdersAreTiedToTheirColumns(String sql, String expected) {
		boolean[] secrets = this.scrubber.scrub(sql.replace("\\n", "\n")).secretParameters();
		StringBuilder actual = new StringBuilder();
		for (boolean secret : secrets) {
			actual.append(secret ? 'S' : '-');
		}
		assertThat(actual.toString()).isEqualTo(expected);
	}

	@Test
	void placeholdersInCommentsAndLiteralsAreNotPlaceholders() {
		assertThat(this.scrubber.scrub("select '?' as q, ? from t where -- token = ?\n secret = ?").secretParameters())
			.containsExactly(false, true);
	}

	@Test
	void literalsOfSecretColumnsAreReplacedInTheSqlText() {
		String sql = "update users set password = 'it''s secret', name = 'bob', phone = 5551234 "
				+ "where email = N'alice@example.com' and id = 7 and token in ('a', 'b')";
		assertThat(this.scrubber.scrub(sql).sql()).isEqualTo("update users set password = '[SCRUBBED]', name = 'bob', "
				+ "phone = '[SCRUBBED]' where email = '[SCRUBBED]' and id = 7 and token in ('[SCRUBBED]', '[SCRUBBED]')");
	}

	@Test
	void valuePatternsApplyToTheSqlTextAndToOtherBindValues() {
		SqlScrubber.Statement statement = this.scrubber
			.scrub("select * from orders where note = 'alice@example.com' and ref = ? and password = ?");
		assertThat(statement.sql()).isEqualTo("select * from orders where note = '[SCRUBBED]' and ref = ? and password = ?");
		assertThat(statement.scrub(List.of(List.of("4111111111111111", "hunter2"), List.of("R-1", "pw")),
				ScrubRules.defaults()))
			.containsExactly(List.of("[SCRUBBED]", "[SCRUBBED]"), List.of("R-1", "[SCRUBBED]"));
	}

	@Test
	void moreValuesThanPlaceholdersGetThePatternsOnly() {
		SqlScrubber.Statement statement = this.scrubber.scrub("call set_password(?)");
		assertThat(statement.scrub(List.of(List.of("a", "bob@example.org")), ScrubRules.defaults()))
			.containsExactly(List.of("a", "[SCRUBBED]"));
	}

}
