package dev.mskcdc.localstack.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildProcessTest {

    @TempDir
    Path directory;

    @Test
    void failsEarlyWithTheLogTailWhenTheProcessDiesBeforeItIsReady() {
        ChildProcess process = ChildProcess.start(
                "Doomed",
                List.of("sh", "-c", "echo port already in use; exit 3"),
                Map.of(),
                directory,
                directory.resolve("doomed.log"));

        assertThatThrownBy(() -> process.awaitReady(() -> false, Duration.ofMinutes(5), Progress.silent()))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("Doomed exited with code 3 before it was ready.")
                .hasMessageContaining("port already in use");
    }

    @Test
    void namesTheCommandThatCannotStart() {
        assertThatThrownBy(() -> ChildProcess.start(
                        "Ghost",
                        List.of(directory.resolve("no-such-binary").toString()),
                        Map.of(),
                        directory,
                        directory.resolve("ghost.log")))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("Cannot start Ghost (" + directory.resolve("no-such-binary") + ")")
                .hasMessageEndingWith("Check that the file exists and is executable.");
    }

    @Test
    void closeStopsTheProcessAndItsChildren() throws Exception {
        ChildProcess process = ChildProcess.start(
                "Sleeper",
                List.of("sh", "-c", "sleep 300 & sleep 300"),
                Map.of(),
                directory,
                directory.resolve("sleeper.log"));
        process.awaitReady(() -> !descendants(process).isEmpty(), Duration.ofMinutes(1), Progress.silent());
        List<ProcessHandle> children = descendants(process);

        process.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void killEndsAProcessThatIgnoresSigtermAndItsChildren() {
        ChildProcess process = ChildProcess.start(
                "Stubborn",
                List.of("sh", "-c", "trap '' TERM; sleep 300 & sleep 300"),
                Map.of(),
                directory,
                directory.resolve("stubborn.log"));
        process.awaitReady(() -> !descendants(process).isEmpty(), Duration.ofMinutes(1), Progress.silent());
        List<ProcessHandle> children = descendants(process);

        process.kill();

        assertThat(process.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void startAgainRunsTheSameCommandAndAppendsToTheSameLog() throws Exception {
        Path log = directory.resolve("again.log");
        ChildProcess first = ChildProcess.start(
                "Again", List.of("sh", "-c", "echo \"run in $PWD with $MARK\""), Map.of("MARK", "x"), directory, log);
        first.awaitReady(() -> !first.isAlive(), Duration.ofMinutes(1), Progress.silent());

        ChildProcess second = first.startAgain();
        second.awaitReady(() -> !second.isAlive(), Duration.ofMinutes(1), Progress.silent());

        String line = "run in " + directory.toRealPath() + " with x";
        assertThat(java.nio.file.Files.readAllLines(log)).containsExactly(line, line);
    }

    private static List<ProcessHandle> descendants(ChildProcess process) {
        return ProcessHandle.of(process.pid())
                .map(handle -> handle.descendants().toList())
                .orElse(List.of());
    }

    @Test
    void aTakenPortIsNamedWithWhatItWasFor() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> FreePorts.require(taken.getLocalPort(), "the Connect REST API"))
                    .hasMessageStartingWith(
                            "Port " + taken.getLocalPort() + " (for the Connect REST API) is already in use");
        }
    }
}
