package io.chronotrace.core.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** What tests do to the attachment rows of a JDBC storage, as someone who can write to the table would. */
final class JdbcAttachmentRows {

	private JdbcAttachmentRows() {
	}

	/**
	 * Changes the byte in the middle of the first chunk of an attachment; the table holds one
	 * trace with an attachment of that name.
	 * @return whether there was such a chunk
	 */
	static boolean flipMiddleByte(DataSource dataSource, JdbcTables tables, String name) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT content FROM " + tables.attachments() + " WHERE name = ? AND chunk = 0");
				PreparedStatement update = connection
					.prepareStatement("UPDATE " + tables.attachments() + " SET content = ? WHERE name = ? AND chunk = 0")) {
			select.setString(1, name);
			byte[] content;
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					return false;
				}
				content = row.getBytes(1);
			}
			content[content.length / 2] ^= 0x5a;
			update.setBytes(1, content);
			update.setString(2, name);
			return update.executeUpdate() == 1;
		}
	}

}
