package dev.mskcdc.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.localstack.process.Pause;

/**
 * The cost of the CloudWatchMetrics transform: the same workload (snapshot, then streaming) through the reference
 * connector with and without the publisher, alternating in the same run on one stack, publishing every second to
 * the loopback CloudWatch (60 times more often than the default). Run with {@code -Pbenchmarks}; it judges nothing.
 */
class MetricsPublisherBenchmark {

    private static final int SNAPSHOT_ROWS = 100_000;
    private static final int STREAMED_ROWS = 50_000;
    private static final int BATCH = 1_000;
    private static final int ROUNDS = 8;
    private static final Duration WAIT = Duration.ofMinutes(10);

    private record Result(int round, boolean publisher, double snapshotSeconds, double streamingSeconds, int calls) {}

    @Test
    void pipelineWithAndWithoutThePublisher() throws Exception {
        try (LocalStack stack =
                LocalStackExtension.configuredBuilder("metrics-benchmark").start()) {
            stack.database()
                    .execute(
                            "DROP DATABASE IF EXISTS mbench",
                            "CREATE DATABASE mbench",
                            "CREATE TABLE mbench.events (id BIGINT PRIMARY KEY, kind VARCHAR(16) NOT NULL, amount DECIMAL(10,2),"
                                    + " payload VARCHAR(200))");
            insertRows(stack, "events", 1, SNAPSHOT_ROWS);
            List<Result> results = new ArrayList<>();
            int run = 0;
            // Warm-up, not reported: the first runs on a fresh stack pay for JIT compilation and topic creation.
            run(stack, 0, false, run++);
            run(stack, 0, true, run++);
            for (int round = 1; round <= ROUNDS; round++) {
                // Alternate which goes first, so a machine slowing down over time favours neither.
                boolean first = round % 2 == 1;
                results.add(run(stack, round, first, run++));
                results.add(run(stack, round, !first, run++));
            }
            report(results);
        }
    }

    private static Result run(LocalStack stack, int round, boolean publisher, int index) throws Exception {
        String prefix = "mb" + index;
        String table = "events_" + index;
        stack.database()
                .execute(
                        "CREATE TABLE mbench." + table + " LIKE mbench.events",
                        "INSERT INTO mbench." + table + " SELECT * FROM mbench.events");
        ConnectorSpec spec = ConnectorSpec.of(prefix, prefix, "mbench", "mbench\\." + table);
        if (publisher) {
            spec = stack.withCloudWatchMetrics(spec, "MskCdc/Benchmark", Duration.ofSeconds(1));
        }
        Map<String, String> config = stack.connectorConfig(spec);
        stack.provisionSignals(config);
        int callsBefore = stack.cloudWatch().calls().size();
        String topic = prefix + ".mbench." + table;
        try (Admin admin = stack.kafka().admin()) {
            Instant snapshotStart = Instant.now();
            stack.worker().rest().putConnector(prefix, config);
            awaitEndOffset(admin, topic, SNAPSHOT_ROWS);
            double snapshotSeconds = secondsSince(snapshotStart);
            Instant streamingStart = Instant.now();
            insertRows(stack, table, SNAPSHOT_ROWS + 1, STREAMED_ROWS);
            awaitEndOffset(admin, topic, SNAPSHOT_ROWS + STREAMED_ROWS);
            double streamingSeconds = secondsSince(streamingStart);
            stack.worker().rest().deleteConnector(prefix);
            return new Result(
                    round,
                    publisher,
                    snapshotSeconds,
                    streamingSeconds,
                    stack.cloudWatch().calls().size() - callsBefore);
        }
    }

    private static void insertRows(LocalStack stack, String table, int first, int count) {
        for (int start = first; start < first + count; start += BATCH) {
            StringBuilder sql =
                    new StringBuilder("INSERT INTO mbench." + table + " (id, kind, amount, payload) VALUES ");
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
            stack.database().execute(sql.toString());
        }
    }

    private static void awaitEndOffset(Admin admin, String topic, long expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (endOffset(admin, topic) < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(topic + " did not reach " + expected + " records within " + WAIT);
            }
            Pause.between(Duration.ofMillis(100), topic + " to reach " + expected + " records");
        }
    }

    private static long endOffset(Admin admin, String topic) throws InterruptedException {
        try {
            return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest()))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .values()
                    .iterator()
                    .next()
                    .offset();
        } catch (ExecutionException | java.util.concurrent.TimeoutException topicNotThereYet) {
            return 0;
        }
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static void report(List<Result> results) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "CloudWatchMetrics cost: %,d rows snapshotted, then %,d rows streamed (batches of %,d), "
                        + "%d rounds after one warm-up pair, alternating with/without the publisher (interval 1 s), one stack, "
                        + "2 shared cores.%n%n",
                SNAPSHOT_ROWS, STREAMED_ROWS, BATCH, ROUNDS));
        text.append(
                "| round | publisher | snapshot s (ev/s) | streaming s (ev/s) | PutMetricData calls |\n|---|---|---|---|---|\n");
        double[] sums = new double[4];
        for (Result result : results) {
            text.append(String.format(
                    "| %d | %s | %.1f (%,.0f) | %.1f (%,.0f) | %d |%n",
                    result.round(),
                    result.publisher() ? "on" : "off",
                    result.snapshotSeconds(),
                    SNAPSHOT_ROWS / result.snapshotSeconds(),
                    result.streamingSeconds(),
                    STREAMED_ROWS / result.streamingSeconds(),
                    result.calls()));
            int offset = result.publisher() ? 0 : 2;
            sums[offset] += result.snapshotSeconds();
            sums[offset + 1] += result.streamingSeconds();
        }
        double total = SNAPSHOT_ROWS + STREAMED_ROWS;
        double withThroughput = total / (sums[0] + sums[1]);
        double withoutThroughput = total / (sums[2] + sums[3]);
        text.append(String.format(
                "%nThroughput with the publisher / without, over all rounds: snapshot %.3f, streaming %.3f, "
                        + "overall %.3f.%n",
                sums[2] / sums[0], sums[3] / sums[1], withThroughput / withoutThroughput));
        System.out.println(text);
        Path reports = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(reports.resolve("metrics-publisher.md"), text.toString());
    }
}
