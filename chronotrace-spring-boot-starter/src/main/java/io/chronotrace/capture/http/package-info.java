/**
 * Outbound HTTP calls of RestClient, RestTemplate and WebClient, captured through the builders' customizers.
 */
@NullMarked
package io.chronotrace.capture.http;

import org.jspecify.annotations.NullMarked;
