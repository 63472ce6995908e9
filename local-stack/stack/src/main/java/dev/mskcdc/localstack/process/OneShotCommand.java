package dev.mskcdc.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A preparation step run to completion before a server starts (formatting storage, installing tables). */
public final class OneShotCommand {

    private OneShotCommand() {}

    /** Runs {@code command} with its output in {@code log}; fails with that output if it fails or overruns. */
    public static void run(String what, List<String> command, Path log, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new LocalStackException(what + " failed; see " + log + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new LocalStackException("Cannot run " + command.get(0) + " (" + what + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted: " + what, e);
        }
    }
}
