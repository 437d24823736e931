package io.chronotrace.web.servlet;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The tests that run against the application in 'always' mode, with a capture limit of 64 KB,
 * bodies above 16 KB spilled to attachment files, and binary bodies kept (as base64) so that
 * large binary transfers show the capture at work. They share one application context.
 */
@SpringBootTest(classes = RecordingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=recording-test", "chronotrace.mode=always",
				"chronotrace.capture.max-body-size=64KB", "chronotrace.compression.max-payload-size=16KB",
				"chronotrace.capture.binary-bodies=true" })
abstract class AlwaysRecordingTests extends RecordingTests {

	static final int CAPTURE_LIMIT = 64 * 1024;

}
