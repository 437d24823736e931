package io.chronotrace.core.scrub;

import java.util.Arrays;

/**
 * The tokens of a SQL statement, as far as finding which column a value belongs to needs:
 * words, quoted identifiers ({@code "x"}, {@code `x`}, {@code [x]}), string literals (with
 * their {@code N}, {@code E}, {@code X} or {@code B} prefix), numbers, {@code ?} placeholders,
 * comparison operators and punctuation. Comments and white space are skipped.
 */
final class SqlTokens {

	enum Kind {

		WORD, QUOTED, STRING, NUMBER, PARAMETER, OPERATOR, OPEN, CLOSE, COMMA, DOT, SEMICOLON, OTHER

	}

	private final String sql;

	private Kind[] kinds = new Kind[32];

	private int[] starts = new int[32];

	private int[] ends = new int[32];

	private int size;

	private SqlTokens(String sql) {
		this.sql = sql;
	}

	static SqlTokens of(String sql) {
		SqlTokens tokens = new SqlTokens(sql);
		tokens.read();
		return tokens;
	}

	int size() {
		return this.size;
	}

	Kind kind(int index) {
		return (index >= 0 && index < this.size) ? this.kinds[index] : Kind.OTHER;
	}

	int start(int index) {
		return this.starts[index];
	}

	int end(int index) {
		return this.ends[index];
	}

	/** Whether the token is the given word (a keyword), whatever its case. */
	boolean isWord(int index, String word) {
		return kind(index) == Kind.WORD && this.ends[index] - this.starts[index] == word.length()
				&& this.sql.regionMatches(true, this.starts[index], word, 0, word.length());
	}

	boolean isOperator(int index, String operator) {
		return kind(index) == Kind.OPERATOR && this.ends[index] - this.starts[index] == operator.length()
				&& this.sql.startsWith(operator, this.starts[index]);
	}

	/** The name of an identifier token, without its quotes. */
	String name(int index) {
		String text = this.sql.substring(this.starts[index], this.ends[index]);
		if (this.kinds[index] != Kind.QUOTED || text.length() < 2) {
			return text;
		}
		String quote = text.substring(0, 1);
		return text.substring(1, text.length() - 1).replace(quote + quote, quote);
	}

	private void read() {
		String s = this.sql;
		int n = s.length();
		int i = 0;
		while (i < n) {
			char c = s.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
				int eol = s.indexOf('\n', i);
				i = (eol >= 0) ? eol + 1 : n;
			}
			else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
				int close = s.indexOf("*/", i + 2);
				i = (close >= 0) ? close + 2 : n;
			}
			else if (c == '\'') {
				int end = quoted(s, i, '\'');
				if (this.size > 0 && this.kinds[this.size - 1] == Kind.WORD && this.ends[this.size - 1] == i
						&& this.ends[this.size - 1] - this.starts[this.size - 1] == 1
						&& "NnEeXxBb".indexOf(s.charAt(i - 1)) >= 0) {
					this.size--;
					add(Kind.STRING, i - 1, end);
				}
				else {
					add(Kind.STRING, i, end);
				}
				i = end;
			}
			else if (c == '"' || c == '`') {
				i = add(Kind.QUOTED, i, quoted(s, i, c));
			}
			else if (c == '[') {
				int close = s.indexOf(']', i);
				i = add(Kind.QUOTED, i, (close >= 0) ? close + 1 : n);
			}
			else if (Character.isLetter(c) || c == '_') {
				int end = i + 1;
				while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || "_$#".indexOf(s.charAt(end)) >= 0)) {
					end++;
				}
				i = add(Kind.WORD, i, end);
			}
			else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
				int end = i + 1;
				while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.')) {
					end++;
				}
				i = add(Kind.NUMBER, i, end);
			}
			else if (c == '?' && (i + 1 >= n || (s.charAt(i + 1) != '|' && s.charAt(i + 1) != '&'))) {
				i = add(Kind.PARAMETER, i, i + 1);
			}
			else if ("<>=!".indexOf(c) >= 0) {
				int end = i + 1;
				while (end < n && "<>=".indexOf(s.charAt(end)) >= 0) {
					end++;
				}
				i = add(Kind.OPERATOR, i, end);
			}
			else {
				i = add(punctuation(c), i, i + 1);
			}
		}
	}

	private static Kind punctuation(char c) {
		return switch (c) {
			case '(' -> Kind.OPEN;
			case ')' -> Kind.CLOSE;
			case ',' -> Kind.COMMA;
			case '.' -> Kind.DOT;
			case ';' -> Kind.SEMICOLON;
			default -> Kind.OTHER;
		};
	}

	/** The end of a quoted token starting at {@code start}, a doubled quote being an escape. */
	private static int quoted(String s, int start, char quote) {
		int i = start + 1;
		while (i < s.length()) {
			if (s.charAt(i) == quote) {
				if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return s.length();
	}

	private int add(Kind kind, int start, int end) {
		if (this.size == this.kinds.length) {
			int capacity = this.size * 2;
			this.kinds = Arrays.copyOf(this.kinds, capacity);
			this.starts = Arrays.copyOf(this.starts, capacity);
			this.ends = Arrays.copyOf(this.ends, capacity);
		}
		this.kinds[this.size] = kind;
		this.starts[this.size] = start;
		this.ends[this.size] = end;
		this.size++;
		return end;
	}

}
