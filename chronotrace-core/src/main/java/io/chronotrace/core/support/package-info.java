/**
 * Small helpers shared by the other packages.
 */
@NullMarked
package io.chronotrace.core.support;

import org.jspecify.annotations.NullMarked;
