package io.chronotrace.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.DefaultBodyScrubber;
import io.chronotrace.core.scrub.ScrubRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of scrubbing a 1 MB JSON body while it is captured, against the cost of parsing it
 * once with Jackson. Every benchmark reads the same body; the scrubbing ones write it in 8 KB
 * pieces, as the capture does, to a sink that drops the bytes. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JsonScrubBenchmark {

	private static final int PIECE = 8192;

	private static final JsonFactory FACTORY = new JsonFactory();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final BodyScrubber scrubber = new DefaultBodyScrubber(ScrubRules.defaults());

	private final BodyScrubber copier = new DefaultBodyScrubber(ScrubRules.of(List.of(), List.of()));

	private final BodyScrubber withUserPattern = new DefaultBodyScrubber(ScrubRules.of(ScrubRules.DEFAULT_KEYS,
			List.of(ScrubRules.EMAIL, ScrubRules.CARD_NUMBER, "sk_live_[0-9a-zA-Z]{24}")));

	private byte[] body = new byte[0];

	@Setup
	public void createBody() {
		this.body = SampleBodies.ordersJson(1024 * 1024);
	}

	/** (a) Jackson, blocking parser: every token, nothing decoded that is not asked for. */
	@Benchmark
	public int parseTokens() {
		int tokens = 0;
		try (JsonParser parser = FACTORY.createParser(this.body)) {
			while (parser.nextToken() != null) {
				tokens++;
			}
		}
		return tokens;
	}

	/** (a') Jackson, blocking parser: every token and the text of every value, as a reader does. */
	@Benchmark
	public void parseValues(Blackhole blackhole) {
		try (JsonParser parser = FACTORY.createParser(this.body)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token.isScalarValue() || token == JsonToken.PROPERTY_NAME) {
					blackhole.consume(parser.getTextLength());
				}
			}
		}
	}

	/** Jackson databind: the whole body into a tree, what "parsing it" means for most code. */
	@Benchmark
	public Object parseTree() {
		return this.mapper.readTree(this.body);
	}

	/** The scrubbing stream with no keys and no patterns: scan and copy through only. */
	@Benchmark
	public void copyWithoutRules() throws IOException {
		write(this.copier);
	}

	/** (b) The scrubbing stream with the default keys and patterns. */
	@Benchmark
	public void scrub() throws IOException {
		write(this.scrubber);
	}

	/** The default keys and patterns plus a user pattern (RE2/J), which needs every string decoded. */
	@Benchmark
	public void scrubWithUserPattern() throws IOException {
		write(this.withUserPattern);
	}

	private void write(BodyScrubber scrubber) throws IOException {
		try (OutputStream out = scrubber.scrubbing(OutputStream.nullOutputStream(), "application/json")) {
			for (int offset = 0; offset < this.body.length; offset += PIECE) {
				out.write(this.body, offset, Math.min(PIECE, this.body.length - offset));
			}
		}
	}

}
