package dev.mskcdc.packaging.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connect.WorkerHeap;
import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.packaging.SequenceRows;
import dev.mskcdc.packaging.memory.ReceivedRows.Change;
import dev.mskcdc.packaging.memory.ReceivedRows.Digest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference connector configuration, as shipped, on a worker with the heap assumed for MSK Connect's 1-MCU
 * worker, snapshots and then streams rows of 2 MiB and 8 MiB (the reference's largest row): several times the heap
 * passes through the worker, and it must not run out of memory. Every row must arrive with the content the
 * database holds (SHA-256 and length of each before and after image against MySQL's SHA2 and LENGTH). The worker's
 * peak heap and RSS are printed (packaging/BENCHMARKS.md, "Large rows"). The stack is this class's own: its worker
 * runs at a heap of its own.
 */
@Tag("long") // 1.6-2.5 minutes on 2 cores: ./mvnw verify -Plong-tests (README "Tests")
class LargeRowMemoryIT {

    /**
     * MSK Connect publishes 4 GiB of memory per MCU "and not the heap memory in use", but not the heap. A JVM given no
     * -Xmx takes a quarter of its machine's memory: 1 GiB on a 4 GiB worker. (Kafka's connect-distributed.sh would set
     * -Xmx2G; the smaller of the two is the one to survive.)
     */
    static final WorkerHeap MSK_ONE_MCU_HEAP = new WorkerHeap("1g");

    private static final String DATABASE = "bigrows";
    private static final String PREFIX = "lr";
    private static final String CONNECTOR = "large-rows";
    /** SHA2(..., 256) gives 64 hex characters; repeated, rows of 2 MiB and 8 MiB of text that differ per row. */
    private static final Table TWO_MIB = new Table("rows_2mb", 32_768, 500, 10);

    private static final Table EIGHT_MIB = new Table("rows_8mb", 131_072, 50, 2);
    /** Updates of 8 MiB rows: events with a before and an after image, 16 MiB of JSON each. */
    private static final int UPDATED_ROWS = 20;

    private static final String QUEUE_BYTES_SETTING = "mskcdc.large-rows.max.queue.size.in.bytes";
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    /** {@code rows} rows of {@code repeats} x 64 characters in the snapshot and as many streamed, {@code perInsert} a statement. */
    private record Table(String name, int repeats, int rows, int perInsert) {
        String qualified() {
            return DATABASE + "." + name;
        }

        String topic() {
            return PREFIX + "." + DATABASE + "." + name;
        }
    }

    @Test
    void snapshotsAndStreamsRowsOf2And8MibWithinTheHeap() {
        try (LocalStack stack = LocalStackExtension.configuredBuilder("large-rows")
                .workerHeap(MSK_ONE_MCU_HEAP)
                .start()) {
            Database database = stack.database();
            database.execute("CREATE DATABASE " + DATABASE);
            for (Table table : new Table[] {TWO_MIB, EIGHT_MIB}) {
                database.execute(
                        "CREATE TABLE " + table.qualified() + " (id INT PRIMARY KEY, payload LONGTEXT NOT NULL)");
                insert(database, table, 1, table.rows());
            }
            // By hand, not as a RunningConnector: ReceivedRows keeps digests, not the events, so the heap stays small.
            Map<String, String> config =
                    stack.connectorConfig(ConnectorSpec.of(CONNECTOR, PREFIX, DATABASE, DATABASE + "\\.rows_.*"));
            stack.provisionSignals(config);
            // Another bound than the reference's, to compare (packaging/BENCHMARKS.md, "Large rows").
            String queueBytes = System.getProperty(QUEUE_BYTES_SETTING);
            if (queueBytes != null) {
                config.put("max.queue.size.in.bytes", queueBytes);
            }
            System.out.println("[large-rows] worker heap -Xmx" + MSK_ONE_MCU_HEAP.size() + ", max.queue.size="
                    + config.get("max.queue.size") + ", max.batch.size=" + config.get("max.batch.size")
                    + ", max.queue.size.in.bytes=" + config.getOrDefault("max.queue.size.in.bytes", "(unset)"));

            try (ReceivedRows received = new ReceivedRows(
                    stack.kafka().bootstrapServers(),
                    Pattern.compile(Pattern.quote(PREFIX + "." + DATABASE) + "\\..*"))) {
                Instant start = Instant.now();
                stack.worker().rest().putConnector(CONNECTOR, config);
                await(stack.worker(), received, "the snapshot of every row", () -> count(received, "r") == rows());
                Duration snapshot = Duration.between(start, Instant.now());
                Map<String, Map<Integer, Digest>> snapshotted = digests(database);
                for (Table table : new Table[] {TWO_MIB, EIGHT_MIB}) {
                    assertThat(afterImages(received.changes(table.topic(), "r")))
                            .as("snapshot of %s: every row, as the database holds it", table.name())
                            .isEqualTo(snapshotted.get(table.name()));
                }
                long snapshotBytes = received.bytes();
                report("snapshot", snapshot, received.events(), snapshotBytes, stack.worker());

                start = Instant.now();
                for (Table table : new Table[] {TWO_MIB, EIGHT_MIB}) {
                    insert(database, table, table.rows() + 1, 2 * table.rows());
                }
                for (int id = 1; id <= UPDATED_ROWS; id += EIGHT_MIB.perInsert()) {
                    database.execute("UPDATE " + EIGHT_MIB.qualified() + " SET payload = " + payload(EIGHT_MIB, "id")
                            + " WHERE id BETWEEN " + id + " AND " + (id + EIGHT_MIB.perInsert() - 1));
                }
                await(
                        stack.worker(),
                        received,
                        "every streamed insert and update",
                        () -> count(received, "c") == rows()
                                && received.changes(EIGHT_MIB.topic(), "u").size() == UPDATED_ROWS);
                Duration streaming = Duration.between(start, Instant.now());
                Map<String, Map<Integer, Digest>> streamed = digests(database);
                for (Table table : new Table[] {TWO_MIB, EIGHT_MIB}) {
                    assertThat(afterImages(received.changes(table.topic(), "c")))
                            .as("streamed inserts into %s, as the database holds them", table.name())
                            .isEqualTo(only(streamed.get(table.name()), table.rows() + 1, 2 * table.rows()));
                }
                Map<Integer, Change> updates = received.changes(EIGHT_MIB.topic(), "u");
                assertThat(afterImages(updates))
                        .as("after images of the updates")
                        .isEqualTo(only(streamed.get(EIGHT_MIB.name()), 1, UPDATED_ROWS));
                assertThat(updates.entrySet().stream()
                                .collect(Collectors.toMap(
                                        Map.Entry::getKey, e -> e.getValue().before())))
                        .as("before images of the updates: the rows as snapshotted")
                        .isEqualTo(only(snapshotted.get(EIGHT_MIB.name()), 1, UPDATED_ROWS));
                report("streaming", streaming, received.events(), received.bytes() - snapshotBytes, stack.worker());

                assertThat(stack.worker()
                                .rest()
                                .status(CONNECTOR)
                                .path("tasks")
                                .path(0)
                                .path("state")
                                .asText())
                        .isEqualTo("RUNNING");
                assertThat(workerLog(stack.worker())).doesNotContain("OutOfMemoryError");
            }
        }
    }

    private static int rows() {
        return TWO_MIB.rows() + EIGHT_MIB.rows();
    }

    private static long count(ReceivedRows received, String op) {
        return received.changes(TWO_MIB.topic(), op).size()
                + received.changes(EIGHT_MIB.topic(), op).size();
    }

    private static void insert(Database database, Table table, int first, int last) {
        for (int from = first; from <= last; from += table.perInsert()) {
            database.execute("INSERT INTO " + table.qualified() + " (id, payload) SELECT seq, " + payload(table, "seq")
                    + " FROM " + SequenceRows.from(from, Math.min(from + table.perInsert() - 1, last)));
        }
    }

    private static String payload(Table table, String idColumn) {
        return "REPEAT(SHA2(CONCAT(" + idColumn + ", '/', RAND()), 256), " + table.repeats() + ")";
    }

    /** Polls until {@code done}, failing at once when the task failed, the worker died or logged an OutOfMemoryError. */
    private static void await(ConnectWorker worker, ReceivedRows received, String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(WAIT);
        Instant nextCheck = Instant.now();
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(nextCheck)) {
                failIfBroken(worker, what, received);
                nextCheck = Instant.now().plus(CHECK_INTERVAL);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not received within " + WAIT.toMinutes() + " min: " + what + " ("
                        + received.events() + " events read)");
            }
            received.poll(Duration.ofMillis(500));
        }
    }

    private static void failIfBroken(ConnectWorker worker, String what, ReceivedRows received) {
        String when = " while waiting for " + what + " after " + received.events() + " events; "
                + WorkerMemory.of(worker.gcLog(), worker.pid()) + ".";
        if (!worker.isAlive()) {
            throw new AssertionError("The worker died" + when + " Its log: " + worker.logFile());
        }
        String log = workerLog(worker);
        int oom = log.indexOf("OutOfMemoryError");
        if (oom >= 0) {
            int lineStart = log.lastIndexOf('\n', oom) + 1;
            throw new AssertionError("The worker ran out of heap" + when + "\n"
                    + log.substring(lineStart, Math.min(log.length(), oom + 300)));
        }
        JsonNode task = worker.rest().status(CONNECTOR).path("tasks").path(0);
        if ("FAILED".equals(task.path("state").asText())) {
            throw new AssertionError(
                    "The task failed" + when + "\n" + task.path("trace").asText());
        }
    }

    private static void report(String phase, Duration took, long events, long bytes, ConnectWorker worker) {
        System.out.printf(
                Locale.ROOT,
                "[large-rows] %s: %d events, %d MiB of JSON in %.1f s; worker since start: %s%n",
                phase,
                events,
                bytes >> 20,
                took.toMillis() / 1000.0,
                WorkerMemory.of(worker.gcLog(), worker.pid()));
    }

    private static Map<Integer, Digest> afterImages(Map<Integer, Change> changes) {
        return changes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().after()));
    }

    private static Map<Integer, Digest> only(Map<Integer, Digest> rows, int first, int last) {
        return rows.entrySet().stream()
                .filter(e -> e.getKey() >= first && e.getKey() <= last)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Per table, each row's payload as MySQL's SHA2(payload, 256) and LENGTH(payload). */
    private static Map<String, Map<Integer, Digest>> digests(Database database) {
        Map<String, Map<Integer, Digest>> tables = new HashMap<>();
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement()) {
            for (Table table : new Table[] {TWO_MIB, EIGHT_MIB}) {
                Map<Integer, Digest> rows = new HashMap<>();
                try (ResultSet result = statement.executeQuery(
                        "SELECT id, SHA2(payload, 256), LENGTH(payload) FROM " + table.qualified())) {
                    while (result.next()) {
                        rows.put(result.getInt(1), new Digest(result.getString(2), result.getLong(3)));
                    }
                }
                tables.put(table.name(), rows);
            }
        } catch (SQLException e) {
            throw new AssertionError("Cannot read the rows' digests: " + e.getMessage(), e);
        }
        return tables;
    }

    private static String workerLog(ConnectWorker worker) {
        try {
            return Files.readString(worker.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
