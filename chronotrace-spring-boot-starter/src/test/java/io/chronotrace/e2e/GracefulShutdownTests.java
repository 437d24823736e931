package io.chronotrace.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces still queued when the application shuts down gracefully are stored before the context
 * closes: none that was accepted is lost.
 */
class GracefulShutdownTests {

	@TempDir
	Path root;

	@Test
	void queuedTracesAreStoredBeforeTheContextCloses() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class,
				SlowStorageConfiguration.class)
			.run("--server.port=0", "--server.shutdown=graceful", "--chronotrace.mode=always",
					"--chronotrace.path=" + this.root, "--spring.main.banner-mode=off");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient client = HttpClient.newHttpClient();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/products?n=" + i)).build(),
					HttpResponse.BodyHandlers.ofString());
			ids.add(response.headers().firstValue("X-ChronoTrace-Id").orElseThrow());
		}
		// queued, or taken by the writer into a batch it is still storing
		int pending = ids.size() - StoredTraceFiles.traceFolders(this.root).size();
		context.close();

		assertThat(pending).as("traces not stored yet at shutdown").isGreaterThan(10);
		assertThat(StoredTraceFiles.traceFolders(this.root)).hasSize(60);
		assertThat(ids).allSatisfy((id) -> assertThat(StoredTraceFiles.folder(this.root, id)).isDirectory());
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowStorageConfiguration {

		/** Local storage that takes 25 ms per trace, so the queue fills faster than it drains. */
		@Bean
		TraceStorage slowStorage(org.springframework.core.env.Environment environment) {
			LocalFileSystemTraceStorage local = new LocalFileSystemTraceStorage(
					Path.of(environment.getRequiredProperty("chronotrace.path")), Compression.DEFAULT);
			return new TraceStorage() {

				@Override
				public long store(Trace trace) {
					try {
						Thread.sleep(25);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return local.store(trace);
				}

				@Override
				public Optional<Trace> retrieve(TraceId id) {
					return local.retrieve(id);
				}

				@Override
				public TracePage list(TraceQuery query) {
					return local.list(query);
				}

				@Override
				public boolean delete(TraceId id) {
					return local.delete(id);
				}

				@Override
				public PurgeResult purgeOlderThan(Instant cutoff) {
					return local.purgeOlderThan(cutoff);
				}

				@Override
				public StorageCheck check() {
					return local.check();
				}

			};
		}

	}

}
