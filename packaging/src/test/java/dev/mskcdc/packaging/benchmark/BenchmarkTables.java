package dev.mskcdc.packaging.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import dev.mskcdc.localstack.database.Database;

/**
 * The benchmark's tables and the changes written to them: {@link #TABLES} tables {@code bench.orders_N} of 15
 * columns (about 300 bytes of text per row), loaded with INSERT ... SELECT from a digits table, then changes in
 * groups of 500 (200 inserts, 100 updates, 200 deletes of the inserted rows), half in single-row transactions, half
 * in 100-row transactions. A change run leaves the row count as it found it, so every variant snapshots the same rows.
 */
final class BenchmarkTables {

    static final int TABLES = 4;
    static final int BLOCK = 100;
    private static final int GROUP = 2 * BLOCK;

    private final Database database;

    BenchmarkTables(Database database) {
        this.database = database;
    }

    /** Inserts, updates and deletes as the database counted them (affected rows). */
    record Changes(long inserts, long updates, long deletes) {

        Changes plus(Changes other) {
            return new Changes(inserts + other.inserts, updates + other.updates, deletes + other.deletes);
        }

        long rows() {
            return inserts + updates + deletes;
        }

        /** Kafka records: one per change, plus the tombstone Debezium writes after each delete. */
        long records() {
            return rows() + deletes;
        }
    }

    static String table(int number) {
        return "orders_" + number;
    }

    /**
     * The 15 column values of row {@code n}; {@code n} is a SQL expression. {@code written_ms} is the client's
     * clock when the statement was built: the start of the end-to-end latency.
     */
    private static String rowValues(String n, long writtenMs) {
        return n + ", " + n + " % 50000, ELT(1 + " + n + " % 4, 'NEW', 'PAID', 'SHIPPED', 'DELIVERED'), "
                + "(" + n + " % 100000) / 100, 'EUR', 1 + " + n + " % 9, CONCAT('SKU-', LPAD(" + n
                + " % 99991, 8, '0')), "
                + "CONCAT('customer', " + n + " % 50000, '@example.com'), "
                + "ELT(1 + " + n + " % 5, 'Zurich', 'Geneva', 'Basel', 'Bern', 'Lausanne'), "
                + "LEFT(REPEAT(CONCAT('note of order ', " + n + ", ' '), 8), 120), " + n + " % 1024, " + n + " / 7, "
                + "NOW(3), NOW(3), " + writtenMs;
    }

    /** Creates the tables and fills them with {@code rows} rows in total, split evenly. */
    void create(int rows) {
        int perTable = rows / TABLES;
        List<String> sql = new ArrayList<>(List.of(
                "CREATE TABLE bench.digits (d INT PRIMARY KEY)",
                "INSERT INTO bench.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)"));
        for (int t = 1; t <= TABLES; t++) {
            sql.add("CREATE TABLE bench." + table(t) + " (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                    + " status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, currency CHAR(3) NOT NULL,"
                    + " quantity INT NOT NULL, sku VARCHAR(32) NOT NULL, email VARCHAR(64) NOT NULL, city VARCHAR(40) NOT NULL,"
                    + " note VARCHAR(160) NOT NULL, flags INT NOT NULL, score DOUBLE NOT NULL, created_at DATETIME(3) NOT NULL,"
                    + " updated_at DATETIME(3) NOT NULL, written_ms BIGINT NOT NULL)");
        }
        sql.add("INSERT INTO bench." + table(1) + " SELECT " + rowValues("n", 0) + " FROM (SELECT 1 + d0.d + 10 * d1.d"
                + " + 100 * d2.d + 1000 * d3.d + 10000 * d4.d + 100000 * d5.d + 1000000 * d6.d AS n FROM bench.digits d0,"
                + " bench.digits d1, bench.digits d2, bench.digits d3, bench.digits d4, bench.digits d5, bench.digits d6"
                + " WHERE d6.d < " + (perTable / 1_000_000 + 1) + ") numbers WHERE n <= " + perTable);
        for (int t = 2; t <= TABLES; t++) {
            sql.add("INSERT INTO bench." + table(t) + " SELECT * FROM bench." + table(1));
        }
        database.recreateDatabase("bench", sql.toArray(String[]::new));
    }

    long rowCount() throws SQLException {
        long rows = 0;
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement()) {
            for (int t = 1; t <= TABLES; t++) {
                try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM bench." + table(t))) {
                    result.next();
                    rows += result.getLong(1);
                }
            }
        }
        return rows;
    }

    /** Average length of a row's 15 values as text, as the database computes it. */
    double averageRowBytes() throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT AVG(LENGTH(CONCAT_WS(',', id, customer_id, status, amount,"
                                + " currency, quantity, sku, email, city, note, flags, score, created_at, updated_at, written_ms)))"
                                + " FROM bench." + table(1))) {
            result.next();
            return result.getDouble(1);
        }
    }

    /** The binlog file and position the next change will be written after (SHOW MASTER STATUS). */
    record BinlogPosition(String file, long position) {}

    BinlogPosition binlogPosition() throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW MASTER STATUS")) {
            result.next();
            return new BinlogPosition(result.getString(1), result.getLong(2));
        }
    }

    /**
     * Writes {@code changes} changes (a multiple of 500) to rows with ids from {@code firstId} on, paced at
     * {@code changesPerSecond} (0: as fast as the database takes them).
     */
    Changes write(long changes, long firstId, double changesPerSecond) throws SQLException, InterruptedException {
        Changes total = new Changes(0, 0, 0);
        long start = System.nanoTime();
        long written = 0;
        try (Connection connection = DriverManager.getConnection(
                        database.jdbcUrl() + "&allowMultiQueries=true",
                        database.adminUser(),
                        database.adminPassword());
                Statement statement = connection.createStatement()) {
            for (long group = 0; written < changes; group++) {
                String table = "bench." + table((int) (group % TABLES) + 1);
                long first = firstId + group * GROUP;
                boolean singleRowUpdates = group % 2 == 0;
                List<String> blocks = List.of(
                        insert(table, first, true),
                        insert(table, first + BLOCK, false),
                        update(table, singleRowUpdates ? first : first + BLOCK, singleRowUpdates),
                        delete(table, first, true),
                        delete(table, first + BLOCK, false));
                for (int b = 0; b < blocks.size(); b++) {
                    pace(start, written, changesPerSecond);
                    long affected = executeCounting(statement, blocks.get(b));
                    total = total.plus(
                            b < 2
                                    ? new Changes(affected, 0, 0)
                                    : b == 2 ? new Changes(0, affected, 0) : new Changes(0, 0, affected));
                    written += BLOCK;
                }
            }
        }
        return total;
    }

    private static void pace(long startNanos, long written, double changesPerSecond) throws InterruptedException {
        if (changesPerSecond > 0) {
            long dueNanos = startNanos + (long) (written / changesPerSecond * 1e9);
            long aheadNanos = dueNanos - System.nanoTime();
            if (aheadNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(aheadNanos);
            }
        }
    }

    /** One round trip: 100 autocommitted single-row statements, or one 100-row statement (one transaction). */
    private static String insert(String table, long first, boolean singleRow) {
        long now = System.currentTimeMillis();
        if (!singleRow) {
            return "INSERT INTO " + table + " SELECT " + rowValues("n", now) + " FROM (SELECT " + first
                    + " + d0.d + 10 * d1.d AS n FROM bench.digits d0, bench.digits d1) numbers";
        }
        StringJoiner statements = new StringJoiner(";");
        for (long id = first; id < first + BLOCK; id++) {
            statements.add("INSERT INTO " + table + " SELECT " + rowValues(Long.toString(id), now));
        }
        return statements.toString();
    }

    private static String update(String table, long first, boolean singleRow) {
        String set = "UPDATE " + table + " SET status = 'PAID', amount = amount + 1, updated_at = NOW(3), written_ms = "
                + System.currentTimeMillis();
        return perRow(set, first, singleRow);
    }

    private static String delete(String table, long first, boolean singleRow) {
        return perRow("DELETE FROM " + table, first, singleRow);
    }

    private static String perRow(String statement, long first, boolean singleRow) {
        if (!singleRow) {
            return statement + " WHERE id BETWEEN " + first + " AND " + (first + BLOCK - 1);
        }
        StringJoiner statements = new StringJoiner(";");
        for (long id = first; id < first + BLOCK; id++) {
            statements.add(statement + " WHERE id = " + id);
        }
        return statements.toString();
    }

    private static long executeCounting(Statement statement, String sql) throws SQLException {
        long affected = 0;
        boolean isResultSet = statement.execute(sql);
        while (true) {
            int count = statement.getUpdateCount();
            if (!isResultSet && count == -1) {
                return affected;
            }
            affected += Math.max(count, 0);
            isResultSet = statement.getMoreResults();
        }
    }
}
