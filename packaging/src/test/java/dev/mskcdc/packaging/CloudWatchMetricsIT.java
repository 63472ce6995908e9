package dev.mskcdc.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;
import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch.Datum;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Pause;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CloudWatchMetrics transform from the ZIP, in the worker, publishing the real Debezium MBeans to a loopback
 * CloudWatch endpoint: the snapshot is seen running (held by a table lock the test owns) and then completed with
 * the row count read from the database; a paused connector whose queue is full makes the published lag grow, and
 * it falls back once the connector has caught up.
 */
@ExtendWith(LocalStackExtension.class)
class CloudWatchMetricsIT {

    private static final String CONNECTOR = "metrics";
    private static final String PREFIX = "mtr";
    private static final String NAMESPACE = "MskCdc/IT";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long PAUSE_MS = 6_000;

    @Test
    void publishesSnapshotProgressAndLagThatRisesWhilePausedAndFallsAfterCatchingUp(LocalStack stack) throws Exception {
        stack.database()
                .recreateDatabase(
                        "metricsdb",
                        "CREATE TABLE metricsdb.items (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(64) NOT NULL)",
                        "INSERT INTO metricsdb.items (note) VALUES "
                                + String.join(",", java.util.Collections.nCopies(300, "('secret-row-value')")));
        long rows = count(stack, "SELECT COUNT(*) FROM metricsdb.items");
        ConnectRestClient rest = stack.worker().rest();
        List<String> report = new ArrayList<>();

        try (LocalCloudWatch cloudWatch = LocalCloudWatch.start();
                Connection locker = stack.database().adminConnection();
                Statement lock = locker.createStatement()) {
            ConnectorSpec spec = ConnectorSpec.of(CONNECTOR, PREFIX, "metricsdb", "metricsdb\\.items")
                    .with("snapshot.lock.timeout.ms", "600000")
                    // Debezium measures the lag when its binlog reader hands an event to its queue, not when
                    // Connect polls it: a paused task delays events only once the queue is full. A tiny queue
                    // makes that happen at once.
                    .with("max.batch.size", "2")
                    .with("max.queue.size", "4")
                    // The pause below holds that queue full for 6 s. With the reference's 5 s keep-alive the
                    // binlog client would take the stall for a dead connection and reconnect meanwhile (README,
                    // "Reliability under faults"), which is not what this test measures: it keeps Debezium's
                    // default.
                    .with("connect.keep.alive.interval.ms", "60000");
            // This test's own CloudWatch endpoint: every call it receives is this connector's.
            spec = stack.withCloudWatchMetrics(spec, NAMESPACE, Duration.ofSeconds(1))
                    .with("transforms.metrics.endpoint", cloudWatch.endpoint());
            Map<String, String> config = stack.connectorConfig(spec);
            // Registered by hand, not as a RunningConnector: the signal table's DDL and GRANT must run before the
            // lock below (they would wait for it), and the connector must be registered while it is held.
            stack.provisionSignals(config);
            // Holding a write lock stalls the snapshot (its reads wait for the lock, whatever the locking mode),
            // so "running" is observed on a condition, not by racing a fast snapshot.
            lock.execute("LOCK TABLES metricsdb.items WRITE");
            rest.putConnector(CONNECTOR, config);

            Datum running = await(cloudWatch, "SnapshotRunning", d -> d.value() == 1);
            // Still held: every call since shows it running; release it only now.
            assertThat(cloudWatch.data(NAMESPACE, "SnapshotCompleted"))
                    .allSatisfy(d -> assertThat(d.value()).isZero());
            report.add("snapshot running: SnapshotRunning=" + running.value() + " RemainingTableCount="
                    + latest(cloudWatch, "RemainingTableCount") + " TotalTableCount="
                    + latest(cloudWatch, "TotalTableCount"));
            assertThat(running.dimensions()).isEqualTo(Map.of("ConnectorName", CONNECTOR, "TopicPrefix", PREFIX));
            lock.execute("UNLOCK TABLES");

            // Each MBean attribute is read on its own, so the one sample taken while the snapshot ends may show both
            // running and completed: wait for the settled state.
            LocalCloudWatch.Call completed = awaitCallWhere(
                    cloudWatch,
                    "SnapshotCompleted=1 with SnapshotRunning=0",
                    call -> value(call, "SnapshotCompleted") == 1 && value(call, "SnapshotRunning") == 0,
                    0);
            report.add("snapshot completed: SnapshotCompleted=1 SnapshotRunning=" + value(completed, "SnapshotRunning")
                    + " RemainingTableCount=" + value(completed, "RemainingTableCount")
                    + " RowsScanned=" + value(completed, "RowsScanned") + " (database: " + rows + ")");
            assertThat(value(completed, "RowsScanned")).isEqualTo((double) rows);
            assertThat(value(completed, "SnapshotRunning")).isZero();
            // Debezium 3.6.1 counts the signal table (signal.data.collection) among the snapshot's tables but never
            // reads its rows (RelationalSnapshotChangeEventSource.addSignalingCollectionAndSort), so with the
            // reference config one table stays "remaining" after the snapshot completed.
            assertThat(value(completed, "RemainingTableCount")).isEqualTo(1.0);

            stack.database().execute("INSERT INTO metricsdb.items (note) VALUES ('warm-up')");
            Datum before = await(cloudWatch, "MilliSecondsBehindSource", d -> true);
            await(cloudWatch, "StreamingConnected", d -> d.value() == 1);
            report.add("streaming: MilliSecondsBehindSource=" + before.value());

            assertThat(rest.put("/connectors/" + CONNECTOR + "/pause", null).isSuccess())
                    .isTrue();
            rest.awaitState(CONNECTOR, "PAUSED", WAIT);
            for (int i = 0; i < 12; i++) {
                stack.database().execute("INSERT INTO metricsdb.items (note) VALUES ('while-paused')");
            }
            Datum idle = await(cloudWatch, "MilliSecondsSinceLastEvent", d -> d.value() >= PAUSE_MS);
            report.add("paused: MilliSecondsSinceLastEvent=" + idle.value());
            rest.resumeConnector(CONNECTOR);

            Datum risen = await(cloudWatch, "MilliSecondsBehindSource", d -> d.value() >= PAUSE_MS);
            report.add("resumed: MilliSecondsBehindSource=" + risen.value() + " P95="
                    + latest(cloudWatch, "MilliSecondsBehindSourceP95"));

            Datum fallen = awaitLagFallsBack(stack, cloudWatch);
            report.add("caught up: MilliSecondsBehindSource=" + fallen.value() + " EventsPerSecond(latest)="
                    + latest(cloudWatch, "EventsPerSecond"));
            assertThat(fallen.value()).isLessThan(risen.value());

            report.add("lag series: "
                    + cloudWatch.data(NAMESPACE, "MilliSecondsBehindSource").stream()
                            .map(d -> String.valueOf((long) d.value()))
                            .toList());
            String published = cloudWatch.calls().toString();
            assertThat(published).doesNotContain("secret-row-").doesNotContain("while-paused");
            assertThat(cloudWatch.calls())
                    .allSatisfy(call -> assertThat(call.data()).hasSizeLessThanOrEqualTo(1000));
            report(report);
        } finally {
            rest.deleteConnector(CONNECTOR);
        }
        assertThat(WorkerLog.errorLines(Files.readAllLines(stack.worker().logFile())))
                .noneMatch(l -> l.contains("CloudWatch"));
        assertThat(Files.readString(stack.worker().logFile())).doesNotContain("secret-row-");
    }

    /** Writes a row at a time until a freshly published lag is below the paused one's tenth (or 2 s). */
    private static Datum awaitLagFallsBack(LocalStack stack, LocalCloudWatch cloudWatch) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            stack.database().execute("INSERT INTO metricsdb.items (note) VALUES ('catch-up')");
            try {
                return cloudWatch.awaitNext(
                        NAMESPACE, "MilliSecondsBehindSource", d -> d.value() < 2_000, Duration.ofSeconds(5));
            } catch (LocalStackException notYet) {
                // the lag of the newest event is still high: write another and look again
            }
        }
        throw new AssertionError("MilliSecondsBehindSource did not fall back within " + WAIT + "; last published: "
                + lastValues(cloudWatch, "MilliSecondsBehindSource"));
    }

    /** The first datum of {@code metric} matching {@code condition} published from now on. */
    private static Datum await(LocalCloudWatch cloudWatch, String metric, Predicate<Datum> condition) {
        LocalCloudWatch.Call call =
                awaitCall(cloudWatch, metric, condition, cloudWatch.calls().size());
        return call.data().stream()
                .filter(d -> d.metricName().equals(metric) && condition.test(d))
                .findFirst()
                .orElseThrow();
    }

    /** The first PutMetricData call from the {@code from}-th on holding a datum of {@code metric} matching {@code condition}. */
    private static LocalCloudWatch.Call awaitCall(
            LocalCloudWatch cloudWatch, String metric, Predicate<Datum> condition, int from) {
        return awaitCallWhere(
                cloudWatch,
                metric,
                call -> call.data().stream().anyMatch(d -> d.metricName().equals(metric) && condition.test(d)),
                from);
    }

    /** The first PutMetricData call of this test's namespace, from the {@code from}-th on, matching {@code condition}. */
    private static LocalCloudWatch.Call awaitCallWhere(
            LocalCloudWatch cloudWatch, String what, Predicate<LocalCloudWatch.Call> condition, int from) {
        Instant deadline = Instant.now().plus(WAIT);
        int checked = from;
        while (Instant.now().isBefore(deadline)) {
            List<LocalCloudWatch.Call> calls = cloudWatch.calls();
            for (LocalCloudWatch.Call call : calls.subList(checked, calls.size())) {
                if (call.namespace().equals(NAMESPACE) && condition.test(call)) {
                    return call;
                }
            }
            checked = calls.size();
            Pause.between(Duration.ofMillis(200), what + " from the loopback CloudWatch");
        }
        throw new AssertionError(what + " never published; last calls: "
                + calls(cloudWatch)
                        .subList(
                                Math.max(0, calls(cloudWatch).size() - 3),
                                calls(cloudWatch).size()));
    }

    private static double value(LocalCloudWatch.Call call, String metric) {
        return call.data().stream()
                .filter(d -> d.metricName().equals(metric))
                .mapToDouble(Datum::value)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static List<Double> lastValues(LocalCloudWatch cloudWatch, String metric) {
        List<Double> values =
                cloudWatch.data(NAMESPACE, metric).stream().map(Datum::value).toList();
        return values.subList(Math.max(0, values.size() - 10), values.size());
    }

    private static List<LocalCloudWatch.Call> calls(LocalCloudWatch cloudWatch) {
        return cloudWatch.calls().stream()
                .filter(call -> call.namespace().equals(NAMESPACE))
                .toList();
    }

    private static double latest(LocalCloudWatch cloudWatch, String metric) {
        return cloudWatch.latest(NAMESPACE, metric).map(Datum::value).orElse(Double.NaN);
    }

    private static long count(LocalStack stack, String sql) throws Exception {
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void report(List<String> lines) throws IOException {
        lines.forEach(line -> System.out.println("[CloudWatchMetricsIT] " + line));
        Path reports = Files.createDirectories(Path.of("target", "it-reports"));
        Files.write(reports.resolve("cloudwatch-metrics.txt"), lines);
    }
}
