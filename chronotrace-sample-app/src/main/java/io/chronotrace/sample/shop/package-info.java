/**
 * A small shop API.
 */
@NullMarked
package io.chronotrace.sample.shop;

import org.jspecify.annotations.NullMarked;
