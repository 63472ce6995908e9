package dev.mskcdc.packaging.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connect.Resnapshot;
import dev.mskcdc.localstack.connector.RegisteredConnector;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.localstack.process.Pause;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ZIP after a purged binlog position (connector/README.md, "Purged binlog"): the connector is stopped while a
 * writer goes on committing inserts, updates and deletes, the server purges the binary logs past the connector's
 * stored position, and the resumed task must FAIL naming the cause and the fix. Then the recovery command runs, the
 * writer still writing, and a consumer that applies the documented rule (drop the rows of a table its new snapshot
 * did not contain) must end with exactly the table's rows: {@link ChangeCheck} per key, the rows deleted during the
 * gap gone. Two recoveries: the local stack's ({@link Resnapshot}: offsets deleted) and msk-deploy's (the
 * configuration updated with {@code snapshot.mode=when_needed}, what its UpdateConnector sends). Then a new task with
 * the reference configuration must resume streaming from the new snapshot's position without a third snapshot.
 * Reports go to target/it-reports/fault-purged-*.json.
 */
class PurgedBinlogIT {

    private static final int SEED_ROWS = 2_000;
    private static final int CHANGES = 6_000;
    private static final int CHANGES_PER_SECOND = 500;
    private static final int BEFORE_STOP = 1_000;
    private static final int DURING_GAP = 1_000;
    private static final Duration WAIT = Duration.ofMinutes(3);
    /** Above every id the writer gives. */
    private static final int MARKER_ID = 1_000_000_000;

    @AutoClose
    private static LocalStack stack;

    /** The recovery under test, run on the connector whose task FAILED on the purged position. */
    private interface Recovery {
        void run(ConnectRestClient rest, String connector, Map<String, String> config);
    }

    @BeforeAll
    static void startStack() {
        stack = LocalStackExtension.configuredBuilder("purged")
                .localServer(FaultStack.chosenLocalServer())
                .start();
        stack.database().recreateDatabase("purged");
    }

    @Test
    void localStackResnapshotDeletesTheOffsetsAndConsumersDropWhatTheNewSnapshotLacks() throws Exception {
        assertRecovers("purged-resnapshot", (rest, connector, config) -> Resnapshot.run(rest, connector, WAIT));
    }

    @Test
    void mskDeployResnapshotSetsSnapshotModeWhenNeededAndConsumersDropWhatTheNewSnapshotLacks() throws Exception {
        assertRecovers("purged-when-needed", (rest, connector, config) -> {
            Map<String, String> updated = new HashMap<>(config);
            updated.put("snapshot.mode", "when_needed");
            rest.putConnector(connector, updated);
        });
    }

    private static void assertRecovers(String scenario, Recovery recovery) throws Exception {
        String table = "purged." + scenario.replace('-', '_');
        String topic = scenario + "." + table;
        Instant start = Instant.now();
        FaultHarness harness = new FaultHarness(stack);
        harness.createTable(table, SEED_ROWS);
        try (RegisteredConnector connector = stack.registerConnector(
                        stack.worker(), ConnectorSpec.of(scenario, scenario, "purged", table.replace(".", "\\.")));
                TopicReader reader = new TopicReader(stack.kafka().bootstrapServers(), topic, "read_uncommitted");
                ChangeWriter writer = new ChangeWriter(stack.database(), table, SEED_ROWS, CHANGES_PER_SECOND)) {
            ConnectRestClient rest = connector.rest();
            Map<String, String> config = connector.config();
            FaultHarness.awaitSnapshotEnd(connector, reader);
            writer.start();
            writer.awaitCommitted(BEFORE_STOP, WAIT);

            rest.stopConnector(scenario);
            rest.awaitState(scenario, "STOPPED", WAIT);
            long stoppedAt = System.nanoTime();
            writer.awaitCommitted(writer.committed() + DURING_GAP, WAIT);
            String purgedTo = purgeBinaryLogs();
            long purgedAt = System.nanoTime();

            rest.resumeConnector(scenario);
            String trace = rest.awaitTaskFailed(scenario, WAIT);
            assertThat(trace)
                    .as("the task's error: Debezium's cause and the kit's fix")
                    .contains(
                            "no longer available on the server",
                            "no longer on the database server",
                            "msk-deploy resnapshot",
                            "./local-stack.sh resnapshot",
                            "\"Purged binlog\"");

            long recoveryAt = System.nanoTime();
            recovery.run(rest, scenario, config);
            FaultHarness.Finished finished = FaultHarness.finishWriting(writer, reader, CHANGES);
            List<ChangeWriter.Committed> ledger = finished.ledger();
            List<TopicReader.Received> received = finished.received();
            String lastChange = ledger.get(ledger.size() - 1).identity();
            long lastArrivedAt = received.stream()
                    .filter(event -> event.identity().equals(lastChange))
                    .findFirst()
                    .orElseThrow()
                    .receivedAtNanos();
            Map<Integer, Long> tableRows = harness.databaseRows(table);
            ChangeCheck check = ChangeCheck.of(
                    ledger, received, tableRows, true, ChangeCheck::finalStateDroppingRowsNotInTheLastSnapshot);
            Set<Integer> deletedDuringGap = ledger.stream()
                    .filter(change -> "d".equals(change.op()))
                    .filter(change -> change.committedAtNanos() >= stoppedAt && change.committedAtNanos() <= purgedAt)
                    .map(ChangeWriter.Committed::id)
                    .collect(Collectors.toSet());
            Set<Integer> keptByPlainReplay = ChangeCheck.finalState(received).keySet().stream()
                    .filter(deletedDuringGap::contains)
                    .collect(Collectors.toSet());
            Map<Integer, Long> consumer = ChangeCheck.finalStateDroppingRowsNotInTheLastSnapshot(received);
            long snapshotsStarted = TopicReader.snapshotsStarted(received);
            double secondsToSnapshotEnd = FaultHarness.seconds(received.stream()
                            .filter(event -> "last".equals(event.snapshot()))
                            .reduce((first, second) -> second)
                            .orElseThrow()
                            .receivedAtNanos()
                    - recoveryAt);
            FaultReport report = finished.report(scenario, check, start, stoppedAt, recoveryAt, Map.of())
                    .with("purgedTo", purgedTo)
                    .with("deletedDuringGap", deletedDuringGap.size())
                    .with("deletedDuringGapKeptByAReplayWithoutTheRule", keptByPlainReplay.size())
                    .with("snapshotsStarted", snapshotsStarted)
                    .with("secondsFromRecoveryToSnapshotEnd", FaultReport.round(secondsToSnapshotEnd))
                    .with(
                            "secondsFromRecoveryToLastChange",
                            FaultReport.round(FaultHarness.seconds(lastArrivedAt - recoveryAt)));
            report = report.with("gtidMode", gtidMode());

            // Back to normal: the reference configuration (snapshot.mode=initial), as the next upgrade or add-table
            // sends it, on a new task (stopped, then resumed). It must resume from the new snapshot's stored position:
            // once it reads the binlog, a row inserted then streams, and no third snapshot came before it.
            rest.stopConnector(scenario);
            rest.awaitState(scenario, "STOPPED", WAIT);
            List<Long> readersBefore = stack.database().binlogDumpThreads();
            rest.putConnector(scenario, config);
            rest.resumeConnector(scenario);
            awaitNewBinlogReader(readersBefore);
            stack.database().execute("INSERT INTO " + table + " VALUES (" + MARKER_ID + ", -1, 'after the recovery')");
            List<TopicReader.Received> afterRestart = reader.awaitReceived(
                    all -> all.stream().anyMatch(event -> event.identity().equals("c:" + MARKER_ID + ":-1")),
                    WAIT,
                    "the row inserted after the new task with the reference configuration read the binlog");
            long snapshotsAfterRestart = TopicReader.snapshotsStarted(afterRestart);
            report = report.with("snapshotsAfterANewTaskWithTheReference", snapshotsAfterRestart);
            report.write();

            assertThat(snapshotsStarted)
                    .as("snapshots in the topic: the initial one and the recovery's")
                    .isEqualTo(2);
            // The consumer's rule drops every row the new snapshot lacks: no ghost row may remain.
            FaultHarness.assertNothingLost(check, 0);
            assertThat(consumer).isEqualTo(tableRows);
            assertThat(deletedDuringGap)
                    .as("rows deleted while the connector was stopped")
                    .isNotEmpty();
            assertThat(consumer.keySet()).doesNotContainAnyElementsOf(deletedDuringGap);
            assertThat(snapshotsAfterRestart)
                    .as("snapshots after a new task with the reference configuration: none more")
                    .isEqualTo(2);
            assertThat(keptByPlainReplay)
                    .as("rows deleted during the gap that replaying the events without the rule keeps: what a"
                            + " re-snapshot alone leaves consumers with")
                    .isNotEmpty();
        }
    }

    /** Starts a new binary log and purges every older one, as retention would; returns the log kept. */
    private static String purgeBinaryLogs() throws SQLException {
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("FLUSH BINARY LOGS");
            String newest = null;
            try (ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
                while (logs.next()) {
                    newest = logs.getString(1);
                }
            }
            statement.execute("PURGE BINARY LOGS TO '" + newest + "'");
            return newest;
        }
    }

    /** {@code @@GLOBAL.gtid_mode} of the database (MySQL), or what answered instead (MariaDB has no such variable). */
    private static String gtidMode() {
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("SELECT @@GLOBAL.gtid_mode")) {
            return mode.next() ? mode.getString(1) : "none";
        } catch (SQLException e) {
            return "n/a: " + e.getMessage();
        }
    }

    /** Waits until a binlog reader that was not there before connects: a task is streaming. */
    private static void awaitNewBinlogReader(List<Long> before) {
        Instant deadline = Instant.now().plus(WAIT);
        while (before.containsAll(stack.database().binlogDumpThreads())) {
            assertThat(Instant.now())
                    .as("a new binlog reader (the resumed task streaming)")
                    .isBefore(deadline);
            Pause.between(Duration.ofMillis(200), "the resumed task to read the binlog");
        }
    }
}
