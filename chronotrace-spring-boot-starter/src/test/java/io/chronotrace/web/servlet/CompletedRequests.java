package io.chronotrace.web.servlet;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;

/** The paths of requests that left every filter: recording of them is over. */
class CompletedRequests {

	private final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();

	void add(String path) {
		this.paths.add(path);
	}

	void awaitCompleted(String path) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.paths.contains(path));
	}

}
