package dev.mskcdc.packaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line a person runs, as a person runs it: 'up' in one terminal, 'sql', 'status' and 'down'
 * in another. Checks the events 'up' prints and that 'down' leaves no process behind.
 */
class LocalStackCommandLineIT {

    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final Path STACK = Path.of("..", "local-stack", "stack", "target");

    @Test
    void upPrintsEventsOfSqlTypedElsewhereAndDownStopsEverything() throws Exception {
        Path directory = Files.createDirectories(Path.of("target", "cli-it-" + System.nanoTime()))
                .toAbsolutePath();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Process up = cli(directory, "up").start();
        Thread reader = readLines(up, output);
        try {
            awaitLine(output, line -> line.contains("Pipeline running"), up);
            awaitLine(
                    output,
                    line -> line.contains("shop.inventory.customers")
                            && line.contains("snapshot")
                            && line.contains("Ada Lovelace"),
                    up);

            Process sql = cli(directory, "sql").redirectErrorStream(true).start();
            sql.getOutputStream()
                    .write("INSERT INTO customers (name, email) VALUES ('Edsger', 'ew@example.com');\n"
                            .getBytes(StandardCharsets.UTF_8));
            sql.getOutputStream().close();
            assertThat(sql.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sql.exitValue())
                    .as(new String(sql.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
            awaitLine(
                    output,
                    line -> line.contains("shop.inventory.customers")
                            && line.contains("insert")
                            && line.contains("Edsger"),
                    up);

            awaitLine(output, line -> line.startsWith("[health] ") && line.contains("snapshot completed"), up);
            String status = awaitStatus(
                    directory,
                    text -> text.matches("(?s).*metrics +lag \\d+ ms, events/s \\d+, "
                            + "snapshot completed \\(\\d+ rows\\), binlog connected.*"));
            assertThat(status).contains("\"state\":\"RUNNING\"").doesNotContain("NOT RUNNING");
            List<Long> pids = pidsOf(directory);
            assertThat(pids).hasSize(4);

            // The recovery from a purged binlog position (connector/README.md): a new snapshot of every table.
            // The row inserted above arrives again, now read by that snapshot.
            assertThat(run(directory, "resnapshot")).contains("offsets deleted, connector resumed");
            awaitLine(
                    output,
                    line -> line.contains("shop.inventory.customers")
                            && line.contains("snapshot")
                            && line.contains("Edsger"),
                    up);

            String down = run(directory, "down");
            assertThat(down).contains("Stopped.");
            assertThat(up.waitFor(60, TimeUnit.SECONDS))
                    .as("'up' exits after 'down'")
                    .isTrue();
            assertThat(pids)
                    .noneMatch(pid ->
                            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(directory.resolve("state.json")).doesNotExist();
        } finally {
            up.destroyForcibly();
            reader.join(5_000);
        }
    }

    private static ProcessBuilder cli(Path directory, String command) throws IOException {
        String classpath = STACK.resolve("classes")
                + java.io.File.pathSeparator
                + Files.readString(STACK.resolve("launcher.classpath")).trim();
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        "dev.mskcdc.localstack.cli.LocalStackCli",
                        command,
                        "--plugin=" + PluginZip.path(),
                        "--dir=" + directory)
                .redirectErrorStream(true);
    }

    /** 'status' prints what was last published; the first figures arrive one publishing interval after the events. */
    private static String awaitStatus(Path directory, java.util.function.Predicate<String> condition) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        String status = run(directory, "status");
        while (!condition.test(status) && java.time.Instant.now().isBefore(deadline)) {
            dev.mskcdc.localstack.process.Pause.between(
                    java.time.Duration.ofSeconds(1), "'status' to show the published metrics");
            status = run(directory, "status");
        }
        assertThat(status).as("status").matches(condition::test);
        return status;
    }

    private static String run(Path directory, String command) throws Exception {
        Process process = cli(directory, command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static List<Long> pidsOf(Path directory) throws IOException {
        JsonNode state =
                new ObjectMapper().readTree(directory.resolve("state.json").toFile());
        List<Long> pids = new ArrayList<>();
        state.fields().forEachRemaining(entry -> {
            if (entry.getKey().endsWith(".pid")) {
                pids.add(Long.parseLong(entry.getValue().asText()));
            }
        });
        return pids;
    }

    private static Thread readLines(Process process, List<String> output) {
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            output.add(line);
                        }
                    } catch (IOException endOfProcess) {
                        // The process ended.
                    }
                },
                "cli-output");
        reader.start();
        return reader;
    }

    private static void awaitLine(List<String> output, Predicate<String> wanted, Process up)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            synchronized (output) {
                if (output.stream().anyMatch(wanted)) {
                    return;
                }
            }
            if (!up.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("'up' did not print the expected line. Its output:\n" + String.join("\n", output));
    }
}
