package dev.mskcdc.localstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.process.LocalStackException;

/**
 * What a running {@code up} leaves on disk ({@value #FILE} in the stack directory) so that {@code status},
 * {@code sql}, {@code add-table} and {@code down} can find it. The JSON keys ending in {@code .pid} are the processes
 * {@code down} stops; {@code databasePid} and {@code mariadbBase} are absent when the stack does not run its database.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record StackState(
        @JsonProperty("up.pid") long upPid,
        @JsonProperty("connect.pid") long connectPid,
        @JsonProperty("kafka.pid") long kafkaPid,
        @JsonProperty("database.pid") Long databasePid,
        @JsonProperty("mariadb.base") String mariadbBase,
        @JsonProperty("connect.url") String connectUrl,
        @JsonProperty("kafka.bootstrap") String kafkaBootstrap,
        @JsonProperty("database.host") String databaseHost,
        @JsonProperty("database.port") int databasePort,
        @JsonProperty("database.description") String databaseDescription,
        @JsonProperty("connector") String connector,
        @JsonProperty("cloudwatch.url") String cloudWatchUrl,
        @JsonProperty("logs") String logs) {

    static final String FILE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The state of {@code stack}, started by this process, running {@code connector}. */
    static StackState of(LocalStack stack, String connector) {
        return new StackState(
                ProcessHandle.current().pid(),
                stack.worker().pid(),
                stack.kafka().pid(),
                stack.localServerIfAny().map(server -> server.pid()).orElse(null),
                stack.localServerIfAny()
                        .map(server -> server.clientBaseDirectory().toString())
                        .orElse(null),
                stack.worker().rest().baseUrl(),
                stack.kafka().bootstrapServers(),
                stack.database().host(),
                stack.database().port(),
                stack.database().description(),
                connector,
                stack.cloudWatch().endpoint(),
                stack.directory().toString());
    }

    void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    directory.resolve(FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new LocalStackException("Cannot write " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    static Optional<StackState> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StackState.class));
        } catch (IOException e) {
            throw new LocalStackException(
                    "Cannot read " + file + " (" + e.getMessage() + "); delete it if no stack runs.", e);
        }
    }

    static void delete(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(FILE));
        } catch (IOException e) {
            // A stale state file is detected and replaced by the next 'up'.
        }
    }

    /** The processes of the stack by component name: up, connect, kafka and (if the stack runs it) database. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("up", upPid);
        pids.put("connect", connectPid);
        pids.put("kafka", kafkaPid);
        if (databasePid != null) {
            pids.put("database", databasePid);
        }
        return pids;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
