package io.chronotrace.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.scrub.DefaultBodyScrubber;
import io.chronotrace.core.scrub.DefaultTraceScrubber;
import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.PendingTrace;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.servlet.ChronoTraceFilter;
import io.chronotrace.web.servlet.ModeRecordingPolicy;
import io.chronotrace.web.servlet.RecordingPolicy;
import io.chronotrace.web.servlet.TraceAssembler;
import io.chronotrace.web.servlet.TraceRecorder;
import io.chronotrace.web.servlet.TracingContextResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * One request through the recording servlet filter, on the request thread, in each mode: what
 * recording costs the application's request before anything is stored. The requests are those
 * of the HTTP load benchmark ({@code chronotrace-benchmark-app}): a GET answered with a small
 * JSON, and a POST of the 1 KB JSON order echoed back. {@code off} runs the same chain without
 * the filter; {@code recordOnError} is the default mode with nothing failing (every capture
 * thrown away); {@code always} keeps every trace and hands it to a writer that, as the async
 * writer does, leaves its finishing (scrubbing and decoding the bodies) to a thread of its own,
 * so only the request thread's work is counted; {@code alwaysFinished} also finishes each trace
 * on the request thread, which counts the whole of a trace's work but its serialization and
 * storage.
 *
 * <pre>
 * java -jar chronotrace-benchmarks/target/benchmarks.jar RecordingFilterBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordingFilterBenchmark {

	private static final byte[] PRODUCT = "{\"id\":42,\"name\":\"Espresso beans 1kg\",\"price\":24.90,\"tags\":[\"coffee\",\"beans\"]}"
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] ORDER = SampleBodies.loadTestOrder().getBytes(StandardCharsets.UTF_8);

	@Param({ "off", "recordOnError", "always", "alwaysFinished" })
	public String mode;

	@Param({ "get", "post" })
	public String request;

	private ChronoTraceFilter filter;

	private FilterChain application;

	private long stored;

	private PendingTrace last;

	@Setup(Level.Trial)
	public void setUp() throws IOException, ServletException {
		Path spill = Files.createTempDirectory("chronotrace-benchmark-spill");
		CaptureSettings settings = new CaptureSettings(10L * 1024 * 1024, 1024 * 1024, spill, true, true, false);
		RecordingPolicy policy = switch (this.mode) {
			case "always", "alwaysFinished" -> ModeRecordingPolicy.always(List.of());
			default -> ModeRecordingPolicy.onError(List.of());
		};
		boolean finish = "alwaysFinished".equals(this.mode);
		TraceWriter dropping = new TraceWriter() {

			@Override
			public void write(Trace trace) {
				RecordingFilterBenchmark.this.stored++;
			}

			@Override
			public void write(PendingTrace pending) {
				if (finish) {
					write(pending.complete());
				}
				else {
					// as the async writer: finished on a thread of its own
					RecordingFilterBenchmark.this.last = pending;
					RecordingFilterBenchmark.this.stored++;
				}
			}

		};
		TraceRecorder recorder = new TraceRecorder(
				new TraceAssembler("benchmark", TracingContextResolver.traceparent(), 50),
				new DefaultTraceScrubber(ScrubRules.defaults()), dropping);
		this.filter = new ChronoTraceFilter(policy, settings, new DefaultBodyScrubber(ScrubRules.defaults()), recorder,
				1000);
		this.filter.init(new MockFilterConfig());
		this.application = "get".equals(this.request) ? (req, res) -> {
			HttpServletResponse response = (HttpServletResponse) res;
			response.setStatus(200);
			response.setContentType("application/json");
			try (OutputStream out = response.getOutputStream()) {
				out.write(PRODUCT);
			}
		} : (req, res) -> {
			byte[] body;
			try (InputStream in = req.getInputStream()) {
				body = in.readAllBytes();
			}
			HttpServletResponse response = (HttpServletResponse) res;
			response.setStatus(200);
			response.setContentType("application/json");
			try (OutputStream out = response.getOutputStream()) {
				out.write(body);
			}
		};
	}

	@Benchmark
	public void request(Blackhole blackhole) throws IOException, ServletException {
		MockHttpServletRequest request;
		if ("get".equals(this.request)) {
			request = new BulkRequest("GET", "/api/products/42");
			request.addHeader("Accept", "application/json");
		}
		else {
			request = new BulkRequest("POST", "/api/echo");
			request.setContentType("application/json");
			request.addHeader("Content-Type", "application/json");
			request.setContent(ORDER);
		}
		request.addHeader("Host", "localhost:8080");
		request.addHeader("User-Agent", "wrk");
		BulkResponse response = new BulkResponse();
		if ("off".equals(this.mode)) {
			this.application.doFilter(request, response);
		}
		else {
			this.filter.doFilter(request, response, this.application);
		}
		blackhole.consume(response.written.size());
	}

	/** Spring's mock request, reading its body in bulk as a container does (the mock reads byte by byte). */
	static final class BulkRequest extends MockHttpServletRequest {

		BulkRequest(String method, String uri) {
			super(method, uri);
		}

		@Override
		public ServletInputStream getInputStream() {
			byte[] content = getContentAsByteArray();
			ByteArrayInputStream in = new ByteArrayInputStream((content != null) ? content : new byte[0]);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

	/** Spring's mock response, taking its body in bulk as a container does. */
	static final class BulkResponse extends MockHttpServletResponse {

		final ByteArrayOutputStream written = new ByteArrayOutputStream(2048);

		private final ServletOutputStream stream = new ServletOutputStream() {

			@Override
			public void write(int b) {
				BulkResponse.this.written.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				BulkResponse.this.written.write(b, off, len);
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
				throw new UnsupportedOperationException();
			}

		};

		@Override
		public ServletOutputStream getOutputStream() {
			return this.stream;
		}

	}

}
