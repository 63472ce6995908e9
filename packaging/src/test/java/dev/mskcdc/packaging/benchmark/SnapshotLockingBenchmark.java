package dev.mskcdc.packaging.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.packaging.SequenceRows;

/**
 * How long an initial snapshot blocks a writer on RDS/Aurora: the local stack's Aurora lock rules refuse
 * the global read lock, so Debezium takes its RDS/Aurora path. A captured table large enough for a
 * snapshot of at least 30 s, and a writer committing one change every 50 ms to another captured table
 * from before the connector starts until after its snapshot ends. Variants: Debezium's default locking
 * ({@code minimal}, the anchor) and the reference configuration as shipped. Reports the writer's longest
 * statement, its total blocked time (the summed duration of statements that took over 100 ms), and checks
 * that every committed change arrived and that the last event per key equals the database row. Run with
 * {@code -Pbenchmarks}; the figures are measured, not judged.
 */
class SnapshotLockingBenchmark {

    private static final int BIG_ROWS = Integer.getInteger("mskcdc.benchmark.snapshot.rows", 1_500_000);
    private static final int BATCH = 50_000;
    private static final Duration WRITE_INTERVAL = Duration.ofMillis(50);
    private static final Duration BLOCKED = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofMinutes(15);

    private record Variant(String name, Map<String, String> overrides) {}

    /** One committed statement of the writer: the row it leaves behind, how long it took, where the binlog was after it. */
    private record Write(int id, int value, long startNanos, long nanos, BinlogPosition after) {}

    private record BinlogPosition(String file, long position) implements Comparable<BinlogPosition> {
        @Override
        public int compareTo(BinlogPosition other) {
            int byFile = file.compareTo(other.file);
            return byFile != 0 ? byFile : Long.compare(position, other.position);
        }
    }

    private record Result(
            String variant,
            String lockingMode,
            double snapshotSeconds,
            int writesDuringSnapshot,
            double longestWaitMs,
            double blockedMs,
            int blockedWrites,
            int writes,
            int inSnapshot,
            int afterSnapshotPosition,
            int missing,
            int duplicates,
            int keysDiffering,
            boolean fallbackLogged) {}

    @Test
    void writerWaitsDuringTheInitialSnapshot() throws Exception {
        try (LocalStack stack =
                LocalStackExtension.configuredBuilder("snapshot-locking").start()) {
            List<Variant> variants = List.of(
                    new Variant("Debezium default (anchor)", Map.of("snapshot.locking.mode", "minimal")),
                    new Variant("reference config", Map.of()));
            List<Result> results = new ArrayList<>();
            for (int index = 0; index < variants.size(); index++) {
                results.add(run(stack, variants.get(index), "lockbench" + index));
            }
            report(results);
        }
    }

    private static Result run(LocalStack stack, Variant variant, String database) throws Exception {
        stack.database()
                .recreateDatabase(
                        database,
                        "CREATE TABLE " + database + ".big (id BIGINT PRIMARY KEY, kind VARCHAR(16) NOT NULL,"
                                + " amount DECIMAL(10,2), payload VARCHAR(255))",
                        "CREATE TABLE " + database + ".orders (id INT PRIMARY KEY, value INT NOT NULL)");
        for (int first = 1; first <= BIG_ROWS; first += BATCH) {
            stack.database()
                    .execute("INSERT INTO " + database + ".big SELECT seq, 'order', seq % 1000 + 0.25,"
                            + " CONCAT('payload of row ', seq, ' ', REPEAT('x', 180)) FROM "
                            + SequenceRows.from(first, Math.min(first + BATCH - 1, BIG_ROWS)));
        }
        Map<String, String> config = stack.connectorConfig(
                ConnectorSpec.of(database, database, database, database + "\\.big," + database + "\\.orders"));
        stack.provisionSignals(config);
        config.putAll(variant.overrides());
        long logStart = Files.size(stack.worker().logFile());
        Writer writer = new Writer(stack, database);
        Thread writing = new Thread(writer, "writer");
        writing.start();
        writer.awaitFirstWrites(5);
        String bigTopic = database + "." + database + ".big";
        long snapshotStart = System.nanoTime();
        long snapshotEnd;
        try (Admin admin = stack.kafka().admin()) {
            stack.worker().rest().putConnector(database, config);
            TopicRecords.await(admin, bigTopic, BIG_ROWS, WAIT);
            snapshotEnd = System.nanoTime();
        }
        writer.awaitFirstWrites(writer.writes().size() + 20);
        writer.stop();
        writing.join();
        List<Write> writes = writer.writes();

        Map<Integer, Integer> rows = orderRows(stack, database);
        List<ChangeEvent> events;
        try (ChangeEventConsumer consumer = new ChangeEventConsumer(
                stack.kafka().bootstrapServers(),
                Pattern.compile(Pattern.quote(database + "." + database + ".orders")))) {
            events = consumer.pollUntil(received -> lastValuePerKey(received).equals(rows), Duration.ofMinutes(3));
        }
        // Changes committed before the snapshot's binlog position are in its rows (only their last value per key
        // survives); every change after it must arrive as a change event of its own.
        ChangeEvent firstRead = events.stream()
                .filter(event -> "r".equals(event.op()))
                .findFirst()
                .orElseThrow();
        JsonNode source = firstRead.value().path("payload").has("source")
                ? firstRead.value().path("payload").path("source")
                : firstRead.value().path("source");
        BinlogPosition snapshotPosition = new BinlogPosition(
                source.path("file").asText(), source.path("pos").asLong());
        List<Write> afterPosition = writes.stream()
                .filter(write -> write.after().compareTo(snapshotPosition) > 0)
                .toList();
        int missing = 0;
        int duplicates = 0;
        for (Write write : afterPosition) {
            long seen = events.stream()
                    .filter(event -> event.after() != null
                            && event.after().path("id").asInt() == write.id()
                            && event.after().path("value").asInt() == write.value())
                    .count();
            missing += seen == 0 ? 1 : 0;
            duplicates += seen > 1 ? 1 : 0;
        }
        int keysDiffering = (int) rows.entrySet().stream()
                .filter(row -> !row.getValue().equals(lastValuePerKey(events).get(row.getKey())))
                .count();
        String log = Files.readString(stack.worker().logFile()).substring((int) logStart);
        boolean fallbackLogged = log.contains("Unable to flush and acquire global read lock, will use table read locks")
                && log.contains("Tables were locked explicitly");
        stack.worker().rest().deleteConnector(database);

        List<Write> duringSnapshot = writes.stream()
                .filter(write -> write.startNanos() >= snapshotStart && write.startNanos() <= snapshotEnd)
                .toList();
        double snapshotSeconds = (snapshotEnd - snapshotStart) / 1e9;
        double longestMs = duringSnapshot.stream().mapToLong(Write::nanos).max().orElse(0) / 1e6;
        List<Write> blocked = duringSnapshot.stream()
                .filter(write -> write.nanos() > BLOCKED.toNanos())
                .toList();
        double blockedMs = blocked.stream().mapToLong(Write::nanos).sum() / 1e6;
        return new Result(
                variant.name(),
                config.get("snapshot.locking.mode"),
                snapshotSeconds,
                duringSnapshot.size(),
                longestMs,
                blockedMs,
                blocked.size(),
                writes.size(),
                writes.size() - afterPosition.size(),
                afterPosition.size(),
                missing,
                duplicates,
                keysDiffering,
                fallbackLogged);
    }

    /** Commits one change every 50 ms: inserts a new row, then updates a row inserted earlier, in turn. */
    private static final class Writer implements Runnable {

        private final LocalStack stack;
        private final String database;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Write> writes = new ArrayList<>();
        private volatile Exception failure;

        Writer(LocalStack stack, String database) {
            this.stack = stack;
            this.database = database;
        }

        @Override
        public void run() {
            try (Connection connection = stack.database().adminConnection();
                    Statement statement = connection.createStatement();
                    Statement binlog = connection.createStatement()) {
                int inserted = 0;
                for (int step = 1; running.get(); step++) {
                    int id;
                    String sql;
                    if (step % 2 == 1) {
                        id = ++inserted;
                        sql = "INSERT INTO " + database + ".orders VALUES (" + id + ", " + step + ")";
                    } else {
                        id = 1 + (step * 7919) % inserted;
                        sql = "UPDATE " + database + ".orders SET value = " + step + " WHERE id = " + id;
                    }
                    long start = System.nanoTime();
                    statement.executeUpdate(sql);
                    long nanos = System.nanoTime() - start;
                    BinlogPosition after;
                    try (ResultSet status = binlog.executeQuery("SHOW MASTER STATUS")) {
                        status.next();
                        after = new BinlogPosition(status.getString(1), status.getLong(2));
                    }
                    synchronized (writes) {
                        writes.add(new Write(id, step, start, nanos, after));
                        writes.notifyAll();
                    }
                    // The writer's own pace: one change every 50 ms, as an application would commit them.
                    Thread.sleep(WRITE_INTERVAL.toMillis());
                }
            } catch (SQLException | InterruptedException e) {
                failure = e;
                synchronized (writes) {
                    writes.notifyAll();
                }
            }
        }

        void awaitFirstWrites(int count) throws InterruptedException {
            synchronized (writes) {
                while (writes.size() < count && failure == null) {
                    writes.wait(1000);
                }
            }
            if (failure != null) {
                throw new AssertionError("the writer failed", failure);
            }
        }

        void stop() {
            running.set(false);
        }

        List<Write> writes() {
            synchronized (writes) {
                return List.copyOf(writes);
            }
        }
    }

    private static Map<Integer, Integer> orderRows(LocalStack stack, String database) throws SQLException {
        Map<Integer, Integer> rows = new HashMap<>();
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT id, value FROM " + database + ".orders")) {
            while (row.next()) {
                rows.put(row.getInt(1), row.getInt(2));
            }
        }
        return rows;
    }

    /** The value each key holds after applying the events in order (the writer never deletes). */
    private static Map<Integer, Integer> lastValuePerKey(List<ChangeEvent> events) {
        Map<Integer, Integer> values = new HashMap<>();
        for (ChangeEvent event : events) {
            JsonNode after = event.after();
            if (after != null && !after.isNull() && !after.isMissingNode()) {
                values.put(after.path("id").asInt(), after.path("value").asInt());
            }
        }
        return values;
    }

    private static void report(List<Result> results) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "Snapshot locking under the local stack's Aurora lock rules: a captured table of %,d rows,%n"
                        + "a writer committing one change every %d ms (insert, then update, in turn) to a second captured table%n"
                        + "from before the connector starts until after the snapshot's last row is in Kafka.%n"
                        + "Blocked = summed duration of the writer's statements that took over %d ms, during the snapshot.%n"
                        + "Changes before the snapshot's binlog position are in its rows; every change after it must arrive.%n%n",
                BIG_ROWS, WRITE_INTERVAL.toMillis(), BLOCKED.toMillis()));
        text.append("| variant | snapshot.locking.mode | snapshot s | writes during snapshot | longest write wait ms"
                + " | blocked ms (statements) | writes in all (in snapshot rows / after its binlog position)"
                + " | missing in Kafka | arrived twice | keys differing from DB"
                + " | table-lock fallback logged |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            text.append(String.format(
                    "| %s | %s | %.1f | %d | %.0f | %.0f (%d) | %d (%d / %d) | %d | %d | %d | %s |%n",
                    result.variant(),
                    result.lockingMode(),
                    result.snapshotSeconds(),
                    result.writesDuringSnapshot(),
                    result.longestWaitMs(),
                    result.blockedMs(),
                    result.blockedWrites(),
                    result.writes(),
                    result.inSnapshot(),
                    result.afterSnapshotPosition(),
                    result.missing(),
                    result.duplicates(),
                    result.keysDiffering(),
                    result.fallbackLogged() ? "yes" : "no"));
        }
        System.out.println(text);
        Path reports = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(reports.resolve("snapshot-locking.md"), text.toString());
    }
}
