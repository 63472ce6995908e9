package dev.mskcdc.packaging;

import java.util.StringJoiner;

/**
 * The integers {@code first..last} as a derived table with one column {@code seq}, in SQL that MySQL 8.0 and MariaDB
 * both run (MariaDB's SEQUENCE engine tables {@code seq_1_to_N} do not exist on MySQL; a recursive CTE stops at
 * MySQL's {@code cte_max_recursion_depth} of 1000). Built from cross-joined digit tables.
 */
public final class SequenceRows {

    private SequenceRows() {}

    /** {@code (SELECT ... ) AS numbers} with column {@code seq}, for {@code INSERT INTO t SELECT seq, ... FROM} it. */
    public static String from(long first, long last) {
        int digits = Long.toString(Math.max(last - first, 1)).length();
        StringJoiner value = new StringJoiner(" + ", "", " + " + first);
        StringJoiner tables = new StringJoiner(" CROSS JOIN ");
        long scale = 1;
        for (int d = 0; d < digits; d++) {
            value.add(scale + " * d" + d + ".i");
            tables.add("(SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                    + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) d"
                    + d);
            scale *= 10;
        }
        return "(SELECT seq FROM (SELECT " + value + " AS seq FROM " + tables + ") digits WHERE seq <= " + last
                + ") numbers";
    }
}
