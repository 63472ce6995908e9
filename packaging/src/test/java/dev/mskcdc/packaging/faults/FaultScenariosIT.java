package dev.mskcdc.packaging.faults;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mskcdc.connector.rotation.CredentialsVersion;
import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connector.RegisteredConnector;
import dev.mskcdc.localstack.database.AuroraLockRules;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.database.MySqlServer;
import dev.mskcdc.localstack.process.Pause;
import dev.mskcdc.localstack.process.Progress;
import dev.mskcdc.packaging.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ZIP under faults: a writer commits at least {@value FaultHarness#CHANGES} single-row changes while a part of the
 * pipeline is killed or stopped and brought back, and {@link ChangeCheck} compares, per key and operation,
 * what the database committed with what the topic holds. Nothing may be lost; duplicates are counted and
 * reported (target/it-reports/fault-*.json). The stack is this class's own: its parts are killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosIT {

    private static final int BROKER_DOWN_CHANGES = 10_000;
    /** More than max.queue.size (32,768) of the reference config, so the binlog reader blocks while paused. */
    private static final int PAUSED_CHANGES = 60_000;
    /** 60,000 changes in about 30 s: six times connect.keep.alive.interval.ms without reading. */
    private static final int PAUSED_CHANGES_PER_SECOND = 2_000;

    private static final int SNAPSHOT_ROWS = 100_000;
    private static final Duration WAIT = FaultHarness.WAIT;
    /**
     * The rotation scenarios' provider cache lifetime: the TTL after which Connect restarts the connector and a
     * rotated secret reaches the task. The reference ships 5 minutes; 20 s keeps the scenarios short.
     */
    private static final Duration ROTATION_CACHE_TTL = Duration.ofSeconds(20);

    // The engine is the run's choice (-Dmskcdc.database, MySQL 8.0 by default).
    @RegisterExtension
    static final FaultStack FAULTS = FaultStack.onTheChosenDatabase("faults");

    @Test
    @Order(1)
    void workerKilledMidStreamAndStartedAgain() throws Exception {
        ConnectWorker worker = stack().worker();
        FaultReport report = harness().streamThrough("worker-kill", worker, Map.of(), "read_uncommitted", writer -> {
            worker.kill();
            worker.startAgain(Progress.silent());
        });
        report.write();
        FaultHarness.assertNothingLost(report);
    }

    @Test
    @Order(2)
    void databaseStoppedAndStartedMidStream() throws Exception {
        LocalServer database = stack().localServer();
        FaultReport report = harness()
                .streamThrough("database-restart", stack().worker(), Map.of(), "read_uncommitted", writer -> {
                    database.stop();
                    database.startAgain(Progress.silent());
                });
        report.write();
        FaultHarness.assertNothingLost(report);
        assertThat(report.recoverySeconds())
                .as(
                        "seconds from the database accepting connections to the first new change in Kafka"
                                + " (Debezium's defaults take 60-120 s; the reference config's connect.keep.alive.interval.ms 5 s)")
                .isLessThan(30);
    }

    @Test
    @Order(3)
    void brokerStoppedAndStartedMidStream() throws Exception {
        FaultReport report = harness()
                .streamThrough("broker-restart", stack().worker(), Map.of(), "read_uncommitted", writer -> {
                    stack().kafka().stop();
                    // Down while 10,000 changes commit (about 10 s, twice connect.keep.alive.interval.ms).
                    writer.awaitCommitted(writer.committed() + BROKER_DOWN_CHANGES, WAIT);
                    stack().kafka().startAgain(Progress.silent());
                });
        report.write();
        FaultHarness.assertNothingLost(report);
    }

    @Test
    @Order(4)
    void taskMovesToTheOtherWorkerWhenItsWorkerIsKilled() throws Exception {
        try (ConnectWorker first = stack().startAnotherWorker("faults-pair", Map.of());
                ConnectWorker second = stack().startAnotherWorker("faults-pair", Map.of())) {
            Map<String, ConnectWorker> workers = Map.of(first.workerId(), first, second.workerId(), second);
            FaultReport report = harness()
                    .streamThrough("worker-failover", first, Map.of(), "read_uncommitted", writer -> {
                        String running = taskWorker(first, "worker-failover");
                        ConnectWorker victim = workers.get(running);
                        ConnectWorker survivor = victim == first ? second : first;
                        victim.kill();
                        awaitTaskRunningOn(survivor, "worker-failover", survivor.workerId());
                    });
            report.write();
            FaultHarness.assertNothingLost(report);
        }
    }

    @Test
    @Order(5)
    void exactlyOnceWorkerKilledInsideAnOpenTransaction() throws Exception {
        Map<String, String> connector = Map.of(
                "exactly.once.support", "required",
                "transaction.boundary", "interval",
                "transaction.boundary.interval.ms", "3000");
        try (ConnectWorker worker =
                        stack().startAnotherWorker("faults-eos", Map.of("exactly.once.source.support", "enabled"));
                TopicReader uncommitted = new TopicReader(
                        stack().kafka().bootstrapServers(),
                        FaultHarness.topic("worker-kill-eos"),
                        "read_uncommitted")) {
            FaultReport report = harness()
                    .streamThrough("worker-kill-eos", worker, connector, "read_committed", writer -> {
                        worker.kill();
                        worker.startAgain(Progress.silent());
                    });
            // Both readers return data records in offset order; read_uncommitted also returns aborted ones.
            long last = report.lastOffset();
            List<TopicReader.Received> all = uncommitted.awaitReceived(
                    received -> !received.isEmpty()
                            && received.get(received.size() - 1).offset() >= last,
                    WAIT,
                    "the records up to offset " + last + ", read uncommitted");
            long aborted = all.stream().filter(event -> event.offset() <= last).count()
                    - report.check().seen();
            report.with("abortedRecords", aborted).write();
            FaultHarness.assertNothingLost(report);
            assertThat(report.check().duplicated())
                    .as("duplicates read with isolation.level=read_committed")
                    .isZero();
            assertThat(aborted)
                    .as("records of the transaction the kill aborted (read_uncommitted minus read_committed):"
                            + " without them the test cannot tell exactly-once from luck")
                    .isPositive();
        }
    }

    @Test
    @Order(6)
    void workerKilledMidSnapshotAndStartedAgain() throws Exception {
        String scenario = "snapshot-kill";
        String table = FaultHarness.table(scenario);
        Instant start = Instant.now();
        harness().createTable(table, SNAPSHOT_ROWS);
        ConnectWorker worker = stack().worker();
        // Not awaited RUNNING: the writer starts as soon as the reader sees the snapshot's first rows.
        RegisteredConnector connector = stack().registerConnector(worker, FaultHarness.spec(scenario, Map.of()));
        try (connector;
                TopicReader reader = new TopicReader(
                        stack().kafka().bootstrapServers(), FaultHarness.topic(scenario), "read_uncommitted");
                ChangeWriter writer =
                        new ChangeWriter(stack().database(), table, SNAPSHOT_ROWS, FaultHarness.CHANGES_PER_SECOND)) {
            // Changes committed once the snapshot has emitted a row come after its start, so they are streamed.
            reader.awaitReceived(received -> !received.isEmpty(), WAIT, "the snapshot's first rows");
            writer.start();
            reader.awaitReceived(received -> received.size() >= SNAPSHOT_ROWS / 5, WAIT, "a fifth of the snapshot");
            boolean snapshotOpenAtKill = reader.received().stream().noneMatch(event -> "last".equals(event.snapshot()));
            long faultAt = System.nanoTime();
            worker.kill();
            worker.startAgain(Progress.silent());
            long repairedAt = System.nanoTime();
            FaultReport report = harness()
                    .finish(
                            scenario,
                            table,
                            writer,
                            reader,
                            start,
                            faultAt,
                            repairedAt,
                            true,
                            Map.of("snapshotOpenAtKill", snapshotOpenAtKill));
            long snapshotsStarted = TopicReader.snapshotsStarted(reader.received());
            report = report.with("snapshotsStarted", snapshotsStarted);
            report.write();
            assertThat(snapshotOpenAtKill)
                    .as("the kill landed inside the snapshot")
                    .isTrue();
            assertThat(snapshotsStarted)
                    .as("snapshots started (source.snapshot = \"first\")")
                    .isEqualTo(2);
            FaultHarness.assertNothingLost(report);
        }
    }

    @Test
    @Order(7)
    void binlogConnectionKilledFromTheDatabaseSide() throws Exception {
        String scenario = "binlog-kill";
        FaultReport report = harness()
                .streamThrough(scenario, stack().worker(), Map.of(), "read_uncommitted", writer -> {
                    List<Long> dumpThreads = stack().database().binlogDumpThreads();
                    assertThat(dumpThreads)
                            .as("the connector's binlog dump thread on the server")
                            .isNotEmpty();
                    for (long id : dumpThreads) {
                        stack().database().execute("KILL " + id);
                    }
                });
        report.write();
        FaultHarness.assertNothingLost(report);
        assertThat(report.check().committed()).isPositive();
    }

    @Test
    @Order(8)
    void everyDatabaseConnectionResetMidStream() throws Exception {
        String scenario = "connection-reset";
        AuroraLockRules relay = (AuroraLockRules) stack().database();
        FaultReport report = harness()
                .streamThrough(scenario, stack().worker(), Map.of(), "read_uncommitted", writer -> {
                    assertThat(relay.resetConnections())
                            .as("connections the relay reset")
                            .isPositive();
                });
        report.write();
        FaultHarness.assertNothingLost(report);
    }

    @Test
    @Order(9)
    void connectorPausedWhileSixtyThousandChangesCommit() throws Exception {
        String scenario = "paused";
        ConnectWorker worker = stack().worker();
        List<List<Long>> dumpThreads = new ArrayList<>();
        FaultReport report = harness()
                .streamThrough(scenario, worker, Map.of(), "read_uncommitted", PAUSED_CHANGES_PER_SECOND, writer -> {
                    dumpThreads.add(stack().database().binlogDumpThreads());
                    worker.rest().pauseConnector(scenario);
                    worker.rest().awaitState(scenario, "PAUSED", WAIT);
                    writer.awaitCommitted(writer.committed() + PAUSED_CHANGES, WAIT);
                    dumpThreads.add(stack().database().binlogDumpThreads());
                    worker.rest().resumeConnector(scenario);
                });
        boolean droppedWhilePaused = !dumpThreads.get(0).equals(dumpThreads.get(1));
        report = report.with("binlogDumpThreadsBeforeAndAfterPause", dumpThreads.toString());
        report.write();
        FaultHarness.assertNothingLost(report);
        assertThat(droppedWhilePaused)
                .as("the binlog connection dropped or replaced while the paused task read nothing (keep-alive),"
                        + " the case in which Debezium < 3.7.0 is reported to lose rows: dump threads " + dumpThreads)
                .isTrue();
    }

    @Test
    @Order(10)
    void passwordRotatedThenEveryConnectionReset() throws Exception {
        String scenario = "rotation-reset";
        AuroraLockRules relay = (AuroraLockRules) stack().database();
        try (ConnectWorker worker = startRotationWorker()) {
            List<String> versions = new ArrayList<>();
            FaultReport report = harness().streamThrough(scenario, worker, Map.of(), "read_uncommitted", writer -> {
                versions.add(rotateConnectorPassword());
                // The task's connections drop as at a failover; it cannot log in again with the old password.
                assertThat(relay.resetConnections())
                        .as("connections the relay reset")
                        .isPositive();
            });
            // Every change arrived although the task's old password was refused after the reset: the task resumed
            // with the new one, by itself. Recovery counts from the reset to the first change after it.
            report = report.with("cacheTtlSeconds", ROTATION_CACHE_TTL.toSeconds())
                    .with("newCredentialsVersion", versions.get(0));
            report.write();
            FaultHarness.assertNothingLost(report);
        }
    }

    @Test
    @Order(11)
    void passwordRotatedWithoutAnyReconnect() throws Exception {
        String scenario = "rotation-quiet";
        AuroraLockRules relay = (AuroraLockRules) stack().database();
        try (ConnectWorker worker = startRotationWorker()) {
            Map<String, Object> measured = new LinkedHashMap<>();
            FaultReport report = harness().streamThrough(scenario, worker, Map.of(), "read_uncommitted", writer -> {
                List<Long> dumpThreadsBefore = stack().database().binlogDumpThreads();
                long rotatedAt = System.nanoTime();
                String version = rotateConnectorPassword();
                awaitTaskCredentialsVersion(worker, scenario, version);
                awaitNewBinlogReader(dumpThreadsBefore);
                measured.put(
                        "secondsFromRotationToNewTaskReadingBinlog",
                        FaultHarness.seconds(System.nanoTime() - rotatedAt));
                // Proves the restarted task logs in with the new password: every connection must be made anew.
                assertThat(relay.resetConnections())
                        .as("connections the relay reset")
                        .isPositive();
            });
            for (Map.Entry<String, Object> entry : measured.entrySet()) {
                report = report.with(entry.getKey(), entry.getValue());
            }
            report = report.with("cacheTtlSeconds", ROTATION_CACHE_TTL.toSeconds());
            report.write();
            FaultHarness.assertNothingLost(report);
        }
    }

    @Test
    @Order(12)
    @Tag("long") // a second server and worker, about 1 minute on 2 cores: ./mvnw verify -Plong-tests
    void writerFailsOverToAGtidReplicaMidStream() throws Exception {
        assumeTrue(
                stack().localServer() instanceof MySqlServer,
                "GTID auto-positioned replication as set up here is MySQL's (MariaDB's GTIDs differ)");
        String scenario = "writer-failover";
        AuroraLockRules clusterEndpoint = (AuroraLockRules) stack().database();
        LocalServer oldWriter = stack().localServer();
        Replica replica = Replica.withGtids(oldWriter, stack().directory().resolve("replica"));
        // A worker of its own: the rotation scenarios before this one changed the password, which the stack's first
        // worker may still hold in its provider cache (reference lifetime: 5 minutes).
        try (ConnectWorker worker = stack().startAnotherWorker("faults-failover-" + System.nanoTime(), Map.of())) {
            replica.awaitCaughtUp(WAIT);
            FaultReport report = harness()
                    .streamThrough(
                            scenario,
                            worker,
                            Map.of(),
                            "read_uncommitted",
                            writer -> replica.failOverBehind(clusterEndpoint, WAIT));
            report = report.with("newWriterGtidExecuted", Replica.gtidExecuted(replica.server()));
            report.write();
            FaultHarness.assertNothingLost(report);
        } finally {
            replica.closeWith(clusterEndpoint);
        }
    }

    private static LocalStack stack() {
        return FAULTS.stack();
    }

    private static FaultHarness harness() {
        return FAULTS.harness();
    }

    /** A worker of its own whose provider returns values with a {@link #ROTATION_CACHE_TTL} lifetime. */
    private static ConnectWorker startRotationWorker() {
        return stack().startAnotherWorker(
                        "faults-rotation-" + System.nanoTime(),
                        Map.of(
                                "config.providers.secretsmanager.param.ttl.enabled",
                                "true",
                                "config.providers.secretsmanager.param.cache.ttl.ms",
                                String.valueOf(ROTATION_CACHE_TTL.toMillis())));
    }

    /**
     * Single-user rotation, as RDS does it: the connector user's password changes in the database (open
     * sessions stay logged in, new logins need the new password) and then in the secret, as a new version.
     * Returns the secret's new VersionId.
     */
    private static String rotateConnectorPassword() {
        String oldPassword = TestJson.json(stack().secretsManager().secretString(LocalStack.DATABASE_SECRET))
                .path("password")
                .asText();
        String password = "rotated-" + UUID.randomUUID();
        stack().database()
                .execute("ALTER USER '" + LocalStack.CONNECTOR_USER + "'@'%' IDENTIFIED BY '" + password + "'");
        assertThatThrownBy(() -> DriverManager.getConnection(
                                "jdbc:mysql://" + stack().database().host() + ":"
                                        + stack().database().port()
                                        + "/?sslMode=DISABLED&connectTimeout=10000&socketTimeout=10000",
                                LocalStack.CONNECTOR_USER,
                                oldPassword)
                        .close())
                .as("a login with the password from before the rotation")
                .hasMessageContaining("Access denied");
        stack().secretsManager()
                .putSecret(
                        LocalStack.DATABASE_SECRET,
                        "{\"username\":\"" + LocalStack.CONNECTOR_USER + "\",\"password\":\"" + password + "\"}");
        return stack().secretsManager().versionIdOf(LocalStack.DATABASE_SECRET);
    }

    /**
     * The credentials version in the connector's stored task configuration (Connect's REST API), or the answer
     * when there is none (e.g. 409 while the group rebalances after a connector restart).
     */
    private static String taskCredentialsVersion(ConnectWorker worker, String connector) {
        ConnectRestClient.Response response = worker.rest().get("/connectors/" + connector + "/tasks");
        if (!response.isSuccess()) {
            return "HTTP " + response.status();
        }
        return response.json()
                .path(0)
                .path("config")
                .path(CredentialsVersion.TASK_CREDENTIALS_VERSION)
                .asText("none");
    }

    /** Waits until the task's stored configuration carries the fingerprint of {@code version}. */
    private static void awaitTaskCredentialsVersion(ConnectWorker worker, String connector, String version) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!CredentialsVersion.fingerprint(version).equals(taskCredentialsVersion(worker, connector))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The task of " + connector + " was not given credentials version " + version
                        + " within " + WAIT.toSeconds() + " s; it has "
                        + taskCredentialsVersion(worker, connector));
            }
            Pause.between(Duration.ofMillis(500), "the task of " + connector + " to get credentials " + version);
        }
    }

    /** Waits until a binlog reader other than {@code before} is connected: the restarted task is streaming. */
    private static void awaitNewBinlogReader(List<Long> before) {
        Instant deadline = Instant.now().plus(WAIT);
        List<Long> now = stack().database().binlogDumpThreads();
        while (now.isEmpty() || now.equals(before)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No new binlog reader within " + WAIT.toSeconds() + " s; dump threads " + now);
            }
            Pause.between(Duration.ofMillis(200), "the restarted task to read the binlog");
            now = stack().database().binlogDumpThreads();
        }
    }

    private static String taskWorker(ConnectWorker worker, String connector) {
        worker.rest().awaitRunning(connector, WAIT);
        return worker.rest()
                .status(connector)
                .path("tasks")
                .path(0)
                .path("worker_id")
                .asText();
    }

    private static void awaitTaskRunningOn(ConnectWorker worker, String connector, String workerId) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            JsonNode task = worker.rest().status(connector).path("tasks").path(0);
            if (workerId.equals(task.path("worker_id").asText())
                    && "RUNNING".equals(task.path("state").asText())) {
                return;
            }
            assertThat(Instant.now())
                    .as("task of " + connector + " running on " + workerId)
                    .isBefore(deadline);
            Pause.between(Duration.ofMillis(250), "the task of " + connector + " to run on " + workerId);
        }
    }
}
