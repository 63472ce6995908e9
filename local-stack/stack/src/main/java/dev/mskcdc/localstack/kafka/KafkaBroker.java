package dev.mskcdc.localstack.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import dev.mskcdc.localstack.process.ChildProcess;
import dev.mskcdc.localstack.process.FreePorts;
import dev.mskcdc.localstack.process.JavaCommand;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.OneShotCommand;
import dev.mskcdc.localstack.process.Progress;

/**
 * A single-node Kafka 3.7.2 broker in KRaft mode (broker and controller in one JVM). Like MSK, it does
 * not create topics on first use, so configurations that forget {@code topic.creation.*} fail here too.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private volatile ChildProcess process;

    private KafkaBroker(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    public static KafkaBroker start(Path directory, Progress progress) {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        try {
            Path config = writeServerProperties(Files.createDirectories(directory), port, controllerPort);
            Path log = directory.resolve("kafka.log");
            String classpath = KafkaDistribution.classpath();
            List<String> jvm = List.of("-Xms256m", "-Xmx512m", Log4jConfig.writeFor(log));
            format(classpath, jvm, config, directory.resolve("format.log"));
            ChildProcess process = ChildProcess.start(
                    "Kafka broker",
                    JavaCommand.of(classpath, jvm, "kafka.Kafka", List.of(config.toString())),
                    Map.of(),
                    directory,
                    log);
            KafkaBroker broker = new KafkaBroker(port, process);
            try {
                process.awaitReady(broker::answers, START_TIMEOUT, progress);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare the Kafka broker in " + directory + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the broker with SIGTERM (a controlled shutdown, as in broker maintenance), keeping its data. */
    public void stop() {
        process.stop();
    }

    /** Starts the stopped broker again on the same ports and log directory; returns once it answers. */
    public void startAgain(Progress progress) {
        process = process.startAgain();
        process.awaitReady(this::answers, START_TIMEOUT, progress);
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15_000));
    }

    @Override
    public void close() {
        process.close();
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                2_000))) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static Path writeServerProperties(Path directory, int port, int controllerPort) throws IOException {
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", directory.resolve("data").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false")));
        Path file = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "KRaft single node, written by the local stack");
        }
        return file;
    }

    private static void format(String classpath, List<String> jvm, Path config, Path log) {
        List<String> command = JavaCommand.of(
                classpath,
                jvm,
                "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        OneShotCommand.run("Formatting the Kafka log directory", command, log, START_TIMEOUT);
    }
}
