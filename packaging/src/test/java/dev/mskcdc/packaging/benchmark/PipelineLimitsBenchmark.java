package dev.mskcdc.packaging.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.packaging.process.ProcFs;

/**
 * The pipeline against the machine's limits: a snapshot of 4 tables, then streamed changes, through three
 * variants (Debezium's defaults, the reference configuration, tuned settings), next to the floors measured on the
 * same data (JDBC read, binlog read, broker produce rate). Scale the sizes with {@code -Dmskcdc.benchmark.scale=0.05}
 * while developing. Run with {@code -Pbenchmarks}; it measures, it judges nothing.
 */
class PipelineLimitsBenchmark {

    private static final double SCALE = Double.parseDouble(System.getProperty("mskcdc.benchmark.scale", "1"));
    private static final int SNAPSHOT_ROWS = (int) (1_000_000 * SCALE);
    /** A multiple of 500, the size of one group of changes. */
    private static final long STREAMED_CHANGES = Math.max(500, Math.round(200_000 * SCALE / 500) * 500);

    /** Each variant runs once per round, the rounds one after another: -Dmskcdc.benchmark.rounds=2 shows the noise. */
    private static final int ROUNDS = Integer.getInteger("mskcdc.benchmark.rounds", 1);

    private static final long PACED_CHANGES = Math.max(500, Math.round(STREAMED_CHANGES / 4.0 / 500) * 500);
    private static final Duration WAIT = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Connector keys a Debezium user cannot leave out: where the database and Kafka are, and what to capture. */
    private static final Set<String> REQUIRED_KEYS = Set.of(
            "connector.class",
            "tasks.max",
            "database.hostname",
            "database.port",
            "database.user",
            "database.password",
            "database.server.id",
            "database.include.list",
            "table.include.list",
            "database.ssl.mode",
            "topic.prefix",
            "topic.creation.default.replication.factor",
            "topic.creation.default.partitions");

    /** Kafka 3.7's producer defaults, written out so the anchor does not inherit tuned worker settings. */
    private static final Map<String, String> PRODUCER_DEFAULTS =
            Map.of("producer.linger.ms", "0", "producer.batch.size", "16384", "producer.compression.type", "none");

    /** The broker floor's producer: the reference worker's batching, no compression. */
    private static final Map<String, String> FLOOR_PRODUCER =
            Map.of("producer.linger.ms", "20", "producer.batch.size", "262144", "producer.compression.type", "none");

    /**
     * Debezium's defaults (the anchor, always run first), the reference configuration as shipped, and the shipped
     * configuration with one per-event cost changed: our size guard left out, the queue's byte bound left out,
     * another compression codec, a JDBC fetch size for the snapshot. {@code -Dmskcdc.benchmark.variants=1,4} runs the
     * anchor and those.
     */
    private static final List<Variant> VARIANTS = List.of(
            new Variant("Debezium defaults (anchor)", Base.DEBEZIUM_DEFAULTS, Map.of(), PRODUCER_DEFAULTS),
            new Variant("reference config as shipped", Base.REFERENCE, Map.of(), Map.of()),
            new Variant(
                    "shipped without the EventSizeLimit transform",
                    Base.REFERENCE,
                    Map.of("transforms", "route"),
                    Map.of()),
            new Variant(
                    "shipped without max.queue.size.in.bytes",
                    Base.REFERENCE,
                    Map.of("max.queue.size.in.bytes", "0"),
                    Map.of()),
            new Variant("shipped with zstd", Base.REFERENCE, Map.of(), Map.of("producer.compression.type", "zstd")),
            new Variant(
                    "shipped without compression",
                    Base.REFERENCE,
                    Map.of(),
                    Map.of("producer.compression.type", "none")),
            new Variant(
                    "shipped with snapshot.fetch.size=10000",
                    Base.REFERENCE,
                    Map.of("snapshot.fetch.size", "10000"),
                    Map.of()));

    private enum Base {
        DEBEZIUM_DEFAULTS,
        REFERENCE
    }

    private record Variant(String name, Base base, Map<String, String> connector, Map<String, String> worker) {}

    private record Phase(long events, double seconds, double cpuSeconds, long peakRssKb) {

        double perSecond() {
            return events / seconds;
        }

        double cpuPer10k() {
            return cpuSeconds / events * 10_000;
        }
    }

    private record Result(
            Variant variant,
            int round,
            Phase snapshot,
            Phase streaming,
            long streamedRows,
            double streamingRowsPerSecond,
            double pacedRowsPerSecond,
            double p50Ms,
            double p99Ms,
            long latencySamples,
            BenchmarkTables.BinlogPosition binlogFrom,
            BenchmarkTables.BinlogPosition binlogTo,
            long storedBytes,
            long storedRecords) {

        /** What the broker's log holds per record, after compression and batching. */
        double storedBytesPerRecord() {
            return storedBytes / (double) storedRecords;
        }
    }

    private static List<Variant> selectedVariants() {
        String selected = System.getProperty("mskcdc.benchmark.variants", "").trim();
        if (selected.isEmpty()) {
            return VARIANTS;
        }
        List<Variant> variants = new ArrayList<>(List.of(VARIANTS.get(0)));
        for (String index : selected.split(",")) {
            int i = Integer.parseInt(index.trim());
            if (i < 1 || i >= VARIANTS.size()) {
                throw new IllegalArgumentException("-Dmskcdc.benchmark.variants=" + selected + ": " + index
                        + " is not a variant; give indices 1 to " + (VARIANTS.size() - 1)
                        + " (0, the anchor, always runs)");
            }
            variants.add(VARIANTS.get(i));
        }
        return variants;
    }

    @Test
    void pipelineAgainstTheMachinesLimits() throws Exception {
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
        Instant started = Instant.now();
        try (LocalStack stack = LocalStackExtension.configuredBuilder("limits").start()) {
            // Durability is not what is measured: a flush per commit would make the single-row transactions
            // the benchmark's limit. A larger buffer pool keeps the tables in memory for every variant alike.
            stack.database()
                    .execute(
                            "SET GLOBAL innodb_flush_log_at_trx_commit = 2",
                            "SET GLOBAL innodb_buffer_pool_size = 1073741824");
            BenchmarkTables tables = new BenchmarkTables(stack.database());
            Instant loadStart = Instant.now();
            tables.create(SNAPSHOT_ROWS);
            double loadSeconds = Elapsed.secondsSince(loadStart);
            long rows = tables.rowCount();
            PipelineFloors.Rate jdbc = PipelineFloors.jdbcRead(stack.database());

            List<Variant> variants = selectedVariants();
            List<Result> results = new ArrayList<>();
            double averageRecordBytes = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                for (Variant variant : variants) {
                    results.add(run(stack, tables, variant, round, results.size(), rows));
                    if (results.size() == 1) {
                        averageRecordBytes = averageRecordBytes(stack, "v0");
                    }
                }
            }
            Result anchor = results.get(0);
            PipelineFloors.Rate binlog =
                    PipelineFloors.binlogRead(stack.database(), anchor.binlogFrom(), anchor.binlogTo(), 9_000_001);
            PipelineFloors.Rate producer = producerFloor(stack, rows, (int) Math.round(averageRecordBytes));
            String loadAtEnd = Files.readString(Path.of("/proc/loadavg")).trim();
            report(
                    results,
                    jdbc,
                    binlog,
                    producer,
                    rows,
                    tables.averageRowBytes(),
                    averageRecordBytes,
                    loadSeconds,
                    started,
                    loadAtStart,
                    loadAtEnd);
        }
    }

    private static Result run(
            LocalStack stack, BenchmarkTables tables, Variant variant, int round, int index, long rows)
            throws Exception {
        String prefix = "v" + index;
        String name = "limits-" + index;
        try (Admin admin = stack.kafka().admin();
                ConnectWorker worker = stack.startAnotherWorker("limits-" + index, variant.worker())) {
            createTopics(admin, prefix);
            Map<String, String> config = connectorConfig(stack, variant, prefix);

            long cpu = ProcFs.cpuTicks(worker.pid());
            ProcFs.clearPeakRss(worker.pid());
            Instant snapshotStart = Instant.now();
            worker.rest().putConnector(name, config);
            TopicRecords.await(admin, partitions(prefix), rows, WAIT);
            Phase snapshot = new Phase(
                    rows,
                    Elapsed.secondsSince(snapshotStart),
                    (ProcFs.cpuTicks(worker.pid()) - cpu) / (double) ProcFs.CLOCK_TICKS_PER_SECOND,
                    ProcFs.peakRssKb(worker.pid()));

            // Streaming at the maximum rate: the changes wait in the binlog while the connector is stopped, then
            // the connector catches up. The rate runs from the first to the last streamed record's append time.
            worker.rest().stopConnector(name);
            worker.rest().awaitState(name, "STOPPED", WAIT);
            BenchmarkTables.BinlogPosition from = tables.binlogPosition();
            BenchmarkTables.Changes backlog = tables.write(STREAMED_CHANGES, 1_000_000_000L * (index + 1), 0);
            BenchmarkTables.BinlogPosition to = tables.binlogPosition();
            Map<TopicPartition, Long> streamStart = TopicRecords.endOffsets(admin, partitions(prefix));
            cpu = ProcFs.cpuTicks(worker.pid());
            ProcFs.clearPeakRss(worker.pid());
            worker.rest().resumeConnector(name);
            TopicRecords.await(admin, partitions(prefix), rows + backlog.records(), WAIT);
            double[] appendSpan =
                    appendTimeSpan(stack, streamStart, TopicRecords.endOffsets(admin, partitions(prefix)));
            double streamingSeconds = (appendSpan[1] - appendSpan[0]) / 1000.0;
            Phase streaming = new Phase(
                    backlog.records(),
                    streamingSeconds,
                    (ProcFs.cpuTicks(worker.pid()) - cpu) / (double) ProcFs.CLOCK_TICKS_PER_SECOND,
                    ProcFs.peakRssKb(worker.pid()));
            double rowsPerSecond = backlog.rows() / streamingSeconds;

            // Latency at a steady load of half the maximum rate.
            Map<TopicPartition, Long> pacedStart = TopicRecords.endOffsets(admin, partitions(prefix));
            double pacedRate = rowsPerSecond / 2;
            BenchmarkTables.Changes paced =
                    tables.write(PACED_CHANGES, 1_000_000_000L * (index + 1) + 500_000_000L, pacedRate);
            TopicRecords.await(admin, partitions(prefix), rows + backlog.records() + paced.records(), WAIT);
            Map<TopicPartition, Long> end = TopicRecords.endOffsets(admin, partitions(prefix));
            List<Long> latencies = latenciesMs(stack, pacedStart, end);
            long storedBytes = TopicRecords.storedBytes(admin, partitions(prefix));
            worker.rest().deleteConnector(name);
            return new Result(
                    variant,
                    round,
                    snapshot,
                    streaming,
                    backlog.rows(),
                    rowsPerSecond,
                    pacedRate,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99),
                    latencies.size(),
                    from,
                    to,
                    storedBytes,
                    end.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    private static Map<String, String> connectorConfig(LocalStack stack, Variant variant, String prefix) {
        Map<String, String> config =
                stack.connectorConfig(ConnectorSpec.of(prefix, prefix, "bench", "bench\\.orders_.*"));
        stack.provisionSignals(config);
        if (variant.base() == Base.DEBEZIUM_DEFAULTS) {
            config.keySet()
                    .removeIf(key -> !REQUIRED_KEYS.contains(key) && !key.startsWith("schema.history.internal."));
        }
        config.putAll(variant.connector());
        return config;
    }

    /** The data topics, created ahead with LogAppendTime so each record carries the time the broker appended it. */
    private static void createTopics(Admin admin, String prefix) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (int t = 1; t <= BenchmarkTables.TABLES; t++) {
            topics.add(new NewTopic(prefix + ".bench." + BenchmarkTables.table(t), 1, (short) 1)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime")));
        }
        admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
    }

    private static List<TopicPartition> partitions(String prefix) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int t = 1; t <= BenchmarkTables.TABLES; t++) {
            partitions.add(new TopicPartition(prefix + ".bench." + BenchmarkTables.table(t), 0));
        }
        return partitions;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(LocalStack stack) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafka().bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Reads every record between the offsets, handing each to {@code sink}. */
    private static void readRange(
            LocalStack stack,
            Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(stack)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long remaining = from.keySet().stream()
                    .mapToLong(partition -> to.get(partition) - from.get(partition))
                    .sum();
            Instant deadline = Instant.now().plus(WAIT);
            while (remaining > 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(remaining + " records not read back within " + WAIT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        sink.accept(record);
                        remaining--;
                    }
                }
            }
        }
    }

    /** The earliest and latest append time (ms) of the records between the offsets. */
    private static double[] appendTimeSpan(
            LocalStack stack, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        readRange(stack, from, to, record -> {
            span[0] = Math.min(span[0], record.timestamp());
            span[1] = Math.max(span[1], record.timestamp());
        });
        return new double[] {span[0], span[1]};
    }

    /** Append time minus the row's written_ms, for every insert and update between the offsets. */
    private static List<Long> latenciesMs(
            LocalStack stack, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<Long> latencies = new ArrayList<>();
        readRange(stack, from, to, record -> {
            if (record.value() == null) {
                return;
            }
            try {
                JsonNode value = JSON.readTree(record.value());
                String op = value.path("op").asText();
                if (op.equals("c") || op.equals("u")) {
                    latencies.add(record.timestamp()
                            - value.path("after").path("written_ms").asLong());
                }
            } catch (IOException e) {
                throw new AssertionError("Not JSON in " + record.topic() + "@" + record.offset(), e);
            }
        });
        return latencies;
    }

    private static double averageRecordBytes(LocalStack stack, String prefix) throws Exception {
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> to = new HashMap<>();
        partitions(prefix).forEach(partition -> {
            from.put(partition, 0L);
            to.put(partition, 1000L);
        });
        long[] bytes = {0, 0};
        readRange(stack, from, to, record -> {
            bytes[0] += record.serializedKeySize() + record.serializedValueSize();
            bytes[1]++;
        });
        return bytes[0] / (double) bytes[1];
    }

    private static PipelineFloors.Rate producerFloor(LocalStack stack, long records, int recordBytes) throws Exception {
        String topic = "floor-producer";
        try (Admin admin = stack.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, BenchmarkTables.TABLES, (short) 1)))
                    .all()
                    .get(1, TimeUnit.MINUTES);
        }
        List<String> properties = new ArrayList<>(List.of("acks=all"));
        FLOOR_PRODUCER.forEach((key, value) -> properties.add(key.substring("producer.".length()) + "=" + value));
        return PipelineFloors.producerPerformance(
                stack.kafka().bootstrapServers(),
                topic,
                records,
                recordBytes,
                properties,
                Path.of(System.getProperty("mskcdc.benchmark.tools")),
                stack.directory());
    }

    private static double percentile(List<Long> values, double quantile) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new AssertionError("No insert or update events to measure latency on");
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static void report(
            List<Result> results,
            PipelineFloors.Rate jdbc,
            PipelineFloors.Rate binlog,
            PipelineFloors.Rate producer,
            long rows,
            double rowBytes,
            double recordBytes,
            double loadSeconds,
            Instant started,
            String loadAtStart,
            String loadAtEnd)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Run of %s UTC, %d cores, Java %s, load average at start %s, at end %s.%n",
                started.atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAtStart,
                loadAtEnd));
        text.append(String.format(
                "Snapshot: %,d rows in %d tables (%.0f bytes of text per row, %.0f bytes per Kafka record"
                        + " with key), loaded in %.1f s. Streaming: %,d changes per variant (inserts, updates, deletes; half in"
                        + " single-row transactions, half in 100-row transactions), then %,d more paced at half the measured"
                        + " rate for the latency.%n%n",
                rows, BenchmarkTables.TABLES, rowBytes, recordBytes, loadSeconds, STREAMED_CHANGES, PACED_CHANGES));

        text.append("| floor (same data) | count | s | per s |\n|---|---|---|---|\n");
        floorRow(text, "JDBC read of the rows (one connection, streaming result set)", jdbc);
        floorRow(text, "binlog read of the anchor's streamed changes (mysql-binlog-connector-java), rows", binlog);
        floorRow(
                text,
                "broker produce rate (ProducerPerformance, same count and record size, acks=all, linger 20 ms,"
                        + " 256 KiB batches)",
                producer);

        text.append(
                "\n| variant | snapshot s | snapshot ev/s | x anchor | CPU s/10k ev | peak RSS MB | streaming rows/s"
                        + " (records/s) | x anchor | CPU s/10k ev | peak RSS MB | latency p50 / p99 ms at rows/s (samples)"
                        + " | stored bytes per record |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            Result anchor = anchorOf(results, result.round());
            text.append(String.format(
                    "| %s | %.1f | %,.0f | %.2f | %.2f | %d | %,.0f (%,.0f) | %.2f | %.2f | %d | %.0f / %.0f at %,.0f (%,d)"
                            + " | %.0f |%n",
                    result.variant().name() + (ROUNDS > 1 ? ", round " + result.round() : ""),
                    result.snapshot().seconds(),
                    result.snapshot().perSecond(),
                    result.snapshot().perSecond() / anchor.snapshot().perSecond(),
                    result.snapshot().cpuPer10k(),
                    result.snapshot().peakRssKb() / 1024,
                    result.streamingRowsPerSecond(),
                    result.streaming().perSecond(),
                    result.streamingRowsPerSecond() / anchor.streamingRowsPerSecond(),
                    result.streaming().cpuPer10k(),
                    result.streaming().peakRssKb() / 1024,
                    result.p50Ms(),
                    result.p99Ms(),
                    result.pacedRowsPerSecond(),
                    result.latencySamples(),
                    result.storedBytesPerRecord()));
        }
        text.append("\nSettings per variant:\n\n");
        List<Variant> variants =
                results.stream().map(Result::variant).distinct().toList();
        for (Variant variant : variants) {
            text.append(String.format(
                    "- %s: connector %s, worker %s%n",
                    variant.name(),
                    variant.base() == Base.DEBEZIUM_DEFAULTS
                            ? "only the required keys"
                            : "reference" + (variant.connector().isEmpty() ? "" : " + " + variant.connector()),
                    variant.worker().isEmpty() ? "as shipped" : variant.worker()));
        }
        // The lowest floor is the one the pipeline comes closest to; each is compared in its own unit (the binlog
        // floor counts changed rows, the broker floor records, and a streamed delete is two records).
        text.append("\nRatios (each variant against the anchor of its round, and against the lowest floor of its"
                + " phase; with several rounds the mean, then each round's value):\n\n");
        for (Variant variant : variants.subList(1, variants.size())) {
            List<Result> runs = results.stream()
                    .filter(result -> result.variant() == variant)
                    .toList();
            text.append(String.format(
                    "- %s: snapshot %s anchor, %s of the lowest floor, CPU per event %s anchor; streaming %s anchor, %s of"
                            + " the lowest floor, CPU per event %s anchor; p99 %s ms%n",
                    variant.name(),
                    vsAnchor(runs, results, result -> result.snapshot().perSecond()),
                    percent(
                            runs,
                            result -> Math.max(
                                    result.snapshot().perSecond() / jdbc.perSecond(),
                                    result.snapshot().perSecond() / producer.perSecond())),
                    vsAnchor(runs, results, result -> result.snapshot().cpuPer10k()),
                    vsAnchor(runs, results, Result::streamingRowsPerSecond),
                    percent(
                            runs,
                            result -> Math.max(
                                    result.streamingRowsPerSecond() / binlog.perSecond(),
                                    result.streaming().perSecond() / producer.perSecond())),
                    vsAnchor(runs, results, result -> result.streaming().cpuPer10k()),
                    figures(runs, Result::p99Ms, "%.0f")));
        }
        System.out.println(text);
        Path reports = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(reports.resolve("pipeline-limits.md"), text.toString());
    }

    private static Result anchorOf(List<Result> results, int round) {
        return results.stream()
                .filter(result -> result.round() == round && result.variant().base() == Base.DEBEZIUM_DEFAULTS)
                .findFirst()
                .orElseThrow();
    }

    /** {@code metric} of each run over that of its round's anchor: "1.23x", or with several rounds "1.23x (1.20x, 1.26x)". */
    private static String vsAnchor(List<Result> runs, List<Result> results, ToDoubleFunction<Result> metric) {
        return figures(
                runs,
                result -> metric.applyAsDouble(result) / metric.applyAsDouble(anchorOf(results, result.round())),
                "%.2fx");
    }

    private static String percent(List<Result> runs, ToDoubleFunction<Result> value) {
        return figures(runs, result -> 100 * value.applyAsDouble(result), "%.0f%%");
    }

    private static String figures(List<Result> runs, ToDoubleFunction<Result> value, String format) {
        double mean = runs.stream().mapToDouble(value).average().orElseThrow();
        String text = String.format(Locale.ROOT, format, mean);
        if (runs.size() == 1) {
            return text;
        }
        return text + " ("
                + String.join(
                        ", ",
                        runs.stream()
                                .map(result -> String.format(Locale.ROOT, format, value.applyAsDouble(result)))
                                .toList())
                + ")";
    }

    private static void floorRow(StringBuilder text, String name, PipelineFloors.Rate rate) {
        text.append(
                String.format("| %s | %,d | %.1f | %,.0f |%n", name, rate.count(), rate.seconds(), rate.perSecond()));
    }
}
