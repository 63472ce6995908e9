package dev.mskcdc.packaging.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of every cell (column x path) for one connector configuration. */
final class Matrix {

    enum ValuePath {
        SNAPSHOT("snapshot"),
        INSERT("insert"),
        UPDATE_FROM_NULL("update from NULL"),
        UPDATE_TO_NULL("update to NULL"),
        DELETE("delete"),
        KEY_CHANGE("primary key change");

        final String title;

        ValuePath(String title) {
            this.title = title;
        }
    }

    enum Outcome {
        EXACT,
        CHANGED,
        FAILED
    }

    /** A cell's outcome and, unless exact, the first difference seen (deterministic: rows are checked in id order). */
    record Cell(Outcome outcome, String example) {}

    private final Map<String, Map<ValuePath, Cell>> cells = new LinkedHashMap<>();
    private final Map<String, Column> columns = new LinkedHashMap<>();

    /** Records one comparison of an event image's field with the database; the first difference of a cell is kept. */
    void check(
            String table,
            Column column,
            ValuePath path,
            String image,
            Column.Edge edge,
            JsonNode field,
            Expected expected) {
        String difference = column.decoding().compare(field, expected);
        record(
                table,
                column,
                path,
                difference == null
                        ? null
                        : new Cell(
                                Outcome.CHANGED,
                                edge.name().toLowerCase() + " row, " + image + ": database "
                                        + shorten(column.decoding().expected(expected)) + ", event "
                                        + shorten(difference)));
    }

    /** Records that the event a comparison needs never arrived. */
    void missing(String table, Column column, ValuePath path, String event) {
        record(table, column, path, new Cell(Outcome.FAILED, "no " + event));
    }

    private void record(String table, Column column, ValuePath path, Cell difference) {
        String key = table + "." + column.name();
        columns.putIfAbsent(key, column);
        Map<ValuePath, Cell> row = cells.computeIfAbsent(key, k -> new LinkedHashMap<>());
        Cell current = row.get(path);
        if (current == null || current.outcome() == Outcome.EXACT) {
            row.put(path, difference == null ? new Cell(Outcome.EXACT, null) : difference);
        } else if (difference != null
                && difference.outcome() == Outcome.FAILED
                && current.outcome() == Outcome.CHANGED) {
            row.put(path, difference);
        }
    }

    Map<String, Map<ValuePath, Cell>> cells() {
        return cells;
    }

    Column column(String key) {
        return columns.get(key);
    }

    int count(Outcome outcome) {
        return (int) cells.values().stream()
                .flatMap(row -> row.values().stream())
                .filter(cell -> cell.outcome() == outcome)
                .count();
    }

    int total() {
        return cells.values().stream().mapToInt(Map::size).sum();
    }

    /** Keys (table.column) of every column with at least one cell that is not exact. */
    List<String> inexactColumns() {
        List<String> keys = new ArrayList<>();
        cells.forEach((key, row) -> {
            if (row.values().stream().anyMatch(cell -> cell.outcome() != Outcome.EXACT)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static String shorten(String value) {
        if (value == null) {
            return "NULL";
        }
        String oneLine = value.replace("\n", "\\n")
                .replace("\t", "\\t")
                .replace("|", "\\|")
                .replace("`", "'");
        return "`" + (oneLine.length() > 48 ? oneLine.substring(0, 45) + "..." : oneLine) + "`";
    }
}
