package io.chronotrace.web.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.CustomEvent;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A small application whose controllers exercise what recording must survive: async results,
 * streaming, form posts, uploads, large bodies and failures.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RecordingTestApplication.TestController.class, RecordedTraces.class, CompletedRequests.class,
		RecordingTestApplication.StreamGate.class })
class RecordingTestApplication {

	/**
	 * Notes each request once the container ended it, after every dispatch (error pages
	 * included) and after ChronoTrace's own listener.
	 */
	@Bean
	ServletListenerRegistrationBean<ServletRequestListener> completedRequestsListener(CompletedRequests completed) {
		ServletRequestListener listener = new ServletRequestListener() {

			@Override
			public void requestDestroyed(ServletRequestEvent event) {
				HttpServletRequest request = (HttpServletRequest) event.getServletRequest();
				completed.add(request.getRequestURI() + "?" + request.getQueryString());
			}

		};
		return new ServletListenerRegistrationBean<>(listener);
	}

	@RestController
	static class TestController {

		private final StreamGate gate;

		TestController(StreamGate gate) {
			this.gate = gate;
		}

		@GetMapping({ "/hello", "/checkout/{id}", "/other" })
		String hello() {
			return "hello";
		}

		@PostMapping("/echo")
		ResponseEntity<byte[]> echo(@RequestBody byte[] body, @RequestHeader(HttpHeaders.CONTENT_TYPE) String type) {
			return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, type).body(body);
		}

		@PostMapping(path = "/greeting", produces = "application/json")
		Map<String, String> greeting(@RequestBody Map<String, String> body) {
			return Map.of("greeting", "Grüß dich, " + body.get("name") + "! 你好");
		}

		@PostMapping("/form")
		String form(@RequestParam String name, @RequestParam int age) {
			return name + " is " + age;
		}

		@PostMapping("/upload")
		String upload(@RequestParam String title, @RequestParam MultipartFile file) throws IOException {
			return title + ":" + file.getOriginalFilename() + ":" + Checksums.sha256(file.getInputStream());
		}

		@PostMapping("/upload-raw")
		String uploadRaw(HttpServletRequest request) throws IOException {
			return Checksums.sha256(request.getInputStream());
		}

		@GetMapping("/download")
		void download(@RequestParam long size, HttpServletResponse response) throws IOException {
			response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
			response.setContentLengthLong(size);
			try (InputStream in = new PatternInputStream(size)) {
				in.transferTo(response.getOutputStream());
			}
		}

		/** A redirect rendered as a view, as a form's controller answers: the container adds the locale's language. */
		@GetMapping("/go")
		ModelAndView go() {
			return new ModelAndView("redirect:/hello");
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/conflict")
		String conflict() {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "name already taken");
		}

		@GetMapping("/out-of-stock")
		String outOfStock() {
			throw new OutOfStockException();
		}

		@ExceptionHandler
		ProblemDetail handle(OutOfStockException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
					"Only 2 left of product 7");
			problem.setTitle("Out of stock");
			return problem;
		}

		@GetMapping("/fail")
		ResponseEntity<String> fail() {
			return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("failed on purpose");
		}

		@GetMapping("/unavailable")
		String unavailable() {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "down for maintenance");
		}

		@GetMapping("/writer-then-stream")
		void writerThenStream(HttpServletResponse response) throws IOException {
			PrintWriter writer = response.getWriter();
			try {
				response.getOutputStream();
				writer.write("accepted");
			}
			catch (IllegalStateException ex) {
				writer.write("rejected");
			}
		}

		@GetMapping(path = "/latin1", produces = "text/plain;charset=ISO-8859-1")
		String latin1() {
			return "Crème brûlée à la française";
		}

		@GetMapping("/callable")
		Callable<String> callable() {
			return () -> "from callable";
		}

		@GetMapping("/events")
		Callable<String> events() {
			addEvent("on the request thread");
			return () -> {
				addEvent("in the callable");
				return "events added";
			};
		}

		private static void addEvent(String name) {
			ActiveTrace trace = TraceContextHolder.current();
			if (trace != null) {
				trace.add(new CustomEvent(trace.elapsedMicros(), 0, "ok", name, Map.of()));
			}
		}

		@GetMapping("/callable-boom")
		Callable<String> callableBoom() {
			return () -> {
				throw new IllegalStateException("callable boom");
			};
		}

		@GetMapping("/deferred")
		DeferredResult<String> deferred() {
			DeferredResult<String> result = new DeferredResult<>();
			CompletableFuture.runAsync(() -> result.setResult("from deferred"));
			return result;
		}

		@GetMapping("/sse")
		SseEmitter sse() throws IOException {
			SseEmitter emitter = new SseEmitter(30_000L);
			emitter.send(SseEmitter.event().name("tick").data("first"));
			CompletableFuture.runAsync(() -> {
				try {
					this.gate.await();
					emitter.send(SseEmitter.event().name("tick").data("second"));
					emitter.complete();
				}
				catch (Exception ex) {
					emitter.completeWithError(ex);
				}
			});
			return emitter;
		}

		@GetMapping(path = "/stream", produces = "text/plain")
		StreamingResponseBody stream(HttpServletResponse response) {
			return (OutputStream out) -> {
				out.write("first\n".getBytes());
				// Spring 7 ignores out.flush() unless spring.http.response.flush.enabled is set
				response.flushBuffer();
				this.gate.await();
				out.write("second\n".getBytes());
			};
		}

	}

	static class OutOfStockException extends RuntimeException {

	}

	/** Holds streaming responses back until a test lets them finish. */
	static class StreamGate {

		private volatile CountDownLatch latch = new CountDownLatch(1);

		void close() {
			this.latch = new CountDownLatch(1);
		}

		void open() {
			this.latch.countDown();
		}

		void await() throws IOException {
			try {
				if (!this.latch.await(30, TimeUnit.SECONDS)) {
					throw new IOException("The test never opened the gate");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}

	}

}
