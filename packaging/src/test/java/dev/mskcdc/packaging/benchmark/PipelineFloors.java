package dev.mskcdc.packaging.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;

import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.kafka.KafkaDistribution;

/**
 * What the machine allows without the pipeline, on the benchmark's own data: the plain JDBC read of the rows, the
 * binlog read of a range of changes by the binlog client Debezium uses, and the broker's produce rate measured by
 * Kafka's ProducerPerformance in its own JVM.
 */
final class PipelineFloors {

    /** A measured rate: {@code count} items in {@code seconds}. */
    record Rate(long count, double seconds) {

        double perSecond() {
            return count / seconds;
        }
    }

    private PipelineFloors() {}

    /** Reads every column of every row, table after table, over one connection with a streaming result set. */
    static Rate jdbcRead(Database database) throws SQLException {
        long rows = 0;
        long start = System.nanoTime();
        try (Connection connection = database.adminConnection();
                Statement statement =
                        connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            for (int t = 1; t <= BenchmarkTables.TABLES; t++) {
                try (ResultSet result = statement.executeQuery("SELECT * FROM bench." + BenchmarkTables.table(t))) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int c = 1; c <= columns; c++) {
                            result.getObject(c);
                        }
                        rows++;
                    }
                }
            }
        }
        return new Rate(rows, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Reads the binlog from {@code from} to {@code to} with mysql-binlog-connector-java (deserializing every event, as
     * Debezium's reader does) and counts the changed rows.
     */
    static Rate binlogRead(
            Database database, BenchmarkTables.BinlogPosition from, BenchmarkTables.BinlogPosition to, long serverId)
            throws Exception {
        BinaryLogClient client =
                new BinaryLogClient(database.host(), database.port(), database.adminUser(), database.adminPassword());
        client.setServerId(serverId);
        client.setBinlogFilename(from.file());
        client.setBinlogPosition(from.position());
        client.setKeepAlive(false);
        AtomicLong rows = new AtomicLong();
        CountDownLatch reachedEnd = new CountDownLatch(1);
        client.registerEventListener(event -> {
            boolean inLastFile = to.file().equals(client.getBinlogFilename());
            long next = ((EventHeaderV4) event.getHeader()).getNextPosition();
            if (reachedEnd.getCount() == 0 || inLastFile && next > to.position()) {
                reachedEnd.countDown();
                return;
            }
            rows.addAndGet(changedRows(event.getData()));
            if (inLastFile && next == to.position()) {
                reachedEnd.countDown();
            }
        });
        long start = System.nanoTime();
        client.connect(TimeUnit.SECONDS.toMillis(30));
        try {
            if (!reachedEnd.await(10, TimeUnit.MINUTES)) {
                throw new AssertionError("The binlog client did not reach " + to + " within 10 minutes");
            }
            return new Rate(rows.get(), (System.nanoTime() - start) / 1e9);
        } finally {
            client.disconnect();
        }
    }

    private static long changedRows(EventData data) {
        if (data instanceof WriteRowsEventData write) {
            return write.getRows().size();
        }
        if (data instanceof UpdateRowsEventData update) {
            return update.getRows().size();
        }
        if (data instanceof DeleteRowsEventData delete) {
            return delete.getRows().size();
        }
        return 0;
    }

    /**
     * Runs {@code org.apache.kafka.tools.ProducerPerformance} (kafka-tools, copied into {@code toolsDirectory} by the
     * benchmarks profile) in its own JVM against {@code topic} and returns its summary line's rate.
     */
    static Rate producerPerformance(
            String bootstrapServers,
            String topic,
            long records,
            int recordBytes,
            List<String> producerProperties,
            Path toolsDirectory,
            Path workDirectory)
            throws IOException, InterruptedException {
        List<String> classpath = new ArrayList<>(List.of(KafkaDistribution.classpath()));
        try (Stream<Path> jars = Files.list(toolsDirectory)) {
            jars.map(Path::toString).forEach(classpath::add);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                String.join(":", classpath),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--record-size",
                Integer.toString(recordBytes),
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrapServers));
        command.addAll(producerProperties);
        Path output = workDirectory.resolve("producer-performance.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("ProducerPerformance did not finish within 10 minutes; output in " + output);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Matcher summary =
                Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(text);
        String last = null;
        String rate = null;
        while (summary.find()) {
            last = summary.group(1);
            rate = summary.group(2);
        }
        if (process.exitValue() != 0 || last == null || Long.parseLong(last) != records) {
            throw new AssertionError(
                    "ProducerPerformance failed (exit " + process.exitValue() + "); output in " + output);
        }
        double perSecond = Double.parseDouble(rate);
        return new Rate(records, records / perSecond);
    }
}
