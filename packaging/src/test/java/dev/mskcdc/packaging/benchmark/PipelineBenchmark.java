package dev.mskcdc.packaging.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.packaging.PluginZip;
import dev.mskcdc.packaging.process.ProcFs;

/**
 * The pipeline harness: the same workload (snapshot of existing rows, then streaming of new ones) through
 * Debezium's own 3.6.1 MySQL plugin archive and through our ZIP, one after the other on the same broker
 * and database, each in a fresh worker process. Reports seconds, events per second and the worker's peak
 * resident memory, as ratios to Debezium's archive. Run with {@code -Pbenchmarks}; it judges nothing.
 */
class PipelineBenchmark {

    private static final int SNAPSHOT_ROWS = 100_000;
    private static final int STREAMED_ROWS = 50_000;
    /** Each variant runs once per round; rounds show how much of a difference is noise. */
    private static final int ROUNDS = 2;

    private static final Duration WAIT = Duration.ofMinutes(10);

    private record Variant(String name, Path zip, Map<String, String> connectorOverrides, boolean keepTransforms) {}

    private record Result(
            int round,
            String variant,
            double workerStartSeconds,
            double snapshotSeconds,
            double streamingSeconds,
            long peakRssKb) {}

    @Test
    void ourZipAgainstDebeziumsArchive() throws Exception {
        Path debeziumZip = Path.of(System.getProperty("mskcdc.debezium.plugin.zip"));
        try (LocalStack stack =
                LocalStackExtension.configuredBuilder("benchmark").start()) {
            createRows(stack);
            String password = new ObjectMapper()
                    .readTree(stack.secretsManager().secretString(LocalStack.DATABASE_SECRET))
                    .path("password")
                    .asText();
            List<Variant> variants = List.of(
                    new Variant(
                            "Debezium 3.6.1 plugin archive",
                            debeziumZip,
                            Map.of(
                                    "connector.class",
                                    "io.debezium.connector.mysql.MySqlConnector",
                                    "database.user",
                                    LocalStack.CONNECTOR_USER,
                                    "database.password",
                                    password),
                            false),
                    new Variant("mskcdc-kit ZIP", PluginZip.path(), Map.of(), false),
                    new Variant("mskcdc-kit ZIP + reference transform chain", PluginZip.path(), Map.of(), true));
            List<Result> results = new ArrayList<>();
            int run = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                for (Variant variant : variants) {
                    results.add(run(stack, variant, round, run++));
                }
            }
            report(results, stack.database().description(), Files.size(debeziumZip), Files.size(PluginZip.path()));
        }
    }

    private static Result run(LocalStack stack, Variant variant, int round, int index) throws Exception {
        String prefix = "bench" + index;
        Instant workerStart = Instant.now();
        // No config provider in Debezium's archive: the worker declares none, for every variant alike.
        try (ConnectWorker worker = stack.startAnotherWorker(
                "bench-" + index, variant.zip(), Map.of("config.providers", "", "plugin.discovery", "hybrid_warn"))) {
            double startSeconds = Elapsed.secondsSince(workerStart);
            // Each run captures its own copy of the same rows, so every snapshot reads exactly SNAPSHOT_ROWS.
            String table = "events_" + index;
            stack.database()
                    .execute(
                            "CREATE TABLE bench." + table + " LIKE bench.events",
                            "INSERT INTO bench." + table + " SELECT * FROM bench.events");
            Map<String, String> config =
                    stack.connectorConfig(ConnectorSpec.of(prefix, prefix, "bench", "bench\\." + table));
            stack.provisionSignals(config);
            if (!variant.keepTransforms()) {
                config.keySet().removeIf(key -> key.startsWith("transforms"));
            }
            config.putAll(variant.connectorOverrides());
            if (variant.zip().equals(PluginZip.path())) {
                config.put(
                        "database.password",
                        new ObjectMapper()
                                .readTree(stack.secretsManager().secretString(LocalStack.DATABASE_SECRET))
                                .path("password")
                                .asText());
                config.put("database.user", LocalStack.CONNECTOR_USER);
            }
            String topic = prefix + ".bench." + table;
            try (Admin admin = stack.kafka().admin()) {
                SnapshotAndStream run = SnapshotAndStream.measure(
                        worker.rest(),
                        prefix,
                        config,
                        admin,
                        topic,
                        stack.database(),
                        "bench." + table,
                        SNAPSHOT_ROWS,
                        STREAMED_ROWS,
                        WAIT);
                long peakRss = ProcFs.peakRssKb(worker.pid());
                worker.rest().deleteConnector(prefix);
                return new Result(
                        round, variant.name(), startSeconds, run.snapshotSeconds(), run.streamingSeconds(), peakRss);
            }
        }
    }

    private static void createRows(LocalStack stack) {
        stack.database()
                .recreateDatabase(
                        "bench",
                        "CREATE TABLE bench.events (id BIGINT PRIMARY KEY, kind VARCHAR(16) NOT NULL, amount DECIMAL(10,2),"
                                + " payload VARCHAR(200), created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
        EventRows.insert(stack.database(), "bench.events", 1, SNAPSHOT_ROWS);
    }

    private static void report(List<Result> results, String database, long debeziumZipBytes, long ourZipBytes)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Pipeline harness: %,d rows snapshotted, then %,d rows streamed (batches of %,d),%n",
                SNAPSHOT_ROWS, STREAMED_ROWS, EventRows.BATCH));
        text.append(String.format(
                "%d rounds, same broker and database (%s), a fresh worker per run (-Xmx1g), 2 shared cores.%n",
                ROUNDS, database));
        text.append(
                "Streaming time runs from the first INSERT to the last event in Kafka, so it includes the inserts.\n\n");
        text.append(
                "| round | variant | worker start s | snapshot s (ev/s) | streaming s (ev/s) | worker peak RSS MB | ratios to Debezium's archive, same round (snapshot / streaming / RSS) |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            Result anchor = results.stream()
                    .filter(other -> other.round() == result.round())
                    .findFirst()
                    .orElseThrow();
            text.append(String.format(
                    "| %d | %s | %.1f | %.1f (%,.0f) | %.1f (%,.0f) | %d | %.2f / %.2f / %.2f |%n",
                    result.round(),
                    result.variant(),
                    result.workerStartSeconds(),
                    result.snapshotSeconds(),
                    SNAPSHOT_ROWS / result.snapshotSeconds(),
                    result.streamingSeconds(),
                    STREAMED_ROWS / result.streamingSeconds(),
                    result.peakRssKb() / 1024,
                    result.snapshotSeconds() / anchor.snapshotSeconds(),
                    result.streamingSeconds() / anchor.streamingSeconds(),
                    (double) result.peakRssKb() / anchor.peakRssKb()));
        }
        text.append(String.format(
                "%nZIP sizes in this run: Debezium's archive %.1f MB, ours %.1f MB (%.2fx).%n",
                debeziumZipBytes / 1e6, ourZipBytes / 1e6, (double) ourZipBytes / debeziumZipBytes));
        System.out.println(text);
        Path reports = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(reports.resolve("pipeline.md"), text.toString());
    }
}
