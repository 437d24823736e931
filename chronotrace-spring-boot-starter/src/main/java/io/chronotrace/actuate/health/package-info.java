/**
 * The {@code chronotrace} health indicator.
 */
@NullMarked
package io.chronotrace.actuate.health;

import org.jspecify.annotations.NullMarked;
