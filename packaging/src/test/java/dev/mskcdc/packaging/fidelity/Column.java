package dev.mskcdc.packaging.fidelity;

/**
 * A column of a matrix table: its SQL type, extra DDL (DEFAULT, CHARACTER SET, GENERATED ...), the decoding
 * that reads it back from an event, and three edge values as SQL expressions (the fourth edge row holds
 * NULL). A generated column has no edge values: the database computes it.
 */
record Column(String name, String type, String options, Decoding decoding, String min, String max, String empty) {

    static Column of(
            String name, String type, String options, Decoding decoding, String min, String max, String empty) {
        return new Column(name, type, options, decoding, min, max, empty);
    }

    static Column generated(String name, String type, String expression, String storage, Decoding decoding) {
        return new Column(
                name, type, "GENERATED ALWAYS AS (" + expression + ") " + storage, decoding, null, null, null);
    }

    boolean isGenerated() {
        return min == null;
    }

    String ddl() {
        return name + " " + type + (options.isEmpty() ? "" : " " + options);
    }

    /** How the doc names the cell's row: type and options as the DDL states them. */
    String label() {
        return "`" + type + (options.isEmpty() ? "" : " " + options) + "`";
    }

    String edgeValue(Edge edge) {
        return switch (edge) {
            case MIN -> min;
            case MAX -> max;
            case EMPTY -> empty;
            case NULL -> "NULL";
        };
    }

    /** The SQL expression the expected text is read with. */
    String textExpression() {
        return decoding == Decoding.GEOMETRY
                ? "CONCAT(ST_SRID(" + name + "), ':', HEX(ST_AsBinary(" + name + ")))"
                : "CAST(" + name + " AS CHAR)";
    }

    /** The four edge rows of every matrix table, in id order. */
    enum Edge {
        MIN,
        MAX,
        EMPTY,
        NULL
    }
}
