/**
 * The trace of a request while it is recorded, how capture code finds it, and bounded body
 * capture.
 */
@NullMarked
package io.chronotrace.core.recording;

import org.jspecify.annotations.NullMarked;
