package io.chronotrace.core.trace;

import org.jspecify.annotations.Nullable;

/**
 * The {@code SQLException} a statement threw, as a replay throws it again.
 *
 * @param type the exception's class, such as {@code org.postgresql.util.PSQLException}
 * @param sqlState its SQLState ({@code 23505} for a unique violation), when the driver gave one
 * @param errorCode its vendor error code
 * @param message its message
 */
public record SqlFailure(String type, @Nullable String sqlState, int errorCode, @Nullable String message) {
}
