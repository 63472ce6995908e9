package dev.mskcdc.connector.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few ways the checks read the server: a global variable, a column of rows, rows. */
final class ServerQueries {

    private ServerQueries() {}

    /** A global variable's value, or empty when this server has no such variable. */
    static Optional<String> variable(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            return rows.next() ? Optional.ofNullable(rows.getString(2)) : Optional.empty();
        }
    }

    static List<String> strings(Connection connection, String sql, int column) throws SQLException {
        return rows(connection, sql, column).stream()
                .map(row -> row.get(column - 1))
                .toList();
    }

    static List<List<String>> rows(Connection connection, String sql, int columns) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
