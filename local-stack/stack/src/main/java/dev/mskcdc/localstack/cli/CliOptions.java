package dev.mskcdc.localstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.mskcdc.localstack.connect.WorkerHeap;
import dev.mskcdc.localstack.database.DatabaseChoice;
import dev.mskcdc.localstack.process.LocalStackException;

/** {@code <command> [--name=value ...]} */
record CliOptions(String command, Map<String, String> values) {

    static final String USAGE =
            "Usage: local-stack.sh up|status|sql|add-table|resnapshot|down [--table=DB.TABLE (add-table)] [--plugin=ZIP] [--dir=DIR] [--connect-port=N] [--worker-heap=1g]"
                    + " [--database=mysql|mariadb|testcontainers|external --db-host=H --db-port=P --db-user=U --db-password=W]";

    private static final Set<String> NAMES = Set.of(
            "table",
            "plugin",
            "dir",
            "connect-port",
            "worker-heap",
            "database",
            "db-host",
            "db-port",
            "db-user",
            "db-password");

    static CliOptions parse(String[] args) {
        if (args.length == 0) {
            throw new LocalStackException(USAGE);
        }
        Map<String, String> values = new HashMap<>();
        for (String arg : List.of(args).subList(1, args.length)) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new LocalStackException("Cannot read option '" + arg + "'. " + USAGE);
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!NAMES.contains(name)) {
                throw new LocalStackException("Unknown option '--" + name + "'. " + USAGE);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return new CliOptions(args[0], values);
    }

    Path directory() {
        return Path.of(value("dir", ".local-stack")).toAbsolutePath();
    }

    String database() {
        return value("database", DatabaseChoice.DEFAULT);
    }

    /** The Connect worker's maximum heap given as {@code --worker-heap}, else the stack's default. */
    WorkerHeap workerHeap() {
        String given = values.get("worker-heap");
        return given == null ? WorkerHeap.DEFAULT : WorkerHeap.parse("--worker-heap", given);
    }

    /** The ZIP given, else the one the build left in packaging/target/. */
    Path pluginZip() {
        String given = values.get("plugin");
        if (given != null) {
            return Path.of(given);
        }
        Path target = Path.of("packaging", "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> file.getFileName().toString().matches("mskcdc-kit-.*\\.zip"))
                    .findFirst()
                    .orElseThrow(() -> new LocalStackException("No plugin ZIP in packaging/target/: build it with"
                            + " ./mvnw package -DskipTests, or pass --plugin=PATH."));
        } catch (IOException e) {
            throw new LocalStackException("Cannot list packaging/target: " + e.getMessage(), e);
        }
    }

    /** A TCP port given as {@code --name=N}, or {@code fallback}; 0 means a free port. */
    int port(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LocalStackException("--" + name + "=" + value + " is not a TCP port: give a number from 1 to 65535.");
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new LocalStackException("--" + name + " is required with --database=" + database());
        }
        return value;
    }
}
