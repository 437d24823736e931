/**
 * The switch of custom events ({@code ChronoTrace.event}).
 */
@NullMarked
package io.chronotrace.capture.events;

import org.jspecify.annotations.NullMarked;
