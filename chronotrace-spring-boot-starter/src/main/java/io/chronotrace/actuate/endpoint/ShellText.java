package io.chronotrace.actuate.endpoint;

/**
 * Recorded text made safe for a shell command that a person pastes into a terminal.
 * <p>
 * Two dangers, beyond the shell's own syntax: a comment ends at a line break, so a recorded
 * value that holds one would put the rest of it on a line of its own; and a terminal or
 * readline acts on control characters as they are pasted (an escape sequence can end bracketed
 * paste, after which {@code Ctrl-A} or {@code Ctrl-U} edit the line being pasted), so no control
 * character may reach the terminal, inside quotes or not. Line breaks inside single quotes are
 * only text to the shell and stay, so that a multi-line body stays readable.
 */
final class ShellText {

	private ShellText() {
	}

	/**
	 * A literal argument: single-quoted when the text is printable (line breaks allowed), so
	 * that any POSIX shell reads it as is; otherwise in bash's {@code $'...'} form with every
	 * control or bidirectional-formatting character escaped.
	 * @param text the text
	 * @return the quoted argument
	 */
	static String literal(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\n' && isUnsafe(c)) {
				return ansiC(text);
			}
		}
		return "'" + text.replace("'", "'\\''") + "'";
	}

	/**
	 * Text for a comment line: every line break, control or bidirectional-formatting character
	 * becomes {@code ?}.
	 * @param text the text
	 * @return text that stays in its comment
	 */
	static String comment(String text) {
		StringBuilder safe = null;
		for (int i = 0; i < text.length(); i++) {
			if (isUnsafe(text.charAt(i))) {
				if (safe == null) {
					safe = new StringBuilder(text);
				}
				safe.setCharAt(i, '?');
			}
		}
		return (safe != null) ? safe.toString() : text;
	}

	/**
	 * Whether a character must not reach a terminal as it is: C0 and C1 controls, DEL, and the
	 * characters that reorder how text is shown (which could make a command read as another).
	 */
	static boolean isUnsafe(char c) {
		return Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
				|| c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\u2028' || c == '\u2029';
	}

	private static String ansiC(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 16).append("$'");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\'' -> quoted.append("\\'");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\t' -> quoted.append("\\t");
				case '\r' -> quoted.append("\\r");
				// history expansion acts on '!' in interactive shells
				case '!' -> quoted.append("\\x21");
				default -> {
					if (c < 0x80 && isUnsafe(c)) {
						quoted.append(String.format("\\x%02x", (int) c));
					}
					else if (isUnsafe(c)) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('\'').toString();
	}

}
