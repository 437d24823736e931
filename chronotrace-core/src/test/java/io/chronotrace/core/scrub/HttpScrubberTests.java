package io.chronotrace.core.scrub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HttpScrubberTests {

	private final HttpScrubber http = new HttpScrubber(ScrubRules.defaults());

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://localhost/a?x=1                                 | http://localhost/a?x=1
			https://h/cb?next=/a?token=1&code=2                    | https://h/cb?next=/a?token=1&code=2
			https://h/cb?token=1&next=%2Fa%3Fb                     | https://h/cb?token=[SCRUBBED]&next=%2Fa%3Fb
			https://h/cb#access_token=t1&state=s                   | https://h/cb#access_token=[SCRUBBED]&state=s
			https://h/p#section-2?token=1                          | https://h/p#section-2?token=[SCRUBBED]
			https://user:pa55@h.example.com:8443/x?a=b             | https://user:[SCRUBBED]@h.example.com:8443/x?a=b
			https://ghp_tok3n@github.com/o/r.git                   | https://[SCRUBBED]@github.com/o/r.git
			/users/alice@example.com?email=alice%40example.com     | /users/[SCRUBBED]?email=[SCRUBBED]
			/search?q=call+bob%40example.org+today                 | /search?q=call+[SCRUBBED]+today
			http://h:8080/ok;jsessionid=S3CR3T?x=1                 | http://h:8080/ok;jsessionid=[SCRUBBED]?x=1
			https://u:pw@h/a;token=t1/b;lang=en#s                  | https://u:[SCRUBBED]@h/a;token=[SCRUBBED]/b;lang=en#s
			""")
	void urlsAreScrubbedPartByPart(String url, String expected) {
		assertThat(this.http.url(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/ok;jsessionid=SECRET                                  | /ok;jsessionid=[SCRUBBED]
			/ok;JSESSIONID=SECRET/next                             | /ok;JSESSIONID=[SCRUBBED]/next
			/a;access_token=t1;lang=en/b;password=p;x=1/c          | /a;access_token=[SCRUBBED];lang=en/b;password=[SCRUBBED];x=1/c
			/a;api%5Fkey=k1                                        | /a;api%5Fkey=[SCRUBBED]
			/cars;color=red,blue;year=2012                         | /cars;color=red,blue;year=2012
			/a;token;=x;password=/b                                | /a;token;=x;password=/b
			/users;email=alice@example.com                         | /users;email=[SCRUBBED]
			/users/bob@example.org;v=1                             | /users/[SCRUBBED];v=1
			/plain/path                                            | /plain/path
			""")
	void pathParametersGoThroughTheKeyRules(String path, String expected) {
		assertThat(this.http.path(path)).isEqualTo(expected);
	}

	@Test
	void secretHeadersAreMaskedKeepingTheAuthenticationScheme() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("authorization", List.of("Bearer abc.def", "Digest username=\"a\", response=\"b\"", "abc"));
		headers.put("Proxy-Authorization", List.of("Basic dXNlcjpwYXNz"));
		headers.put("Set-Cookie", List.of("SESSION=1; HttpOnly"));
		headers.put("X-Forwarded-For", List.of("10.0.0.1"));
		headers.put("X-Note", List.of("from alice@example.com"));
		assertThat(this.http.headers(headers)).containsExactly(
				Map.entry("authorization", List.of("Bearer [SCRUBBED]", "Digest [SCRUBBED]", "[SCRUBBED]")),
				Map.entry("Proxy-Authorization", List.of("Basic [SCRUBBED]")),
				Map.entry("Set-Cookie", List.of("[SCRUBBED]")), Map.entry("X-Forwarded-For", List.of("10.0.0.1")),
				Map.entry("X-Note", List.of("from [SCRUBBED]")));
	}

	@Test
	void queryKeepsItsEncodingWhenNothingMatches() {
		assertThat(this.http.query("a=%7E%20b+c&d")).isEqualTo("a=%7E%20b+c&d");
		assertThat(this.http.query(null)).isNull();
	}

}
