package dev.mskcdc.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One process of the stack: started with its output sent to a log file, stopped with SIGTERM and,
 * if it does not exit in time, SIGKILL. Every child is also stopped when this JVM exits.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildProcess(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDirectory,
            Process process,
            Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path workingDirectory, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, command, environment, workingDirectory, builder.start(), logFile);
        } catch (IOException e) {
            throw new LocalStackException(
                    "Cannot start " + name + " (" + command.get(0) + "): " + e.getMessage()
                            + ". Check that the file exists and is executable.",
                    e);
        }
    }

    /** Waits until {@code ready} holds, failing early with the log's tail if the process dies. */
    public void awaitReady(BooleanSupplier ready, Duration timeout, Progress progress) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new LocalStackException(name + " exited with code " + process.exitValue()
                        + " before it was ready. Last lines of " + logFile + ":\n" + logTail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException(name + " was not ready after " + timeout.toSeconds()
                        + " s. Last lines of " + logFile + ":\n" + logTail(40));
            }
            progress.waiting(name);
            Pause.between(Duration.ofMillis(250), name);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    /** Stops the process and its descendants; safe to call more than once. */
    public void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        descendants.forEach(ChildProcess::awaitExit);
    }

    /**
     * Kills the process and its descendants with SIGKILL, as a crash or the kernel's OOM killer would:
     * no shutdown hook runs. Returns once they are gone.
     */
    public void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process.toHandle());
        descendants.forEach(ChildProcess::awaitExit);
    }

    /**
     * Starts the same command again, with the same environment, working directory and log file (appended
     * to), after stopping this process if it still runs. This object is closed; use the returned one.
     */
    public ChildProcess startAgain() {
        close();
        return start(name, command, environment, workingDirectory, logFile);
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Killed with SIGKILL; the kernel reaps it. Nothing more this process can do.
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to remove.
        }
    }
}
