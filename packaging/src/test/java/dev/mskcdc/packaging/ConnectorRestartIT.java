package dev.mskcdc.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows are committed continuously while the connector is stopped and resumed, and while its task is
 * restarted: every committed row must arrive; duplicates (at-least-once delivery) are counted and reported.
 */
@ExtendWith(LocalStackExtension.class)
class ConnectorRestartIT {

    private static final String CONNECTOR = "restart";
    private static final int ROWS = 400;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void noCommittedChangeIsLostAcrossStopResumeAndTaskRestart(LocalStack stack) throws Exception {
        stack.database()
                .recreateDatabase(
                        "restarts",
                        "CREATE TABLE restarts.ticks (id INT PRIMARY KEY, written_at TIMESTAMP(3) NOT NULL)");
        try (RunningConnector connector = stack.startConnector(
                ConnectorSpec.of(CONNECTOR, "rst", "restarts", "restarts\\.ticks"), RunningConnector.Await.RUNNING)) {
            restartWhileWriting(stack, connector);
        }
    }

    private static void restartWhileWriting(LocalStack stack, RunningConnector connector) throws Exception {
        ConnectRestClient rest = connector.rest();
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> writeRows(stack, written), "row-writer");
        writer.start();
        awaitWritten(written, ROWS / 4);
        rest.stopConnector(CONNECTOR);
        rest.awaitState(CONNECTOR, "STOPPED", WAIT);
        awaitWritten(written, ROWS / 2);
        rest.resumeConnector(CONNECTOR);
        rest.awaitRunning(CONNECTOR, WAIT);
        awaitWritten(written, 3 * ROWS / 4);
        ConnectRestClient.Response restart = rest.post("/connectors/" + CONNECTOR + "/restart?includeTasks=true", null);
        assertThat(restart.status()).isBetween(200, 204);
        writer.join(WAIT.toMillis());
        assertThat(written.get()).isEqualTo(ROWS);

        Map<Integer, Long> arrivals =
                connector.events().pollUntil(all -> distinctIds(all).size() >= ROWS, WAIT).stream()
                        .filter(event -> !event.isTombstone())
                        .collect(Collectors.groupingBy(
                                event -> event.after().path("id").asInt(), Collectors.counting()));
        long duplicates =
                arrivals.values().stream().mapToLong(count -> count - 1).sum();
        report("rows committed: " + ROWS + ", distinct rows received: " + arrivals.size() + ", duplicate events: "
                + duplicates);

        assertThat(arrivals.keySet()).hasSize(ROWS);
        assertThat(arrivals.keySet()).allSatisfy(id -> assertThat(id).isBetween(1, ROWS));
    }

    private static void writeRows(LocalStack stack, AtomicInteger written) {
        for (int id = 1; id <= ROWS; id++) {
            stack.database().execute("INSERT INTO restarts.ticks VALUES (" + id + ", NOW(3))");
            written.set(id);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitWritten(AtomicInteger written, int atLeast) throws InterruptedException {
        while (written.get() < atLeast) {
            Thread.sleep(50);
        }
    }

    private static java.util.Set<Integer> distinctIds(List<ChangeEvent> events) {
        return events.stream()
                .filter(event -> !event.isTombstone())
                .map(event -> event.after().path("id").asInt())
                .collect(Collectors.toSet());
    }

    private static void report(String line) throws IOException {
        System.out.println("[ConnectorRestartIT] " + line);
        Path reports = Files.createDirectories(Path.of("target", "it-reports"));
        Files.writeString(reports.resolve("connector-restart.txt"), line + "\n");
    }
}
