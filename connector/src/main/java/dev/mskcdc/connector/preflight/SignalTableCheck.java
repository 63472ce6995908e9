package dev.mskcdc.connector.preflight;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.mskcdc.connector.preflight.CapturedTables.Table;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/**
 * The source signal channel's table ({@code signal.data.collection}): Debezium writes an incremental
 * snapshot's chunk watermarks into it ({@code INSERT INTO <table> VALUES (?, ?, ?)}) and reads them back
 * from the binlog, so it must exist in a captured database, have exactly the columns id, type, data in
 * that order, and accept the connector user's INSERT. Otherwise a table added with {@code msk-deploy add-table} is never snapshotted.
 */
final class SignalTableCheck implements Check {

    private static final List<String> COLUMNS = List.of("id", "type", "data");

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        Optional<String> configured = settings.signalDataCollection();
        if (configured.isEmpty()) {
            return pass("no signal.data.collection configured (no incremental snapshots through a signal table)");
        }
        String collection = configured.get();
        int dot = collection.indexOf('.');
        if (dot <= 0 || dot != collection.lastIndexOf('.') || dot == collection.length() - 1) {
            return fail(
                    "signal.data.collection=" + collection + " is not <database>.<table>",
                    "Set signal.data.collection to the signal table as database.table, e.g. orders.debezium_signal.");
        }
        String database = collection.substring(0, dot);
        String table = collection.substring(dot + 1);
        String create =
                "CREATE TABLE " + collection + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data TEXT);";
        String grant = "GRANT INSERT ON " + collection + " TO '" + settings.user() + "'@'%';";
        if (!settings.capture().isCapturedDatabase(database)) {
            return fail(
                    "the signal table's database " + database + " is not captured (database.include.list):"
                            + " Debezium would never see the watermarks it writes",
                    "Create the signal table in a captured database"
                            + " and point signal.data.collection at it, or add " + database
                            + " to database.include.list.");
        }
        List<String> columns = server.columns(new Table(database, table)).stream()
                .map(column -> column.name().toLowerCase(Locale.ROOT))
                .toList();
        if (columns.isEmpty()) {
            return fail(
                    "the signal table " + collection + " does not exist (or the user cannot see it)",
                    create + "\n" + grant);
        }
        if (!columns.equals(COLUMNS)) {
            return fail(
                    "the signal table " + collection + " has columns (" + String.join(", ", columns)
                            + "); Debezium inserts its watermarks as VALUES (id, type, data), by position",
                    "Recreate it with exactly these three columns, in this order:\n" + create + "\n" + grant);
        }
        if (!server.grants().hasOnTable("INSERT", database, table)) {
            return fail(
                    "the connector user may not INSERT into " + collection
                            + " (incremental snapshots write their watermarks there)",
                    grant);
        }
        return pass(collection + " exists in a captured database with columns id, type, data; INSERT granted");
    }
}
