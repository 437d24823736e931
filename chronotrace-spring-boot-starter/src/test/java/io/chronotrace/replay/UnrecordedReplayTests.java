package io.chronotrace.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code chronotrace.replay.recorded=false}, a replay compares as usual and leaves no trace
 * of its own, even when every request is recorded.
 */
@SpringBootTest(classes = ReplayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory", "chronotrace.async-storage=false",
				"chronotrace.replay.recorded=false" })
class UnrecordedReplayTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TraceReplayer replayer;

	@Autowired
	private TraceStorage storage;

	@Test
	void aReplayComparesButIsNotRecorded() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/basket")).build(),
				HttpResponse.BodyHandlers.ofString());
		String id = response.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		Trace original = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent)
			.get();
		int before = this.storage.list(TraceQuery.builder().limit(1000).build()).items().size();
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
		assertThat(result.replay().traceId()).isNull();
		assertThat(this.storage.list(TraceQuery.builder().limit(1000).build()).items()).hasSize(before);
	}

}
