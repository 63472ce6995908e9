package dev.mskcdc.connector.preflight;

import java.util.Locale;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/**
 * With {@code snapshot.locking.mode=none}, Debezium 3.6.1 reads the snapshot's rows in the transaction that began
 * when it listed databases and tables (step 2 of {@code RelationalSnapshotChangeEventSource}), before it reads the
 * binlog position (step 4). On MySQL 8.0 that listing opens the InnoDB read view under REPEATABLE READ, so a change
 * committed in between is in neither the snapshot nor the stream (packaging's MySqlSnapshotReadViewIT shows it; the
 * fault scenario "worker killed mid-snapshot" lost 14-72 of 20,000 changes). READ COMMITTED as the session default
 * of Debezium's JDBC connections ({@code database.initial.statements}) moves the read after the position.
 */
final class SnapshotIsolationCheck implements Check {

    static final String STATEMENT = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        String mode = settings.snapshotLockingMode();
        if (!mode.equalsIgnoreCase("none")) {
            return pass("snapshot.locking.mode=" + mode + ": the snapshot reads under Debezium's lock");
        }
        if (setsReadCommitted(settings.initialStatements())) {
            return pass("snapshot.locking.mode=none with READ COMMITTED for the snapshot's connection");
        }
        return fail(
                "snapshot.locking.mode=none without READ COMMITTED in database.initial.statements: on MySQL 8.0 the"
                        + " snapshot reads its rows as of the moment it listed the tables, before its binlog position,"
                        + " and changes committed in between are lost",
                "Add database.initial.statements=" + STATEMENT + " (as config/msk/connector.properties does).");
    }

    /**
     * Whether the last isolation statement of {@code statements} makes READ COMMITTED the session's level: a
     * {@code SET TRANSACTION} without {@code SESSION} covers only the next transaction.
     */
    private static boolean setsReadCommitted(String statements) {
        String lastIsolation = "";
        for (String statement : statements.split(";")) {
            String normalized = statement.toUpperCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
            if (normalized.contains("ISOLATION") || normalized.contains("TRANSACTION_ISOLATION")) {
                lastIsolation = normalized;
            }
        }
        return lastIsolation.startsWith("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
                || lastIsolation
                        .replace(" ", "")
                        .matches("SET(SESSION)?(@@SESSION\\.)?TRANSACTION_ISOLATION=['\"]READ-COMMITTED['\"]");
    }
}
