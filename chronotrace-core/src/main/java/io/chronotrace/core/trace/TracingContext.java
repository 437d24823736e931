package io.chronotrace.core.trace;

/**
 * The distributed tracing ids of the request (Micrometer Tracing), linking a ChronoTrace trace
 * to the same request in Zipkin, Tempo or Jaeger.
 *
 * @param traceId the distributed trace id
 * @param spanId the id of the span that was current when the request was recorded
 */
public record TracingContext(String traceId, String spanId) {
}
