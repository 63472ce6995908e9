package dev.mskcdc.connector.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mskcdc.connector.preflight.CapturedTables.Table;

import static dev.mskcdc.connector.preflight.Outcome.pass;
import static dev.mskcdc.connector.preflight.Outcome.warn;

/**
 * A zero date ({@code 0000-00-00}, accepted unless sql_mode has strict mode and NO_ZERO_DATE) in a {@code NOT NULL}
 * DATE, DATETIME or TIMESTAMP column reaches Kafka as the column's DEFAULT (or the epoch when it has none), a value the
 * row never held: Debezium 3.6.1 converts the zero date to null, and for a column that may not be null
 * {@code io.debezium.jdbc.JdbcValueConverters#convertValue} returns the schema's default instead. No setting changes
 * this; the check warns where a captured table can hit it under the server's default sql_mode.
 */
final class ZeroDatesCheck implements Check {

    private static final Set<String> DATE_TYPES = Set.of("date", "datetime", "timestamp");

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        String sqlMode = server.variable("sql_mode").orElse("").toUpperCase(Locale.ROOT);
        boolean strict = sqlMode.contains("STRICT_TRANS_TABLES") || sqlMode.contains("STRICT_ALL_TABLES");
        boolean zeroDatesRefused = strict && sqlMode.contains("NO_ZERO_DATE");
        List<String> columns = notNullDateColumns(server);
        if (columns.isEmpty()) {
            return pass("no captured table has a NOT NULL DATE, DATETIME or TIMESTAMP column");
        }
        if (zeroDatesRefused) {
            return pass("the server's sql_mode refuses zero dates (strict mode and NO_ZERO_DATE); a session that "
                    + "lowers its own sql_mode can still write one into " + names(columns));
        }
        return warn(
                "sql_mode='" + sqlMode + "' accepts zero dates, and a zero date in " + names(columns)
                        + " arrives in Kafka as the column's DEFAULT (Debezium cannot emit null for a NOT NULL column)",
                "Keep strict mode and NO_ZERO_DATE in sql_mode (MySQL 8.0's default) in the parameter group, or make "
                        + "these columns NULL-able so a zero date arrives as null.");
    }

    private static List<String> notNullDateColumns(ServerView server) {
        List<String> columns = new ArrayList<>();
        for (Table table : server.captured()) {
            for (ServerView.Column column : server.columns(table)) {
                if (!column.nullable() && DATE_TYPES.contains(column.dataType().toLowerCase(Locale.ROOT))) {
                    columns.add(table.qualified() + "." + column.name());
                }
            }
        }
        return columns;
    }

    private static String names(List<String> columns) {
        List<String> shown = columns.subList(0, Math.min(5, columns.size()));
        return String.join(", ", shown) + (columns.size() > shown.size() ? ", ..." : "");
    }
}
