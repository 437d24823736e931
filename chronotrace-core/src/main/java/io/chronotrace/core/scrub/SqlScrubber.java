package io.chronotrace.core.scrub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import io.chronotrace.core.scrub.SqlTokens.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Scrubs SQL and its bind values. Each value (a {@code ?} placeholder, a string or number
 * literal) is tied to the column it is compared with or assigned to: {@code col = ?},
 * {@code col <> ?}, {@code col LIKE ?}, {@code col IN (?, ?)}, {@code col BETWEEN ? AND ?},
 * {@code UPDATE t SET a = ?}, {@code INSERT INTO t (a, b) VALUES (?, ?), (?, ?)}, also inside a
 * function call ({@code password = crypt(?, salt)}), with quoted and qualified names
 * ({@code "t"."col"}). Bind values and literals of columns that match a key become the marker;
 * the rest, and the SQL text, are scrubbed with the value patterns. A value whose column is not
 * found that way ({@code lower(email) = ?}) gets the value patterns only.
 */
final class SqlScrubber {

	private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");

	private static final String SCRUBBED_LITERAL = "'" + ScrubRules.MARKER + "'";

	/** SQL longer than this is analysed each time rather than cached. */
	private static final int MAX_CACHED_LENGTH = 16 * 1024;

	private final ScrubRules rules;

	private final BoundedCache<String, Statement> statements = new BoundedCache<>(512);

	SqlScrubber(ScrubRules rules) {
		this.rules = rules;
	}

	/**
	 * A statement, scrubbed.
	 *
	 * @param sql the SQL with secret literals and pattern matches replaced
	 * @param secretParameters for each placeholder in order, whether its column is a secret
	 */
	record Statement(String sql, boolean[] secretParameters) {

		List<List<String>> scrub(List<List<String>> parameters, ScrubRules rules) {
			List<List<String>> scrubbed = new ArrayList<>(parameters.size());
			for (List<String> entry : parameters) {
				List<String> values = new ArrayList<>(entry.size());
				for (int i = 0; i < entry.size(); i++) {
					boolean secret = i < this.secretParameters.length && this.secretParameters[i];
					values.add(secret ? ScrubRules.MARKER : rules.scrubValue(entry.get(i)));
				}
				scrubbed.add(values);
			}
			return scrubbed;
		}

	}

	Statement scrub(String sql) {
		return (sql.length() > MAX_CACHED_LENGTH) ? analyse(sql) : this.statements.get(sql, this::analyse);
	}

	private Statement analyse(String sql) {
		SqlTokens tokens = SqlTokens.of(sql);
		Columns columns = new Columns(tokens);
		List<Boolean> secretParameters = new ArrayList<>();
		StringBuilder scrubbed = new StringBuilder(sql.length());
		int copied = 0;
		for (int k = 0; k < tokens.size(); k++) {
			String column = columns.next(k);
			Kind kind = tokens.kind(k);
			if (kind != Kind.PARAMETER && kind != Kind.STRING && kind != Kind.NUMBER) {
				continue;
			}
			boolean secret = column != null && this.rules.isSecretName(column);
			if (kind == Kind.PARAMETER) {
				secretParameters.add(secret);
			}
			else if (secret) {
				scrubbed.append(sql, copied, tokens.start(k)).append(SCRUBBED_LITERAL);
				copied = tokens.end(k);
			}
		}
		scrubbed.append(sql, copied, sql.length());
		boolean[] secrets = new boolean[secretParameters.size()];
		for (int i = 0; i < secrets.length; i++) {
			secrets[i] = secretParameters.get(i);
		}
		return new Statement(this.rules.scrubValue(scrubbed.toString()), secrets);
	}

	/** Walks the tokens and tells, for each value token, the column it belongs to. */
	private static final class Columns {

		private final SqlTokens tokens;

		private final Deque<Group> groups = new ArrayDeque<>();

		/** 0: none, 1: INSERT seen, 2: INTO seen, 3: reading the column list, 4: columns known */
		private int insert;

		private @Nullable List<String> insertColumns;

		/** The depth at which VALUES tuples open, -1 outside VALUES. */
		private int valuesDepth = -1;

		Columns(SqlTokens tokens) {
			this.tokens = tokens;
			this.groups.push(new Group(null, null));
		}

		/** Follows token {@code k}; for a value token, returns its column, if known. */
		@Nullable String next(int k) {
			Group group = this.groups.peek();
			switch (this.tokens.kind(k)) {
				case WORD, QUOTED -> {
					word(k, group);
					return null;
				}
				case OPEN -> {
					open(k, group);
					return null;
				}
				case CLOSE -> {
					if (group.columnList != null) {
						this.insertColumns = group.columnList;
						this.insert = 4;
					}
					if (this.groups.size() > 1) {
						this.groups.pop();
					}
					return null;
				}
				case COMMA -> {
					group.position++;
					return null;
				}
				case PARAMETER, STRING, NUMBER -> {
					String column = comparedColumn(k);
					return (column != null) ? column : group.column();
				}
				case SEMICOLON -> {
					reset();
					return null;
				}
				default -> {
					return null;
				}
			}
		}

		private void word(int k, Group group) {
			if (group.columnList != null) {
				if (this.tokens.kind(k - 1) == Kind.DOT && !group.columnList.isEmpty()) {
					// a qualified name: keep its last part
					group.columnList.set(group.columnList.size() - 1, this.tokens.name(k));
				}
				else {
					group.columnList.add(this.tokens.name(k));
				}
			}
			else if (this.tokens.isWord(k, "INSERT") || this.tokens.isWord(k, "REPLACE")) {
				this.insert = 1;
				this.insertColumns = null;
				this.valuesDepth = -1;
			}
			else if (this.insert == 1 && this.tokens.isWord(k, "INTO")) {
				this.insert = 2;
			}
			else if (this.insert == 4 && (this.tokens.isWord(k, "VALUES") || this.tokens.isWord(k, "VALUE"))) {
				this.valuesDepth = this.groups.size();
			}
			else if (this.tokens.isWord(k, "SELECT")) {
				this.valuesDepth = -1;
			}
		}

		private void open(int k, Group group) {
			if (this.insert == 2 && isIdentifier(k - 1) && !this.tokens.isWord(k - 1, "VALUES")) {
				this.insert = 3;
				this.groups.push(new Group(null, new ArrayList<>()));
			}
			else if (this.valuesDepth == this.groups.size() && this.insertColumns != null) {
				Group tuple = new Group(null, null);
				tuple.tupleColumns = this.insertColumns;
				this.groups.push(tuple);
			}
			else if (this.tokens.isWord(k - 1, "IN")) {
				int in = k - 1;
				this.groups.push(new Group(identifierBefore(this.tokens.isWord(in - 1, "NOT") ? in - 1 : in), null));
			}
			else if (this.tokens.kind(k - 1) == Kind.WORD && isComparison(k - 2)) {
				this.groups.push(new Group(comparedColumn(k - 1), null));
			}
			else {
				this.groups.push(new Group(group.column(), null));
			}
		}

		/** A new statement starts. */
		private void reset() {
			this.insert = 0;
			this.insertColumns = null;
			this.valuesDepth = -1;
			this.groups.clear();
			this.groups.push(new Group(null, null));
		}

		/** The column a value at {@code k} is compared with, if the tokens before say it. */
		private @Nullable String comparedColumn(int k) {
			int p = k - 1;
			if (isComparison(p)) {
				return identifierBefore(this.tokens.isWord(p - 1, "NOT") ? p - 1 : p);
			}
			if (this.tokens.isWord(p, "BETWEEN")) {
				return identifierBefore(p);
			}
			if (this.tokens.isWord(p, "AND") && this.tokens.isWord(p - 2, "BETWEEN")) {
				return identifierBefore(p - 2);
			}
			return null;
		}

		private boolean isComparison(int index) {
			if (this.tokens.kind(index) == Kind.OPERATOR) {
				for (String operator : COMPARISONS) {
					if (this.tokens.isOperator(index, operator)) {
						return true;
					}
				}
				return false;
			}
			return this.tokens.isWord(index, "LIKE") || this.tokens.isWord(index, "ILIKE");
		}

		private @Nullable String identifierBefore(int index) {
			return isIdentifier(index - 1) ? this.tokens.name(index - 1) : null;
		}

		private boolean isIdentifier(int index) {
			Kind kind = this.tokens.kind(index);
			return kind == Kind.WORD || kind == Kind.QUOTED;
		}

	}

	/** A parenthesized group: the column its values belong to, or a list of columns. */
	private static final class Group {

		private final @Nullable String column;

		private final @Nullable List<String> columnList;

		private @Nullable List<String> tupleColumns;

		private int position;

		Group(@Nullable String column, @Nullable List<String> columnList) {
			this.column = column;
			this.columnList = columnList;
		}

		@Nullable String column() {
			if (this.tupleColumns != null) {
				return (this.position < this.tupleColumns.size()) ? this.tupleColumns.get(this.position) : null;
			}
			return this.column;
		}

	}

}
