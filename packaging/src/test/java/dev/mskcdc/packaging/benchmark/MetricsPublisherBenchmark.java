package dev.mskcdc.packaging.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.junit.LocalStackExtension;

/**
 * The cost of the CloudWatchMetrics transform: the same workload (snapshot, then streaming) through the reference
 * connector with and without the publisher, alternating in the same run on one stack, publishing every second to
 * the loopback CloudWatch (60 times more often than the default). Run with {@code -Pbenchmarks}; it judges nothing.
 */
class MetricsPublisherBenchmark {

    private static final int SNAPSHOT_ROWS = 100_000;
    private static final int STREAMED_ROWS = 50_000;
    private static final int ROUNDS = 8;
    private static final Duration WAIT = Duration.ofMinutes(10);

    private record Result(int round, boolean publisher, double snapshotSeconds, double streamingSeconds, int calls) {}

    @Test
    void pipelineWithAndWithoutThePublisher() throws Exception {
        try (LocalStack stack =
                LocalStackExtension.configuredBuilder("metrics-benchmark").start()) {
            stack.database()
                    .recreateDatabase(
                            "mbench",
                            "CREATE TABLE mbench.events (id BIGINT PRIMARY KEY, kind VARCHAR(16) NOT NULL, amount DECIMAL(10,2),"
                                    + " payload VARCHAR(200))");
            EventRows.insert(stack.database(), "mbench.events", 1, SNAPSHOT_ROWS);
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
            report(results, stack.database().description());
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
            SnapshotAndStream run = SnapshotAndStream.measure(
                    stack.worker().rest(),
                    prefix,
                    config,
                    admin,
                    topic,
                    stack.database(),
                    "mbench." + table,
                    SNAPSHOT_ROWS,
                    STREAMED_ROWS,
                    WAIT);
            stack.worker().rest().deleteConnector(prefix);
            return new Result(
                    round,
                    publisher,
                    run.snapshotSeconds(),
                    run.streamingSeconds(),
                    stack.cloudWatch().calls().size() - callsBefore);
        }
    }

    private static void report(List<Result> results, String database) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "CloudWatchMetrics cost: %,d rows snapshotted, then %,d rows streamed (batches of %,d), "
                        + "%d rounds after one warm-up pair, alternating with/without the publisher (interval 1 s), one stack, "
                        + "2 shared cores, %s.%n%n",
                SNAPSHOT_ROWS, STREAMED_ROWS, EventRows.BATCH, ROUNDS, database));
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
        text.append(String.format(
                "Median of the rounds' overall ratios (one slow round moves it least): %.3f.%n",
                medianRoundRatio(results)));
        System.out.println(text);
        Path reports = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(reports.resolve("metrics-publisher.md"), text.toString());
    }

    /** Per round, throughput with the publisher over without it (both runs' total seconds); their median. */
    private static double medianRoundRatio(List<Result> results) {
        double[] ratios = results.stream().collect(Collectors.groupingBy(Result::round)).values().stream()
                .mapToDouble(round -> seconds(round, false) / seconds(round, true))
                .sorted()
                .toArray();
        int middle = ratios.length / 2;
        return ratios.length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
    }

    private static double seconds(List<Result> round, boolean publisher) {
        return round.stream()
                .filter(result -> result.publisher() == publisher)
                .mapToDouble(result -> result.snapshotSeconds() + result.streamingSeconds())
                .sum();
    }
}
