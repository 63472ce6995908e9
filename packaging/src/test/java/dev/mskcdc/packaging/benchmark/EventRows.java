package dev.mskcdc.packaging.benchmark;

import dev.mskcdc.localstack.database.Database;

/** The rows of the events tables PipelineBenchmark and MetricsPublisherBenchmark capture. */
final class EventRows {

    static final int BATCH = 1_000;

    private EventRows() {}

    /** Rows {@code first .. first+count-1} into {@code table} ({@code db.table}), 1,000 per statement, each committed. */
    static void insert(Database database, String table, int first, int count) {
        for (int start = first; start < first + count; start += BATCH) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (id, kind, amount, payload) VALUES ");
            for (int id = start; id < Math.min(start + BATCH, first + count); id++) {
                sql.append(id == start ? "" : ",")
                        .append('(')
                        .append(id)
                        .append(",'order',")
                        .append(id % 1000)
                        .append(".25,'payload of row ")
                        .append(id)
                        .append(" with some text to carry')");
            }
            database.execute(sql.toString());
        }
    }
}
