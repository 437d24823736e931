package io.chronotrace.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Java source text for the generated tests: string literals and text blocks that hold any
 * recorded text and compile in any source encoding, comments that nothing recorded can end,
 * and statements laid out as Spring's formatter ({@code spring-javaformat}) lays them out, so
 * that a project whose build checks the format accepts the file as it is. The layouts follow
 * the formatter's rules for the few shapes used here: lines up to 120 columns, comments up to
 * 90, a tab counting 4; a declaration of one string is never wrapped; text blocks keep their
 * content.
 */
final class JavaText {

	/** The widest line the formatter leaves as it is, a tab counting 4 columns. */
	static final int LINE_WIDTH = 120;

	/** The widest comment line the formatter leaves as it is. */
	static final int COMMENT_WIDTH = 90;

	/**
	 * The most characters in one literal: a compiled string constant holds at most 65535
	 * bytes, and a character takes up to three.
	 */
	static final int MAX_CONSTANT_CHARS = 20_000;

	private JavaText() {
	}

	/**
	 * A Java string literal on one line: escapes everything javac would read differently,
	 * non-ASCII included (so the file compiles in any encoding).
	 * @param text the text
	 * @return the literal, quotes included
	 */
	static String literal(String text) {
		StringBuilder literal = new StringBuilder(text.length() + 16).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> literal.append("\\\"");
				case '\\' -> literal.append("\\\\");
				case '\n' -> literal.append("\\n");
				case '\r' -> literal.append("\\r");
				case '\t' -> literal.append("\\t");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						literal.append(String.format("\\u%04x", (int) c));
					}
					else {
						literal.append(c);
					}
				}
			}
		}
		return literal.append('"').toString();
	}

	/**
	 * Whether text reads best as a text block: it has lines.
	 * @param text the text
	 * @return whether {@link #textBlock} suits it
	 */
	static boolean suitsTextBlock(String text) {
		return text.indexOf('\n') >= 0;
	}

	/**
	 * A text block whose value is exactly the text. Its lines are indented two tabs deeper
	 * than the statement, the closing delimiter stands on its own line (so it alone sets the
	 * indentation the compiler strips), and what the compiler would otherwise change is
	 * escaped: backslashes, every third quote in a row, control characters, non-ASCII
	 * characters, a space ending a line ({@code \s}), other whitespace ending a line (kept by
	 * an escaped line break) and a last line without a line break (joined to the delimiter's
	 * line by an escaped line break).
	 * @param text the text
	 * @param indent the statement's indentation (tabs)
	 * @return the text block, from its opening to its closing delimiter
	 */
	static String textBlock(String text, String indent) {
		String contentIndent = indent + "\t\t";
		StringBuilder block = new StringBuilder(text.length() + text.length() / 8 + 32).append("\"\"\"\n");
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			boolean last = i == lines.length - 1;
			if (last && line.isEmpty()) {
				break;
			}
			if (!line.isEmpty()) {
				block.append(contentIndent).append(textBlockLine(line));
			}
			if (last) {
				block.append('\\');
			}
			else if (!line.isEmpty() && endsInOtherWhitespace(line)) {
				// the compiler strips whitespace ending a line: make the line break an escape
				block.append("\\n\\");
			}
			block.append('\n');
		}
		return block.append(contentIndent).append("\"\"\"").toString();
	}

	private static String textBlockLine(String line) {
		StringBuilder escaped = new StringBuilder(line.length() + 8);
		int quotes = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			quotes = (c == '"') ? quotes + 1 : 0;
			switch (c) {
				case '"' -> {
					if (quotes == 3) {
						escaped.append("\\\"");
						quotes = 0;
					}
					else {
						escaped.append('"');
					}
				}
				case '\\' -> escaped.append("\\\\");
				case '\t' -> escaped.append("\\t");
				case '\r' -> escaped.append("\\r");
				case '\b' -> escaped.append("\\b");
				case '\f' -> escaped.append("\\f");
				case ' ' -> escaped.append((i == line.length() - 1) ? "\\s" : " ");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						// octal: a unicode escape would become the character itself before
						// the compiler strips whitespace
						escaped.append(String.format("\\%03o", (int) c));
					}
					else if (c > 0x7e) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	private static boolean endsInOtherWhitespace(String line) {
		char last = line.charAt(line.length() - 1);
		return last > 0x7e && Character.isWhitespace(last);
	}

	/**
	 * Declares a string variable holding the text: a literal, a text block, or for text too
	 * long for one constant, a {@code StringBuilder} filled in parts.
	 * @param source where the statements go
	 * @param indent the statements' indentation
	 * @param name the variable's name
	 * @param text its value
	 */
	static void declareString(StringBuilder source, String indent, String name, String text) {
		if (text.length() <= MAX_CONSTANT_CHARS) {
			source.append(indent).append("String ").append(name).append(" = ").append(expression(text, indent))
				.append(";\n");
			return;
		}
		String parts = name + "Parts";
		source.append(indent).append("StringBuilder ").append(parts).append(" = new StringBuilder();\n");
		for (String part : parts(text)) {
			if (suitsTextBlock(part) && fitsTextBlock(part, indent)) {
				source.append(indent).append(parts).append(".append(").append(textBlock(part, indent)).append(");\n");
			}
			else if (suitsTextBlock(part)) {
				// a line too long for the call's line: the formatter puts the call on a line of its own
				source.append(indent).append(parts).append('\n').append(indent).append("\t.append(")
					.append(textBlock(part, indent + "\t")).append(");\n");
			}
			else {
				call(source, indent, parts + ".append", List.of(literal(part)));
			}
		}
		source.append(indent).append("String ").append(name).append(" = ").append(parts).append(".toString();\n");
	}

	/** Whether every line of a text block appended at this indentation fits the formatter's width. */
	private static boolean fitsTextBlock(String text, String indent) {
		for (String line : textBlock(text, indent).split("\n")) {
			if (width(line) > LINE_WIDTH) {
				return false;
			}
		}
		return true;
	}

	private static String expression(String text, String indent) {
		return suitsTextBlock(text) ? textBlock(text, indent) : literal(text);
	}

	/** Cuts text in parts short enough for a constant, after a line break where there is one. */
	private static List<String> parts(String text) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = Math.min(text.length(), start + MAX_CONSTANT_CHARS);
			if (end < text.length()) {
				int lineEnd = text.lastIndexOf('\n', end - 1);
				if (lineEnd >= start + MAX_CONSTANT_CHARS / 2) {
					end = lineEnd + 1;
				}
				else if (Character.isHighSurrogate(text.charAt(end - 1))) {
					end--;
				}
			}
			parts.add(text.substring(start, end));
			start = end;
		}
		return parts;
	}

	/**
	 * A method call statement with short arguments first and at most one long one last, laid
	 * out as the formatter does: on one line when it fits, else the arguments wrapped two
	 * tabs deeper, after the first when the line up to it fits.
	 * @param source where the statement goes
	 * @param indent its indentation
	 * @param target what is called, such as {@code request.header}
	 * @param arguments the arguments, as source
	 */
	static void call(StringBuilder source, String indent, String target, List<String> arguments) {
		String line = indent + target + "(" + String.join(", ", arguments) + ");";
		if (width(line) <= LINE_WIDTH) {
			source.append(line).append('\n');
			return;
		}
		String wrapped = indent + "\t\t";
		String first = indent + target + "(" + arguments.get(0) + ",";
		if (arguments.size() > 1 && width(first) <= LINE_WIDTH) {
			source.append(first).append('\n').append(wrapped)
				.append(String.join(",\n" + wrapped, arguments.subList(1, arguments.size()))).append(");\n");
			return;
		}
		source.append(indent).append(target).append("(\n").append(wrapped)
			.append(String.join(",\n" + wrapped, arguments)).append(");\n");
	}

	/**
	 * Text safe in a comment: no line break, no end of comment, no backslash that javac would
	 * read as a unicode escape, ASCII only.
	 * @param text the text
	 * @return the safe text
	 */
	static String comment(String text) {
		StringBuilder safe = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				safe.append("\\\\");
			}
			else if (c == '/' && i > 0 && text.charAt(i - 1) == '*') {
				safe.append(" /");
			}
			else {
				safe.append((c < 0x20 || c > 0x7e) ? '?' : c);
			}
		}
		return safe.toString();
	}

	/**
	 * Line comments holding the text, made safe and wrapped at spaces as the formatter wraps
	 * them (a word longer than a line stands alone on its line).
	 * @param source where the comment goes
	 * @param indent its indentation
	 * @param text the text, any characters
	 */
	static void lineComment(StringBuilder source, String indent, String text) {
		for (String line : wrap(comment(text), width(indent + "// "))) {
			source.append(indent).append("// ").append(line).append('\n');
		}
	}

	/**
	 * A Javadoc comment of paragraphs, wrapped as the formatter wraps them. The text is the
	 * writer's own, not recorded: it is only made safe, not escaped for HTML.
	 * @param source where the comment goes
	 * @param indent its indentation
	 * @param paragraphs the paragraphs
	 */
	static void javadoc(StringBuilder source, String indent, List<String> paragraphs) {
		source.append(indent).append("/**\n");
		for (int i = 0; i < paragraphs.size(); i++) {
			if (i > 0) {
				source.append(indent).append(" * <p>\n");
			}
			for (String line : wrap(comment(paragraphs.get(i)), width(indent + " * "))) {
				source.append(indent).append(" * ").append(line).append('\n');
			}
		}
		source.append(indent).append(" */\n");
	}

	/** Fills lines with words up to the comment width, each line starting at a column. */
	private static List<String> wrap(String text, int start) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.trim().split(" +")) {
			if (word.isEmpty()) {
				continue;
			}
			if (line.length() > 0 && start + line.length() + 1 + word.length() > COMMENT_WIDTH) {
				lines.add(line.toString());
				line.setLength(0);
			}
			if (line.length() > 0) {
				line.append(' ');
			}
			line.append(word);
		}
		if (line.length() > 0 || lines.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

	/**
	 * The width of a line as the formatter measures it.
	 * @param line the line
	 * @return its columns, a tab counting 4
	 */
	static int width(String line) {
		int width = 0;
		for (int i = 0; i < line.length(); i++) {
			width += (line.charAt(i) == '\t') ? 4 : 1;
		}
		return width;
	}

}
