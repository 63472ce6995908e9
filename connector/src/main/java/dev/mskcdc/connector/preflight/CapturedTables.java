package dev.mskcdc.connector.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Debezium's include/exclude lists and message.key.columns, applied to the tables a server has.
 * Like Debezium: comma-separated regular expressions, matched against the whole name, ignoring case;
 * databases by name, tables as {@code database.table}.
 */
final class CapturedTables {

    record Table(String database, String name) {
        String qualified() {
            return database + "." + name;
        }
    }

    private final List<Pattern> databaseInclude;
    private final List<Pattern> databaseExclude;
    private final List<Pattern> tableInclude;
    private final List<Pattern> tableExclude;
    private final Map<Pattern, List<String>> keyColumns;

    /** Reads the lists from the connector's properties; a malformed entry is refused here, before any connection. */
    CapturedTables(Properties properties) {
        databaseInclude = patterns(properties, ConnectorSettings.DATABASE_INCLUDE);
        databaseExclude = patterns(properties, ConnectorSettings.DATABASE_EXCLUDE);
        tableInclude = patterns(properties, ConnectorSettings.TABLE_INCLUDE);
        tableExclude = patterns(properties, ConnectorSettings.TABLE_EXCLUDE);
        keyColumns = keyColumns(properties.getProperty(ConnectorSettings.MESSAGE_KEY_COLUMNS, ""));
    }

    List<Table> captured(List<Table> all) {
        return all.stream().filter(this::isCaptured).toList();
    }

    /** Include-list entries that select nothing: almost always a typo or a missing grant. */
    List<String> unmatchedIncludes(List<Table> all) {
        List<String> unmatched = new ArrayList<>();
        for (Pattern pattern : databaseInclude) {
            if (all.stream()
                    .noneMatch(table -> pattern.matcher(table.database()).matches())) {
                unmatched.add(ConnectorSettings.DATABASE_INCLUDE + " entry '" + pattern.pattern() + "'");
            }
        }
        for (Pattern pattern : tableInclude) {
            if (all.stream()
                    .noneMatch(table -> pattern.matcher(table.qualified()).matches())) {
                unmatched.add(ConnectorSettings.TABLE_INCLUDE + " entry '" + pattern.pattern() + "'");
            }
        }
        return unmatched;
    }

    /** The key columns message.key.columns configures for this table, if any. */
    Optional<List<String>> configuredKey(Table table) {
        return keyColumns.entrySet().stream()
                .filter(entry -> entry.getKey().matcher(table.qualified()).matches())
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Whether the database lists select this database (Debezium reads the signal table's binlog events only then). */
    boolean isCapturedDatabase(String name) {
        return databaseInclude.isEmpty()
                ? databaseExclude.stream().noneMatch(p -> p.matcher(name).matches())
                : databaseInclude.stream().anyMatch(p -> p.matcher(name).matches());
    }

    private boolean isCaptured(Table table) {
        boolean database = isCapturedDatabase(table.database());
        boolean name = tableInclude.isEmpty()
                ? tableExclude.stream()
                        .noneMatch(p -> p.matcher(table.qualified()).matches())
                : tableInclude.stream()
                        .anyMatch(p -> p.matcher(table.qualified()).matches());
        return database && name;
    }

    private static List<Pattern> patterns(Properties properties, String key) {
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : properties.getProperty(key, "").split("(?<!\\\\),")) {
            if (!entry.isBlank()) {
                patterns.add(compile(entry.strip(), key));
            }
        }
        return patterns;
    }

    /** "db.table:col1,col2;db.other:col" */
    private static Map<Pattern, List<String>> keyColumns(String value) {
        Map<Pattern, List<String>> keys = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new PreflightSettingsException(ConnectorSettings.MESSAGE_KEY_COLUMNS + " entry '" + entry.strip()
                        + "' is not <database>.<table>:<column>[,<column>...]");
            }
            List<String> columns = new ArrayList<>();
            for (String column : entry.substring(colon + 1).split(",")) {
                columns.add(column.strip().toLowerCase(Locale.ROOT));
            }
            keys.put(compile(entry.substring(0, colon).strip(), ConnectorSettings.MESSAGE_KEY_COLUMNS), columns);
        }
        return keys;
    }

    private static Pattern compile(String regex, String key) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new PreflightSettingsException(
                    key + " entry '" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
    }
}
