package dev.mskcdc.packaging.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connector.RegisteredConnector;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.packaging.SequenceRows;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fault scenario's run on a stack: seed rows, the reference connector's snapshot, a writer committing at least
 * {@value #CHANGES} single-row changes while a {@link Fault} is injected and repaired, then {@link ChangeCheck}
 * per key and operation, reported as a {@link FaultReport}. Each scenario has its own table
 * ({@code faults.<scenario>}), topic prefix ({@code f-<scenario>}) and connector (named after the scenario).
 */
final class FaultHarness {

    static final int CHANGES = 20_000;
    /** Fast enough for 20,000 changes in about 20 s, slow enough that the fault lands mid-stream. */
    static final int CHANGES_PER_SECOND = 1_000;

    static final int FAULT_AFTER = 4_000;
    static final int SEED_ROWS = 500;
    static final Duration WAIT = Duration.ofMinutes(3);

    /** Injects a fault while {@code writer} writes and repairs it; returns once the failed part is back (or replaced). */
    interface Fault {
        void injectAndRepair(ChangeWriter writer) throws Exception;
    }

    private final LocalStack stack;

    /** Runs scenarios on {@code stack}, whose database must hold the database {@code faults}. */
    FaultHarness(LocalStack stack) {
        this.stack = stack;
    }

    FaultReport streamThrough(
            String scenario, ConnectWorker worker, Map<String, String> overrides, String isolation, Fault fault)
            throws Exception {
        return streamThrough(scenario, worker, overrides, isolation, CHANGES_PER_SECOND, fault);
    }

    /** Seed rows, snapshot, then the writer streams changes while {@code fault} happens. */
    FaultReport streamThrough(
            String scenario,
            ConnectWorker worker,
            Map<String, String> overrides,
            String isolation,
            int changesPerSecond,
            Fault fault)
            throws Exception {
        String table = table(scenario);
        Instant start = Instant.now();
        createTable(table, SEED_ROWS);
        try (RegisteredConnector connector = stack.registerConnector(worker, spec(scenario, overrides));
                TopicReader reader = new TopicReader(stack.kafka().bootstrapServers(), topic(scenario), isolation);
                ChangeWriter writer = new ChangeWriter(stack.database(), table, SEED_ROWS, changesPerSecond)) {
            awaitSnapshotEnd(connector, reader);
            writer.start();
            writer.awaitCommitted(FAULT_AFTER, WAIT);
            long faultAt = System.nanoTime();
            fault.injectAndRepair(writer);
            long repairedAt = System.nanoTime();
            return finish(scenario, table, writer, reader, start, faultAt, repairedAt, false, Map.of());
        }
    }

    /**
     * Waits until {@code connector} runs and {@code reader} has its snapshot's last record: rows written before it
     * could be read by the snapshot instead of streamed.
     */
    static void awaitSnapshotEnd(RegisteredConnector connector, TopicReader reader) {
        connector.awaitRunning();
        reader.awaitReceived(
                received -> received.stream().anyMatch(event -> "last".equals(event.snapshot())),
                WAIT,
                "the snapshot's last record");
    }

    FaultReport finish(
            String scenario,
            String table,
            ChangeWriter writer,
            TopicReader reader,
            Instant start,
            long faultAt,
            long repairedAt,
            boolean snapshotMayRestart,
            Map<String, Object> extra)
            throws Exception {
        Finished finished = finishWriting(writer, reader, CHANGES);
        ChangeCheck check =
                ChangeCheck.of(finished.ledger(), finished.received(), databaseRows(table), snapshotMayRestart);
        Map<String, Object> fields = new LinkedHashMap<>(extra);
        fields.put("uncertainOutcomes", writer.uncertainOutcomes());
        return finished.report(scenario, check, start, faultAt, repairedAt, fields);
    }

    /** What the writer committed, and the events the topic holds up to the last committed change's. */
    record Finished(List<ChangeWriter.Committed> ledger, List<TopicReader.Received> received) {

        /** The run's report: the fault from {@code faultAt} to {@code repairedAt}, the run from {@code start}. */
        FaultReport report(
                String scenario,
                ChangeCheck check,
                Instant start,
                long faultAt,
                long repairedAt,
                Map<String, Object> extra) {
            return new FaultReport(
                    scenario,
                    check,
                    seconds(repairedAt - faultAt),
                    recoverySeconds(ledger, received, repairedAt),
                    Duration.between(start, Instant.now()).toMillis() / 1000.0,
                    received.get(received.size() - 1).offset(),
                    extra);
        }
    }

    /** Stops the writer once it has committed {@code changes} (or 1,000 more) and awaits its last change's event. */
    static Finished finishWriting(ChangeWriter writer, TopicReader reader, int changes) throws Exception {
        List<ChangeWriter.Committed> ledger = writer.finishAt(Math.max(changes, writer.committed() + 1_000), WAIT);
        String lastChange = ledger.get(ledger.size() - 1).identity();
        List<TopicReader.Received> received = reader.awaitReceived(
                all -> all.stream().anyMatch(event -> event.identity().equals(lastChange)),
                WAIT,
                "the event of the last committed change " + lastChange);
        return new Finished(ledger, received);
    }

    /**
     * From the failed part being back to the arrival of the first change committed after that (after a
     * restarted snapshot: the first such change not absorbed by it, so the snapshot's time is included).
     */
    static double recoverySeconds(
            List<ChangeWriter.Committed> ledger, List<TopicReader.Received> received, long repairedAt) {
        Map<String, Long> arrivals = new HashMap<>();
        received.forEach(event -> arrivals.putIfAbsent(event.identity(), event.receivedAtNanos()));
        return ledger.stream()
                .filter(change -> change.committedAtNanos() >= repairedAt)
                .map(change -> arrivals.get(change.identity()))
                .filter(Objects::nonNull)
                // A change whose outcome the writer could only learn after the repair is recorded then, though it
                // may have committed, and arrived, before the fault.
                .filter(arrival -> arrival >= repairedAt)
                .findFirst()
                .map(arrival -> seconds(arrival - repairedAt))
                .orElseThrow(() -> new AssertionError("no change committed after the repair arrived"));
    }

    /** {@link #assertNothingLost(ChangeCheck, int)} of at least {@value #CHANGES} changes. */
    static void assertNothingLost(FaultReport report) {
        ChangeCheck check = report.check();
        assertThat(check.committed()).as("changes the writer committed").isGreaterThanOrEqualTo(CHANGES);
        assertNothingLost(check, check.ghostRowsOfAbsorbedDeletes());
    }

    /**
     * No committed change without an event (or a snapshot row), no event of an uncommitted change, every row of the
     * database in the state the events lead to, and exactly {@code ghostRows} rows the events keep that the
     * database deleted.
     */
    static void assertNothingLost(ChangeCheck check, int ghostRows) {
        assertThat(check.lost())
                .as("committed changes with no event, e.g. " + check.lostSample())
                .isZero();
        assertThat(check.unknown())
                .as("events of changes the database never committed")
                .isZero();
        assertThat(check.rowsMissingOrStale())
                .as("rows of the database whose last event differs or is missing")
                .isZero();
        assertThat(check.ghostRows())
                .as("rows the events keep that the database deleted, beyond those a restarted"
                        + " snapshot cannot delete")
                .isEqualTo(ghostRows);
    }

    /**
     * Commits reach the redo log and the binary log without an fsync each (a clean shutdown still writes them): the
     * writer's pace, not the disk, sets the rate. What the binary log holds, which the connector reads, is unchanged.
     */
    static <B extends LocalServer.Builder<?, ?>> B commitsWithoutFsync(B server) {
        server.option("innodb-flush-log-at-trx-commit", "2").option("sync-binlog", "0");
        return server;
    }

    /** The reference connector of {@code scenario}, with {@code overrides}. */
    static ConnectorSpec spec(String scenario, Map<String, String> overrides) {
        return ConnectorSpec.of(
                        scenario,
                        prefix(scenario),
                        "faults",
                        "faults\\." + table(scenario).substring("faults.".length()))
                .with(overrides);
    }

    static String prefix(String scenario) {
        return "f-" + scenario;
    }

    static String table(String scenario) {
        return "faults." + scenario.replace('-', '_');
    }

    static String topic(String scenario) {
        return prefix(scenario) + "." + table(scenario);
    }

    void createTable(String table, int rows) {
        stack.database()
                .execute(
                        "CREATE TABLE " + table
                                + " (id INT PRIMARY KEY, seq BIGINT NOT NULL, note VARCHAR(64) NOT NULL)",
                        "INSERT INTO " + table + " SELECT seq, 0, 'seed' FROM " + SequenceRows.from(1, rows));
    }

    /** The table as the database holds it: id to seq. */
    Map<Integer, Long> databaseRows(String table) throws SQLException {
        Map<Integer, Long> rows = new HashMap<>();
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, seq FROM " + table)) {
            while (result.next()) {
                rows.put(result.getInt(1), result.getLong(2));
            }
        }
        return rows;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
