package dev.mskcdc.packaging.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.junit.LocalStackExtension;

/**
 * Where the worker's CPU goes, per phase: the reference connector snapshots the benchmark tables, then streams a
 * backlog of changes at full rate, each phase under a JDK Flight Recorder recording ({@code jcmd JFR.start}, profile
 * settings) of the worker JVM. {@link CpuProfile} splits the recording's execution samples by component. Writes
 * target/benchmark/worker-profile.md; BENCHMARKS.md section 6 has the command and a run.
 */
class WorkerProfileBenchmark {

    private static final double SCALE = Double.parseDouble(System.getProperty("mskcdc.benchmark.scale", "1"));
    private static final int SNAPSHOT_ROWS = (int) (1_000_000 * SCALE);
    private static final long STREAMED_CHANGES = Math.max(500, Math.round(200_000 * SCALE / 500) * 500);
    private static final String PREFIX = "prof";
    private static final String CONNECTOR = "profile";
    private static final Duration WAIT = Duration.ofMinutes(15);

    @Test
    void profilesSnapshotAndStreaming() throws Exception {
        Path reports = Files.createDirectories(Path.of("target", "benchmark"));
        Instant started = Instant.now();
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
        try (LocalStack stack = LocalStackExtension.configuredBuilder("profile").start();
                Admin admin = stack.kafka().admin()) {
            BenchmarkTables tables = new BenchmarkTables(stack.database());
            tables.create(SNAPSHOT_ROWS);
            createTopics(admin);
            ConnectWorker worker = stack.worker();

            CpuProfile.Recording recording = CpuProfile.start(worker.pid(), "snapshot", reports);
            Map<String, String> config =
                    stack.connectorConfig(ConnectorSpec.of(CONNECTOR, PREFIX, "bench", "bench\\.orders_.*"));
            stack.provisionSignals(config);
            worker.rest().putConnector(CONNECTOR, config);
            TopicRecords.await(admin, partitions(), SNAPSHOT_ROWS, WAIT);
            CpuProfile snapshot = recording.stop(SNAPSHOT_ROWS);

            worker.rest().stopConnector(CONNECTOR);
            worker.rest().awaitState(CONNECTOR, "STOPPED", WAIT);
            BenchmarkTables.Changes backlog = tables.write(STREAMED_CHANGES, 1_000_000_000L, 0);
            recording = CpuProfile.start(worker.pid(), "streaming", reports);
            worker.rest().resumeConnector(CONNECTOR);
            TopicRecords.await(admin, partitions(), SNAPSHOT_ROWS + backlog.records(), WAIT);
            CpuProfile streaming = recording.stop(backlog.records());

            String report = String.format(
                    Locale.ROOT,
                    "# Worker CPU profile (JFR)%n%nStarted %s, load average at start %s, at end %s; %d snapshot rows,"
                            + " %d streamed records; reference connector and worker configuration.%n%n%s%n%s",
                    started,
                    loadAtStart,
                    Files.readString(Path.of("/proc/loadavg")).trim(),
                    SNAPSHOT_ROWS,
                    backlog.records(),
                    snapshot.table("snapshot"),
                    streaming.table("streaming"));
            Files.writeString(reports.resolve("worker-profile.md"), report);
            System.out.println(report);
        }
    }

    private static List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int t = 1; t <= BenchmarkTables.TABLES; t++) {
            partitions.add(new TopicPartition(PREFIX + ".bench." + BenchmarkTables.table(t), 0));
        }
        return partitions;
    }

    private static void createTopics(Admin admin) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        partitions().forEach(partition -> topics.add(new NewTopic(partition.topic(), 1, (short) 1)));
        admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
    }
}
