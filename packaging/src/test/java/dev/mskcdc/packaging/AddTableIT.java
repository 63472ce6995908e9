package dev.mskcdc.packaging;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.localstack.process.Pause;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day-2 task on the ZIP: a table is added to a running connector of the reference config while a
 * writer keeps changing it. The connector's table.include.list grows in place, then Debezium's
 * execute-snapshot signal (Kafka channel, keyed by topic.prefix) snapshots only that table, incrementally,
 * while streaming goes on. The table arrives whole: its final state per key in Kafka equals the database,
 * every change committed after the signal arrives, the table that was already captured is not snapshotted
 * again, and the schema history holds the new table.
 */
@ExtendWith(LocalStackExtension.class)
class AddTableIT {

    private static final String CONNECTOR = "add-table";
    private static final String PREFIX = "addt";
    private static final int INITIAL_REFUNDS = 3_000;
    private static final Duration WAIT = Duration.ofMinutes(3);

    /** One committed change of the writer: the key, the amount it left (null for a delete), the binlog after it. */
    private record Change(int id, Integer amount, String binlogFile, long binlogPosition) {}

    @Test
    void addedTableArrivesWholeWhileAWriterChangesItAndNothingElseIsSnapshottedAgain(LocalStack stack)
            throws Exception {
        stack.database()
                .recreateDatabase(
                        "addtable",
                        "CREATE TABLE addtable.customers (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL)",
                        "INSERT INTO addtable.customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')",
                        "CREATE TABLE addtable.refunds (id INT PRIMARY KEY, amount INT NOT NULL)",
                        "INSERT INTO addtable.refunds SELECT seq, 0 FROM " + SequenceRows.from(1, INITIAL_REFUNDS));
        try (RunningConnector connector =
                stack.startConnector(ConnectorSpec.of(CONNECTOR, PREFIX, "addtable", "addtable\\.customers"))) {
            ChangeEventConsumer events = connector.events();
            events.pollUntil(received -> reads(received, "customers") == 3, WAIT);

            long logStart = Files.size(stack.worker().logFile());
            Writer writer = new Writer(stack);
            Thread writing = new Thread(writer, "refunds-writer");
            writing.start();
            writer.awaitChanges(10);
            connector.addTables(List.of("addtable.refunds"));
            String[] signalSent = binlogPosition(stack);
            awaitLog(stack, logStart, "incremental snapshotting of table 'addtable.refunds' finished");
            writer.awaitChanges(writer.changes().size() + 20);
            writer.stop();
            writing.join();
            stack.database().execute("INSERT INTO addtable.customers VALUES (99, 'marker')");

            Map<Integer, Integer> rows = refunds(stack);
            List<ChangeEvent> received = events.pollUntil(
                    all -> all.stream().anyMatch(event -> isCustomer99(event))
                            && lastAmountPerKey(all).equals(rows),
                    WAIT);

            assertThat(connector.config().get("table.include.list"))
                    .isEqualTo("addtable\\.customers,addtable\\.refunds");
            List<ChangeEvent> refundEvents = onTable(received, "refunds");
            long snapshotReads = refundEvents.stream()
                    .filter(event -> "r".equals(event.op()))
                    .count();
            List<Change> afterSignal = writer.changes().stream()
                    .filter(change -> compare(change, signalSent) > 0)
                    .toList();
            List<Change> missing = afterSignal.stream()
                    .filter(change -> !arrived(refundEvents, change))
                    .toList();
            System.out.printf(
                    "AddTableIT: %d rows in addtable.refunds at the end; %d incremental snapshot reads;"
                            + " %d streamed refund changes (c/u/d); writer committed %d changes, %d after the signal, %d missing;"
                            + " customers snapshot reads %d%n",
                    rows.size(),
                    snapshotReads,
                    refundEvents.stream()
                            .filter(event -> event.op() != null && "cud".contains(event.op()))
                            .count(),
                    writer.changes().size(),
                    afterSignal.size(),
                    missing.size(),
                    reads(received, "customers"));

            assertThat(lastAmountPerKey(received))
                    .as("final state per key in Kafka equals the database")
                    .isEqualTo(rows);
            assertThat(snapshotReads).as("the added table was snapshotted").isGreaterThan(0);
            assertThat(refundEvents)
                    .filteredOn(event -> "r".equals(event.op()))
                    .allSatisfy(event ->
                            assertThat(source(event).path("snapshot").asText()).isEqualTo("incremental"));
            assertThat(afterSignal)
                    .as("the writer kept changing the table during the snapshot")
                    .hasSizeGreaterThan(20);
            assertThat(missing)
                    .as("every change committed after the signal arrived")
                    .isEmpty();
            assertThat(reads(received, "customers"))
                    .as("the table captured before is not snapshotted again")
                    .isEqualTo(3);
            assertThat(schemaHistoryDdl(stack))
                    .as("the schema history holds the new table")
                    .anyMatch(ddl -> ddl.contains("CREATE TABLE `refunds`"));
        }
    }

    /** Inserts, updates and deletes refunds, one change every 20 ms, until stopped. */
    private static final class Writer implements Runnable {

        private final LocalStack stack;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Change> changes = new ArrayList<>();
        private volatile Exception failure;

        Writer(LocalStack stack) {
            this.stack = stack;
        }

        @Override
        public void run() {
            try (Connection connection = stack.database().adminConnection();
                    Statement statement = connection.createStatement()) {
                for (int step = 1; running.get(); step++) {
                    int id;
                    Integer amount;
                    String sql;
                    switch (step % 3) {
                        case 0 -> {
                            id = INITIAL_REFUNDS + step;
                            amount = step;
                            sql = "INSERT INTO addtable.refunds VALUES (" + id + ", " + step + ")";
                        }
                        case 1 -> {
                            id = 1 + (step * 7919) % INITIAL_REFUNDS;
                            amount = step;
                            sql = "UPDATE addtable.refunds SET amount = " + step + " WHERE id = " + id;
                        }
                        default -> {
                            id = 1 + (step * 104_729) % INITIAL_REFUNDS;
                            amount = null;
                            sql = "DELETE FROM addtable.refunds WHERE id = " + id;
                        }
                    }
                    if (statement.executeUpdate(sql) == 1) {
                        String[] position = binlogPosition(connection);
                        synchronized (changes) {
                            changes.add(new Change(id, amount, position[0], Long.parseLong(position[1])));
                            changes.notifyAll();
                        }
                    }
                    // The writer's own pace, as an application would commit.
                    Pause.between(Duration.ofMillis(20), "the writer's next change");
                }
            } catch (SQLException | RuntimeException e) {
                failure = e;
                synchronized (changes) {
                    changes.notifyAll();
                }
            }
        }

        void awaitChanges(int count) throws InterruptedException {
            Instant deadline = Instant.now().plus(WAIT);
            synchronized (changes) {
                while (changes.size() < count
                        && failure == null
                        && Instant.now().isBefore(deadline)) {
                    changes.wait(1000);
                }
            }
            assertThat(failure).as("the writer failed").isNull();
            assertThat(changes()).hasSizeGreaterThanOrEqualTo(count);
        }

        void stop() {
            running.set(false);
        }

        List<Change> changes() {
            synchronized (changes) {
                return List.copyOf(changes);
            }
        }
    }

    private static boolean arrived(List<ChangeEvent> events, Change change) {
        return events.stream()
                .anyMatch(event -> change.amount() == null
                        ? "d".equals(event.op()) && event.before().path("id").asInt() == change.id()
                        : event.after() != null
                                && event.after().path("id").asInt() == change.id()
                                && event.after().path("amount").asInt() == change.amount());
    }

    /** The amount each key holds after applying the events in order: deletes and tombstones remove it. */
    private static Map<Integer, Integer> lastAmountPerKey(List<ChangeEvent> events) {
        Map<Integer, Integer> amounts = new HashMap<>();
        for (ChangeEvent event : onTable(events, "refunds")) {
            int id = event.keyPayload().path("id").asInt();
            if (event.isTombstone() || "d".equals(event.op())) {
                amounts.remove(id);
            } else {
                amounts.put(id, event.after().path("amount").asInt());
            }
        }
        return amounts;
    }

    private static List<ChangeEvent> onTable(List<ChangeEvent> events, String table) {
        return events.stream()
                .filter(event -> event.topic().equals(PREFIX + ".addtable." + table))
                .toList();
    }

    private static long reads(List<ChangeEvent> events, String table) {
        return onTable(events, table).stream()
                .filter(event -> "r".equals(event.op()))
                .count();
    }

    private static boolean isCustomer99(ChangeEvent event) {
        return event.topic().equals(PREFIX + ".addtable.customers")
                && event.after() != null
                && event.after().path("id").asInt() == 99;
    }

    private static JsonNode source(ChangeEvent event) {
        JsonNode value = event.value();
        return value.has("payload") ? value.path("payload").path("source") : value.path("source");
    }

    private static Map<Integer, Integer> refunds(LocalStack stack) throws SQLException {
        Map<Integer, Integer> rows = new HashMap<>();
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT id, amount FROM addtable.refunds")) {
            while (row.next()) {
                rows.put(row.getInt(1), row.getInt(2));
            }
        }
        return rows;
    }

    private static String[] binlogPosition(LocalStack stack) throws SQLException {
        try (Connection connection = stack.database().adminConnection()) {
            return binlogPosition(connection);
        }
    }

    private static String[] binlogPosition(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
            status.next();
            return new String[] {status.getString(1), Long.toString(status.getLong(2))};
        }
    }

    private static int compare(Change change, String[] position) {
        int byFile = change.binlogFile().compareTo(position[0]);
        return byFile != 0 ? byFile : Long.compare(change.binlogPosition(), Long.parseLong(position[1]));
    }

    /** Debezium logs the end of each table's incremental snapshot; nothing in the data marks it. */
    private static void awaitLog(LocalStack stack, long from, String line) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!Files.readString(stack.worker().logFile()).substring((int) from).contains(line)) {
            assertThat(Instant.now()).as("worker log line '%s'", line).isBefore(deadline);
            Pause.between(Duration.ofMillis(500), line);
        }
    }

    private static List<String> schemaHistoryDdl(LocalStack stack) {
        try (ChangeEventConsumer history = new ChangeEventConsumer(
                stack.kafka().bootstrapServers(), Pattern.compile(Pattern.quote(PREFIX + ".schema-history")))) {
            return history
                    .pollUntil(
                            records -> records.stream()
                                    .anyMatch(
                                            record -> record.value().toString().contains("refunds")),
                            WAIT)
                    .stream()
                    .map(record -> record.value().path("ddl").asText())
                    .toList();
        }
    }
}
