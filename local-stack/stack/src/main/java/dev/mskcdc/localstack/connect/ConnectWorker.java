package dev.mskcdc.localstack.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mskcdc.localstack.config.ConfigTemplate;
import dev.mskcdc.localstack.kafka.KafkaDistribution;
import dev.mskcdc.localstack.kafka.Log4jConfig;
import dev.mskcdc.localstack.process.ChildProcess;
import dev.mskcdc.localstack.process.FreePorts;
import dev.mskcdc.localstack.process.JavaCommand;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Progress;

/**
 * A Kafka Connect 3.7.2 distributed worker in its own JVM. Its classpath is the Kafka distribution
 * only; the plugin reaches it solely through {@code plugin.path}, as on MSK Connect. Its configuration
 * is the reference self-hosted worker file from the plugin's {@code etc/}, with the local overlay.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private volatile ChildProcess process;
    private final ConnectRestClient rest;
    private final Path logFile;
    private final Path gcLog;
    private final Map<String, String> config;

    private ConnectWorker(
            ChildProcess process, ConnectRestClient rest, Path logFile, Path gcLog, Map<String, String> config) {
        this.process = process;
        this.rest = rest;
        this.logFile = logFile;
        this.gcLog = gcLog;
        this.config = config;
    }

    /** What the worker needs from the rest of the stack; a REST port of 0 means any free port. */
    public record Settings(
            Path directory,
            Path pluginPath,
            Path etc,
            Map<String, String> variables,
            Map<String, String> overrides,
            Map<String, String> environment,
            int restPort,
            WorkerHeap heap) {}

    public static ConnectWorker start(Settings settings, Progress progress) {
        int port = settings.restPort() != 0
                ? FreePorts.require(settings.restPort(), "the Connect REST API")
                : FreePorts.next();
        Map<String, String> variables = new HashMap<>(settings.variables());
        variables.put("REST_HOST", "127.0.0.1");
        variables.put("REST_PORT", Integer.toString(port));
        variables.put("PLUGIN_PATH", settings.pluginPath().toString());
        Map<String, String> config = ConfigTemplate.overlay(
                ConfigTemplate.render(settings.etc().resolve("self-hosted/connect-distributed.properties"), variables),
                settings.etc().resolve("local/worker-overlay.properties"),
                variables);
        config.putAll(settings.overrides());
        try {
            Path directory = Files.createDirectories(settings.directory());
            Path workerProperties = directory.resolve("connect-distributed.properties");
            ConfigTemplate.write(config, workerProperties);
            Path log = directory.resolve("worker.log");
            Path gcLog = directory.resolve("gc.log");
            List<String> jvm = new ArrayList<>(List.of(settings.heap().jvmOptions()));
            // One line per collection with the heap before and after it: the worker's peak heap, read by tests.
            jvm.add("-Xlog:gc:file=" + gcLog);
            jvm.add(Log4jConfig.writeFor(log));
            ChildProcess process = ChildProcess.start(
                    "Kafka Connect worker",
                    JavaCommand.of(
                            KafkaDistribution.classpath(),
                            jvm,
                            "org.apache.kafka.connect.cli.ConnectDistributed",
                            List.of(workerProperties.toString())),
                    settings.environment(),
                    directory,
                    log);
            ConnectWorker worker =
                    new ConnectWorker(process, new ConnectRestClient("http://127.0.0.1:" + port), log, gcLog, config);
            try {
                process.awaitReady(worker::acceptsRequests, START_TIMEOUT, progress);
            } catch (RuntimeException e) {
                worker.close();
                throw e;
            }
            return worker;
        } catch (IOException e) {
            throw new LocalStackException(
                    "Cannot prepare the Connect worker in " + settings.directory() + ": " + e.getMessage(), e);
        }
    }

    public ConnectRestClient rest() {
        return rest;
    }

    /** The worker's log4j log (everything it logs, from start-up on). */
    public Path logFile() {
        return logFile;
    }

    /** The JVM's GC log ({@code -Xlog:gc}): each collection with the heap in use before and after it. */
    public Path gcLog() {
        return gcLog;
    }

    /** The rendered worker configuration. */
    public Map<String, String> config() {
        return Map.copyOf(config);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The id Connect's status API reports for this worker ({@code host:port} of its REST listener). */
    public String workerId() {
        return rest.baseUrl().substring("http://".length());
    }

    /**
     * Kills the worker's JVM with SIGKILL, as a crashed host or the OOM killer would: no offset flush, no
     * task stop, no goodbye to the group. {@link #startAgain} brings it back.
     */
    public void kill() {
        process.kill();
    }

    /**
     * Starts the worker again with the same configuration, REST port and log (after {@link #kill}, or
     * stopping it first if it still runs); returns once its REST API answers.
     */
    public void startAgain(Progress progress) {
        process = process.startAgain();
        process.awaitReady(this::acceptsRequests, START_TIMEOUT, progress);
    }

    @Override
    public void close() {
        process.close();
    }

    private boolean acceptsRequests() {
        try {
            return rest.get("/connectors").status() == 200;
        } catch (LocalStackException notYet) {
            return false;
        }
    }
}
