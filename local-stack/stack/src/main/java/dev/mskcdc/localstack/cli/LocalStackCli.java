package dev.mskcdc.localstack.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connect.Resnapshot;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.database.ExternalMySql;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Progress;
import dev.mskcdc.localstack.signals.SignalChannel;

/**
 * {@code up}: start the stack, create the sample schema, register the reference connector and print
 * change events until Ctrl-C. {@code status}, {@code sql}, {@code add-table}, {@code resnapshot} and {@code down} act on a running
 * {@code up} from another terminal, through the state file in the stack directory.
 */
public final class LocalStackCli {

    private static final String CONNECTOR = "shop-inventory";
    private static final PrintStream OUT = System.out;

    private LocalStackCli() {}

    public static void main(String[] args) {
        try {
            CliOptions options = CliOptions.parse(args);
            switch (options.command()) {
                case "up" -> up(options);
                case "status" -> status(options);
                case "sql" -> sqlCommand(options);
                case "down" -> down(options);
                case "add-table" -> addTable(options);
                case "resnapshot" -> resnapshot(options);
                default ->
                    throw new LocalStackException("Unknown command '" + options.command() + "'. " + CliOptions.USAGE);
            }
        } catch (LocalStackException e) {
            System.err.println("[local-stack] " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(CliOptions options) {
        reapStaleStack(options.directory());
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch eventsClosed = new CountDownLatch(1);
        LocalStack stack = LocalStack.builder()
                .pluginZip(options.pluginZip())
                .directory(options.directory().resolve("run-" + Instant.now().getEpochSecond()))
                .database(
                        "--database",
                        options.database(),
                        () -> new ExternalMySql(
                                options.require("db-host"), Integer.parseInt(options.require("db-port")),
                                options.require("db-user"), options.value("db-password", "")))
                .connectPort(options.port("connect-port", 0))
                .workerHeap(options.workerHeap())
                .progress(Progress.to(OUT))
                .start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            OUT.println("\n[local-stack] Stopping...");
                            stopping.countDown();
                            awaitQuietly(eventsClosed);
                            stack.close();
                            StackState.delete(options.directory());
                            OUT.println("[local-stack] Stopped; logs stay in " + stack.directory());
                        },
                        "local-stack-shutdown"));
        StackState.of(stack, CONNECTOR).write(options.directory());

        OUT.println("[local-stack] Creating the sample schema '" + SampleSchema.DATABASE + "'");
        SampleSchema.create(stack.database());
        OUT.println("[local-stack] Registering connector '" + CONNECTOR + "' from etc/msk/connector.properties"
                + " + etc/local/connector-overlay.properties");
        ConnectorSpec spec = stack.withCloudWatchMetrics(
                ConnectorSpec.of(
                        CONNECTOR, SampleSchema.TOPIC_PREFIX, SampleSchema.DATABASE, SampleSchema.DATABASE + "\\..*"),
                HealthLine.NAMESPACE,
                HealthLine.INTERVAL);
        Pattern topics =
                Pattern.compile(Pattern.quote(SampleSchema.TOPIC_PREFIX + "." + SampleSchema.DATABASE + ".") + ".*");
        try (RunningConnector connector =
                stack.startConnector(stack.worker(), spec, topics, RunningConnector.Await.RUNNING)) {
            HealthLine.printWhileSnapshotRuns(stack.cloudWatch(), CONNECTOR, OUT, stopping);
            printHowToPlay(stack, options.directory());
            printEvents(connector.events(), stopping);
        }
        eventsClosed.countDown();
    }

    private static void printHowToPlay(LocalStack stack, Path directory) {
        OUT.println();
        OUT.println("[local-stack] Pipeline running. Change events of database '" + SampleSchema.DATABASE
                + "' are printed below as they arrive.");
        OUT.println("[local-stack] In another terminal, type SQL:   ./local-stack.sh sql");
        OUT.println("[local-stack]   e.g. INSERT INTO customers (name, email) VALUES ('Edsger', 'ew@example.com');");
        OUT.println("[local-stack] Connect REST API: " + stack.worker().rest().baseUrl() + "   Kafka: "
                + stack.kafka().bootstrapServers());
        OUT.println("[local-stack] Status: ./local-stack.sh status    Stop: Ctrl-C here, or ./local-stack.sh down");
        OUT.println("[local-stack] Logs: " + stack.directory() + "   State: " + directory.resolve(StackState.FILE));
        OUT.println();
    }

    /** Prints the sample database's change events (not the schema history) until the stack stops. */
    private static void printEvents(ChangeEventConsumer events, CountDownLatch stopping) {
        while (stopping.getCount() > 0) {
            for (ChangeEvent event : events.poll(Duration.ofMillis(500))) {
                OUT.println(describe(event));
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(ChangeEvent event) {
        if (event.isTombstone()) {
            return String.format("%-32s %-9s key=%s", event.topic(), "tombstone", event.keyPayload());
        }
        if (event.op() == null) {
            return String.format("%-32s %-9s %s", event.topic(), "other", event.value());
        }
        String op = switch (event.op()) {
            case "r" -> "snapshot";
            case "c" -> "insert";
            case "u" -> "update";
            case "d" -> "delete";
            case "t" -> "truncate";
            default -> event.op();
        };
        return String.format(
                "%-32s %-9s key=%s before=%s after=%s",
                event.topic(), op, event.keyPayload(), event.before(), event.after());
    }

    private static void status(CliOptions options) {
        StackState state = StackState.read(options.directory())
                .orElseThrow(() -> new LocalStackException("No stack is running from " + options.directory() + " (no "
                        + StackState.FILE + "). Start one with: ./local-stack.sh up"));
        state.pids()
                .forEach((name, pid) -> OUT.printf(
                        "%-10s pid %-8d %s%n", name, pid, StackState.alive(pid) ? "running" : "NOT RUNNING"));
        OUT.println("database   " + state.databaseDescription());
        OUT.println("kafka      " + state.kafkaBootstrap());
        ConnectRestClient rest = new ConnectRestClient(state.connectUrl());
        try {
            OUT.println("connector  " + state.connector() + ": " + rest.status(state.connector()));
        } catch (LocalStackException e) {
            OUT.println("connect    " + state.connectUrl() + " does not answer: " + e.getMessage());
        }
        if (state.cloudWatchUrl() != null) {
            OUT.println("metrics    " + HealthLine.fetch(state.cloudWatchUrl(), state.connector()));
        }
        OUT.println("logs       " + state.logs());
    }

    /** Runs the MariaDB command-line client (it speaks to MySQL 8.0 too) against the running stack's database, in this terminal. */
    private static void sqlCommand(CliOptions options) {
        StackState state = StackState.read(options.directory())
                .orElseThrow(() -> new LocalStackException(
                        "No stack is running from " + options.directory() + ". Start one with: ./local-stack.sh up"));
        String base = state.mariadbBase();
        if (base == null) {
            throw new LocalStackException("The running stack uses " + state.databaseDescription()
                    + "; connect to it with your own MySQL client.");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(base, "bin", "mariadb").toString(),
                "--no-defaults",
                "--skip-ssl",
                "-h",
                state.databaseHost(),
                "-P",
                Integer.toString(state.databasePort()),
                "-u",
                LocalServer.ADMIN_USER,
                SampleSchema.DATABASE));
        try {
            ProcessBuilder client = new ProcessBuilder(command).inheritIO();
            // In the environment rather than on the command line, where every 'ps' would show it.
            client.environment().put("MYSQL_PWD", LocalServer.ADMIN_PASSWORD);
            int exit = client.start().waitFor();
            System.exit(exit);
        } catch (Exception e) {
            throw new LocalStackException("Cannot run the MariaDB client: " + e.getMessage(), e);
        }
    }

    /** What {@code msk-deploy add-table} does on MSK: the include list grows in place, then one execute-snapshot signal. */
    private static void addTable(CliOptions options) {
        StackState state = StackState.read(options.directory())
                .orElseThrow(() -> new LocalStackException(
                        "No stack is running from " + options.directory() + ". Start one with: ./local-stack.sh up"));
        String tables = options.value("table", "");
        if (!tables.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+(,[A-Za-z0-9_]+\\.[A-Za-z0-9_]+)*")) {
            throw new LocalStackException(
                    "add-table needs --table=<database>.<table>[,<database>.<table>...], got '" + tables + "'");
        }
        Map<String, String> config = SignalChannel.addTables(
                new ConnectRestClient(state.connectUrl()),
                state.kafkaBootstrap(),
                state.connector(),
                List.of(tables.split(",")),
                Duration.ofMinutes(2));
        OUT.println("[local-stack] " + state.connector() + " now captures " + config.get("table.include.list")
                + "; execute-snapshot signal sent for " + tables
                + " (incremental: only these tables, while streaming goes on)");
    }

    /** What {@code msk-deploy resnapshot} does on MSK, after a purged binlog position: a new snapshot of every table. */
    private static void resnapshot(CliOptions options) {
        StackState state = StackState.read(options.directory())
                .orElseThrow(() -> new LocalStackException(
                        "No stack is running from " + options.directory() + ". Start one with: ./local-stack.sh up"));
        Resnapshot.run(new ConnectRestClient(state.connectUrl()), state.connector(), Duration.ofMinutes(2));
        OUT.println("[local-stack] " + state.connector() + ": offsets deleted, connector resumed: it snapshots every"
                + " table again, then streams. Consumers drop the rows of a table its new snapshot did not contain"
                + " (connector/README.md, \"Purged binlog\").");
    }

    private static void down(CliOptions options) {
        StackState state = StackState.read(options.directory()).orElse(null);
        if (state == null) {
            OUT.println("[local-stack] No stack is running from " + options.directory());
            return;
        }
        Map<String, Long> pids = state.pids();
        Long up = pids.remove("up");
        if (up != null && StackState.alive(up)) {
            OUT.println("[local-stack] Asking 'up' (pid " + up + ") to stop the stack");
            ProcessHandle.of(up).ifPresent(LocalStackCli::stopAndAwait);
        }
        pids.forEach((name, pid) -> {
            if (StackState.alive(pid)) {
                OUT.println("[local-stack] Stopping leftover " + name + " (pid " + pid + ")");
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        });
        StackState.delete(options.directory());
        OUT.println("[local-stack] Stopped.");
    }

    /** A previous 'up' killed with SIGKILL cannot stop its children: stop them before starting anew. */
    private static void reapStaleStack(Path directory) {
        StackState.read(directory).ifPresent(state -> {
            long up = state.upPid();
            if (StackState.alive(up)) {
                throw new LocalStackException("A stack is already running from " + directory + " (pid " + up
                        + "). Stop it first: ./local-stack.sh down");
            }
            state.pids().forEach((name, pid) -> {
                if (StackState.alive(pid)) {
                    OUT.println("[local-stack] Stopping " + name + " (pid " + pid + ") left over by an earlier run");
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            });
            StackState.delete(directory);
        });
    }

    /** SIGTERM, so that 'up' runs its shutdown hook; the leftover check after it deals with a hung 'up'. */
    private static void stopAndAwait(ProcessHandle up) {
        up.destroy();
        try {
            up.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Still running after a minute: the leftover processes are stopped forcibly next.
        }
    }
}
