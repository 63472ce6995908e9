package dev.mskcdc.connector.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.mskcdc.connector.preflight.CapturedTables.Table;

/**
 * What the checks need to know about the server, read once with the connector's credentials: its version, the
 * account and its grants, the global variables, the tables the account can see (with their columns and primary
 * keys) and which of them the connector captures. A check that needs one more answer asks {@link #rows}.
 */
final class ServerView {

    /** A column as information_schema.COLUMNS describes it. */
    record Column(String name, String dataType, boolean nullable) {}

    private static final String SYSTEM_SCHEMAS = "('mysql', 'information_schema', 'performance_schema', 'sys')";

    private final Connection connection;
    private final String version;
    private final String account;
    private final Grants grants;
    private final Map<String, String> variables;
    private final List<Table> tables;
    private final List<Table> captured;
    private final Set<Table> withPrimaryKey;
    private final Map<Table, List<Column>> columns;

    private ServerView(Connection connection, CapturedTables capture) throws SQLException {
        this.connection = connection;
        this.version = rows("SELECT VERSION()", 1).get(0).get(0);
        this.account = rows("SELECT CURRENT_USER()", 1).get(0).get(0);
        this.grants = Grants.parse(rows("SHOW GRANTS FOR CURRENT_USER()", 1).stream()
                .map(row -> row.get(0))
                .toList());
        this.variables = new HashMap<>();
        for (List<String> row : rows("SHOW GLOBAL VARIABLES", 2)) {
            variables.put(row.get(0).toLowerCase(Locale.ROOT), row.get(1));
        }
        this.tables = new ArrayList<>();
        for (List<String> row : rows(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                        + "WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN " + SYSTEM_SCHEMAS
                        + " ORDER BY 1, 2",
                2)) {
            tables.add(new Table(row.get(0), row.get(1)));
        }
        this.captured = capture.captured(tables);
        this.withPrimaryKey = new HashSet<>();
        // STATISTICS, not TABLE_CONSTRAINTS: MariaDB shows constraints only to users with more than SELECT.
        for (List<String> row : rows(
                "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME FROM information_schema.STATISTICS "
                        + "WHERE INDEX_NAME = 'PRIMARY'",
                2)) {
            withPrimaryKey.add(new Table(row.get(0), row.get(1)));
        }
        this.columns = new HashMap<>();
        for (List<String> row : rows(
                "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM information_schema.COLUMNS "
                        + "ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
                5)) {
            columns.computeIfAbsent(new Table(row.get(0), row.get(1)), table -> new ArrayList<>())
                    .add(new Column(row.get(2), row.get(3), !row.get(4).equalsIgnoreCase("NO")));
        }
    }

    static ServerView read(Connection connection, ConnectorSettings settings) throws SQLException {
        return new ServerView(connection, settings.capture());
    }

    String version() {
        return version;
    }

    /** The account the server authenticated, as {@code CURRENT_USER()} prints it: {@code debezium@%}. */
    String account() {
        return account;
    }

    Grants grants() {
        return grants;
    }

    /** A global variable's value, or empty when this server has no such variable. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** Whether a boolean variable is on; a server without it counts as off. */
    boolean isOn(String name) {
        String value = variable(name).orElse("OFF");
        return value.equals("1") || value.equalsIgnoreCase("ON");
    }

    /** Every base table outside the system schemas that the account can see, by database and name. */
    List<Table> tables() {
        return tables;
    }

    /** The tables the connector's include and exclude lists select, in the order of {@link #tables()}. */
    List<Table> captured() {
        return captured;
    }

    boolean hasPrimaryKey(Table table) {
        return withPrimaryKey.contains(table);
    }

    /** The table's columns in their order; empty if no table has that name as the server spells it, or it is hidden. */
    List<Column> columns(Table table) {
        return columns.getOrDefault(table, List.of());
    }

    /** Rows of a query only one check needs, each value as a string. */
    List<List<String>> rows(String sql, int columnCount) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> row = new ArrayList<>(columnCount);
                for (int i = 1; i <= columnCount; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** An error's first line: enough to act on, without the driver's stack of causes. */
    static String firstLine(SQLException error) {
        String message = error.getMessage();
        return message == null ? "(no message)" : message.lines().findFirst().orElse(message);
    }
}
