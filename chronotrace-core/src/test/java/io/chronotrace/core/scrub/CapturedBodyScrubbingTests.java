package io.chronotrace.core.scrub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The scrubber behind the real capture: nothing unscrubbed is kept in memory or on disk. */
class CapturedBodyScrubbingTests {

	private final BodyScrubber scrubber = new DefaultBodyScrubber(ScrubRules.defaults());

	@TempDir
	Path spill;

	@Test
	void bodyKeptInMemoryIsScrubbed() {
		BodyCapture capture = new CaptureSettings(1024 * 1024, 1024 * 1024, this.spill, true, true)
			.requestBody(this.scrubber, () -> "application/json");
		String json = "{\"user\": \"bob\", \"password\": \"hunter2\", \"note\": \"mail bob@example.org\"}";
		write(capture, json);
		TraceBody body = capture.finish();
		assertThat(body.content()).isEqualTo("{\"user\": \"bob\", \"password\": \"[SCRUBBED]\", \"note\": \"mail [SCRUBBED]\"}");
		assertThat(body.size()).as("the size on the wire").isEqualTo(json.length());
	}

	@Test
	void bodySpilledToAFileIsScrubbedBeforeItIsWritten() throws Exception {
		BodyCapture capture = new CaptureSettings(1024 * 1024, 256, this.spill, true, true)
			.requestBody(this.scrubber, () -> "application/x-www-form-urlencoded");
		StringBuilder form = new StringBuilder("token=t0p-secret");
		for (int i = 0; form.length() < 10_000; i++) {
			form.append("&field").append(i).append("=value+").append(i).append("&card=4111111111111111");
		}
		write(capture, form.toString());
		capture.finish();
		TraceAttachment attachment = capture.attachment();
		String spilled = Files.readString(attachment.file(), StandardCharsets.UTF_8);
		assertThat(spilled).startsWith("token=[SCRUBBED]&field0=value+0&card=[SCRUBBED]")
			.doesNotContain("t0p-secret", "4111");
		capture.discard();
	}

	@Test
	void bodyCutAtTheCaptureLimitKeepsNoPartOfTheSecret() {
		String json = "{\"a\": 1, \"token\": \"abcdefghijklmnop\"}";
		BodyCapture capture = new CaptureSettings(30, 1024, this.spill, true, true).requestBody(this.scrubber,
				() -> "application/json");
		write(capture, json);
		TraceBody body = capture.finish();
		assertThat(body.truncated()).isTrue();
		assertThat(body.content()).isEqualTo("{\"a\": 1, \"token\": \"[SCRUBBED]\"").doesNotContain("abc");
	}

	private static void write(BodyCapture capture, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		for (int offset = 0; offset < bytes.length; offset += 7) {
			capture.write(bytes, offset, Math.min(7, bytes.length - offset));
		}
	}

}
