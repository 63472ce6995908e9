package dev.mskcdc.packaging.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.database.MySqlServer;
import dev.mskcdc.localstack.process.Pause;
import dev.mskcdc.packaging.SequenceRows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The long GTID seek after a reconnect (dbz#2266: a permanent keep-alive reconnect loop when the server's seek takes
 * longer than {@code connect.keep.alive.interval.ms}). The reference connector streams a table while a writer commits;
 * meanwhile the current binary log is filled to {@value #DEFAULT_BINLOG_MIB} MiB (one file, below
 * {@code max_binlog_size}) with transactions on a table the connector does not capture, and the connector catches up.
 * Then its binlog dump thread is killed on the server. On the reconnect with the connector's GTID set the server reads
 * that whole file, skipping every transaction the set holds, before it sends the first change committed after the
 * kill. Nothing may be lost ({@link ChangeCheck}), and the connector's user must open exactly one new binlog
 * connection (more is the reconnect loop). Measured (target/it-reports/fault-long-gtid-seek.json): how long the
 * seek took and its seconds per GiB, the reconnects, and the seconds from the kill to the first change committed after
 * it arriving in Kafka ({@code recoverySeconds}). Before the kill the log is dropped from the page cache (and how much
 * of it stays cached is reported), so the server reads it from disk as after a restart of the database's host.
 *
 * <p>{@code -Dmskcdc.seek.binlogMiB=N} changes the binary log's size; {@code -Dmskcdc.seek.cached=true} keeps it
 * in the page cache; {@code -Dmskcdc.seek.keepAliveMs=N} overrides the
 * reference's {@code connect.keep.alive.interval.ms}: with 2000, shorter than the seek from disk, MySQL 8.0.15 still
 * keeps the connection (one reconnect), because its dump thread sends the heartbeats Debezium asks for while it skips.
 */
@Tag("long") // fills 1 GB of binary log: 1.3-2.5 minutes on 2 cores; ./mvnw verify -Plong-tests
class LongGtidSeekIT {

    private static final String SCENARIO = "long-gtid-seek";
    private static final long DEFAULT_BINLOG_MIB = 1_000;
    private static final long BINLOG_BYTES = Long.getLong("mskcdc.seek.binlogMiB", DEFAULT_BINLOG_MIB) << 20;
    private static final String KEEP_ALIVE_OVERRIDE = System.getProperty("mskcdc.seek.keepAliveMs");
    /** The seek reads the log from disk, as after a database host's restart, unless {@code -Dmskcdc.seek.cached}. */
    private static final boolean EVICT = !Boolean.getBoolean("mskcdc.seek.cached");

    private static final String KEEP_ALIVE = "connect.keep.alive.interval.ms";
    /** About 1 MB a transaction, written by the server as row events of at most 8 KiB, as a busy table's would be. */
    private static final int FILLER_ROWS = 1_000;

    private static final int FILLER_ROW_BYTES = 1_000;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    /** MySQL 8.0.15's dump thread state once it has sent everything (8.0.26+ says "Source has sent all binlog"). */
    private static final String SENT_ALL = "(?i).*has sent all binlog.*";

    /** What the binlog client (java.util.logging, on the worker's stderr, in its log) says when its keep-alive reconnects. */
    private static final String KEEP_ALIVE_RECONNECT = "Keepalive: Trying to restore lost connection";

    @RegisterExtension
    static final FaultStack FAULTS = FaultStack.onTheChosenDatabase("seek");

    /** One look at the server's binlog dump threads. */
    private record Sample(long atNanos, Map<Long, String> stateByThread) {}

    @Test
    void binlogConnectionKilledAfterAGigabyteOfBinlogResumesWithoutAReconnectLoop() throws Exception {
        assumeTrue(stack().localServer() instanceof MySqlServer, "GTID auto-positioning as MySQL does it");
        Map<String, String> overrides =
                KEEP_ALIVE_OVERRIDE == null ? Map.of() : Map.of(KEEP_ALIVE, KEEP_ALIVE_OVERRIDE);
        String keepAliveMs = stack().connectorConfig(
                        ConnectorSpec.of(SCENARIO, SCENARIO, "faults", "none").with(overrides))
                .get(KEEP_ALIVE);
        stack().database()
                .execute("CREATE TABLE faults.seek_filler (id BIGINT AUTO_INCREMENT PRIMARY KEY, pad VARCHAR("
                        + FILLER_ROW_BYTES + ") NOT NULL)");
        List<Sample> samples = new CopyOnWriteArrayList<>();
        Map<String, Object> measured = new LinkedHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Set<Long> killed;
        long killedAt;
        long keepAliveReconnects;
        FaultReport report;
        try {
            List<Set<Long>> killedThreads = new ArrayList<>();
            long[] killTime = new long[1];
            long[] logAtKill = new long[1];
            report = FAULTS.harness()
                    .streamThrough(SCENARIO, stack().worker(), overrides, "read_uncommitted", writer -> {
                        long fillStart = System.nanoTime();
                        String file = fillOneBinaryLog();
                        measured.put("fillSeconds", round(FaultHarness.seconds(System.nanoTime() - fillStart)));
                        awaitDumpThreadSentAll();
                        Set<Long> dumpThreads = dumpThreadStates().keySet();
                        measured.put("binlogFile", file);
                        measured.put("binlogBytesAtKill", binaryLogSize(file));
                        Path log = binaryLogPath(file);
                        if (EVICT) {
                            run("sync", log.toString());
                            run("dd", "if=" + log, "iflag=nocache", "count=0", "status=none");
                        }
                        measured.put(
                                "binlogBytesInPageCacheAtKill",
                                Long.parseLong(run("fincore", "-b", "-n", "-o", "RES", log.toString())));
                        sampler.scheduleWithFixedDelay(
                                () -> samples.add(sample()), 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                        logAtKill[0] = Files.size(stack().worker().logFile());
                        killTime[0] = System.nanoTime();
                        for (long id : dumpThreads) {
                            stack().database().execute("KILL " + id);
                        }
                        killedThreads.add(dumpThreads);
                    });
            killed = killedThreads.get(0);
            killedAt = killTime[0];
            keepAliveReconnects = keepAliveReconnectsAfter(logAtKill[0]);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(1, TimeUnit.MINUTES);
        }

        List<Long> newThreads = samples.stream()
                .flatMap(sample -> sample.stateByThread().keySet().stream())
                .filter(id -> !killed.contains(id))
                .distinct()
                .toList();
        long bytes = (long) measured.get("binlogBytesAtKill");
        Sample seekEnd = samples.stream()
                .filter(sample -> sample.stateByThread().entrySet().stream()
                        .anyMatch(thread -> !killed.contains(thread.getKey())
                                && thread.getValue().matches(SENT_ALL)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no new binlog dump thread reached the binary log's end"));
        long seekStart = samples.stream()
                .filter(sample -> !killed.containsAll(sample.stateByThread().keySet()))
                .findFirst()
                .orElseThrow()
                .atNanos();
        double seekSeconds = FaultHarness.seconds(seekEnd.atNanos() - seekStart);
        // The harness counts the fault's whole step, the fill included, as the outage; a killed connection has
        // nothing to bring back (0, as scenario 7 of FaultScenariosIT).
        report = new FaultReport(
                        report.scenario(),
                        report.check(),
                        0,
                        report.recoverySeconds(),
                        report.durationSeconds(),
                        report.lastOffset(),
                        report.extra())
                .with(KEEP_ALIVE, Long.parseLong(keepAliveMs));
        for (Map.Entry<String, Object> entry : measured.entrySet()) {
            report = report.with(entry.getKey(), entry.getValue());
        }
        report = report.with("binlogConnectionsAfterKill", newThreads.size())
                .with("keepAliveReconnectsAfterKill", keepAliveReconnects)
                .with("secondsFromKillToNewDumpThread", round(FaultHarness.seconds(seekStart - killedAt)))
                .with("seekSeconds", round(seekSeconds))
                .with("seekSecondsPerGiB", round(seekSeconds / (bytes / (double) (1L << 30))))
                .with("secondsFromKillToSeekEnd", round(FaultHarness.seconds(seekEnd.atNanos() - killedAt)))
                .with(
                        "dumpThreadsSeen",
                        newThreads.stream().map(String::valueOf).collect(Collectors.joining(",")));
        report.write();

        FaultHarness.assertNothingLost(report);
        assertThat(newThreads)
                .as("binlog connections opened after the kill: one, or the keep-alive reconnected during the seek")
                .hasSize(1);
        assertThat(keepAliveReconnects)
                .as("the binlog client's keep-alive reconnects after the kill (worker log: " + KEEP_ALIVE_RECONNECT
                        + ")")
                .isEqualTo(1);
        assertThat(bytes)
                .as("the binary log the server skipped on the reconnect")
                .isGreaterThanOrEqualTo(BINLOG_BYTES);
    }

    /**
     * Starts a new binary log and commits about 1 MB transactions on a table the connector does not capture until
     * the log holds {@link #BINLOG_BYTES}; returns its name. It stays one file: {@code max_binlog_size} is 1 GiB.
     */
    private static String fillOneBinaryLog() throws SQLException {
        try (Connection connection = stack().database().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("FLUSH BINARY LOGS");
            String file = currentBinaryLog(statement);
            String insert = "INSERT INTO faults.seek_filler (pad) SELECT REPEAT(CHAR(65 + seq % 26), "
                    + FILLER_ROW_BYTES + ") FROM " + SequenceRows.from(1, FILLER_ROWS);
            // One transaction at a time: the last one may end at most 1 MB past the target, well below 1 GiB.
            while (binaryLogSize(file) < BINLOG_BYTES) {
                statement.execute(insert);
            }
            assertThat(currentBinaryLog(statement))
                    .as("the fill stayed in one binary log (max_binlog_size)")
                    .isEqualTo(file);
            return file;
        }
    }

    /** The keep-alive reconnects the worker logged from byte {@code from} of its log on. */
    private static long keepAliveReconnectsAfter(long from) throws IOException {
        String log = Files.readString(stack().worker().logFile(), StandardCharsets.UTF_8);
        return log.substring((int) Math.min(from, log.length()))
                .lines()
                .filter(line -> line.contains(KEEP_ALIVE_RECONNECT))
                .count();
    }

    private static Path binaryLogPath(String file) throws SQLException {
        try (Connection connection = stack().database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet datadir = statement.executeQuery("SELECT @@GLOBAL.datadir")) {
            assertThat(datadir.next()).isTrue();
            return Path.of(datadir.getString(1), file);
        }
    }

    /** Runs a command of this machine (coreutils, util-linux); returns its output, trimmed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }

    private static String currentBinaryLog(Statement statement) throws SQLException {
        try (ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
            assertThat(status.next())
                    .as("SHOW MASTER STATUS answers a row (binary log on)")
                    .isTrue();
            return status.getString(1);
        }
    }

    private static long binaryLogSize(String file) throws SQLException {
        try (Connection connection = stack().database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (logs.next()) {
                if (file.equals(logs.getString(1))) {
                    return logs.getLong(2);
                }
            }
        }
        throw new AssertionError("binary log " + file + " not listed");
    }

    /**
     * Waits until the connector's dump thread has sent the whole binary log, the fill included: the connector is
     * caught up near the end of the log (at most what its socket buffers hold behind).
     */
    private static void awaitDumpThreadSentAll() throws SQLException {
        Instant deadline = Instant.now().plus(FaultHarness.WAIT);
        while (dumpThreadStates().values().stream().noneMatch(state -> state.matches(SENT_ALL))) {
            assertThat(Instant.now())
                    .as("the connector's binlog dump thread sent the whole binary log")
                    .isBefore(deadline);
            Pause.between(SAMPLE_EVERY, "the connector to read the filled binary log");
        }
    }

    private static Sample sample() {
        try {
            return new Sample(System.nanoTime(), dumpThreadStates());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server threads serving a binlog reader of the connector's user, with their state. */
    private static Map<Long, String> dumpThreadStates() throws SQLException {
        Map<Long, String> threads = new LinkedHashMap<>();
        try (Connection connection = stack().database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT ID, COALESCE(STATE, '') FROM"
                        + " information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%' AND USER = '"
                        + LocalStack.CONNECTOR_USER + "'")) {
            while (rows.next()) {
                threads.put(rows.getLong(1), rows.getString(2));
            }
        }
        return threads;
    }

    private static LocalStack stack() {
        return FAULTS.stack();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
