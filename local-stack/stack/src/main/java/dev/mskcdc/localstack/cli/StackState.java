package dev.mskcdc.localstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mskcdc.localstack.process.LocalStackException;

/** What a running {@code up} leaves on disk so that {@code status}, {@code sql} and {@code down} can find it. */
final class StackState {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "state.json";

    private StackState() {}

    static void write(Path directory, Map<String, String> state) {
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    directory.resolve(FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        } catch (IOException e) {
            throw new LocalStackException("Cannot write " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    static Optional<Map<String, String>> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {}));
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

    /** The process ids recorded in the state, by component name ("*.pid" keys). */
    static Map<String, Long> pids(Map<String, String> state) {
        Map<String, Long> pids = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            if (key.endsWith(".pid")) {
                pids.put(key.substring(0, key.length() - 4), Long.parseLong(value));
            }
        });
        return pids;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
