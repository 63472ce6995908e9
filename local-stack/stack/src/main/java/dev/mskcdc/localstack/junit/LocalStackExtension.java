package dev.mskcdc.localstack.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.LocalStackBuilder;
import dev.mskcdc.localstack.connect.WorkerHeap;
import dev.mskcdc.localstack.database.DatabaseChoice;
import dev.mskcdc.localstack.database.ExternalMySql;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Progress;

/**
 * Gives test classes one {@link LocalStack} per test run (started on first use, stopped when the run
 * ends), so integration tests share the broker, database and worker instead of paying their start-up
 * each time.
 *
 * <p>System properties: {@code mskcdc.plugin.zip} (required: the ZIP under test),
 * {@code mskcdc.stack.dir} (logs and data), {@code mskcdc.database} = {@code mysql} (default), {@code mariadb},
 * {@code testcontainers} (MySQL 8.4; needs Docker) or {@code external} with
 * {@code mskcdc.database.host}, {@code .port}, {@code .user}, {@code .password}; {@code mskcdc.worker.heap}: the
 * Connect worker's maximum heap as for {@code java -Xmx} (default {@code 1g}).
 */
public final class LocalStackExtension implements ParameterResolver {

    private static final String DATABASE_SETTING = "mskcdc.database";
    private static final String WORKER_HEAP_SETTING = "mskcdc.worker.heap";
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> new SharedStack(startStack()), SharedStack.class)
                .stack();
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the run. */
    private record SharedStack(LocalStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }

    /** Builds a stack from the system properties above; used by the extension and by tests that need their own. */
    public static LocalStackBuilder configuredBuilder(String subdirectory) {
        String zip = System.getProperty("mskcdc.plugin.zip");
        if (zip == null) {
            throw new LocalStackException("System property mskcdc.plugin.zip is not set: point it at the plugin ZIP"
                    + " (the packaging module's failsafe configuration does).");
        }
        LocalStackBuilder builder = LocalStack.builder()
                .pluginZip(Path.of(zip))
                .database(DATABASE_SETTING, databaseChoice(), LocalStackExtension::externalMySql);
        String heap = System.getProperty(WORKER_HEAP_SETTING);
        if (heap != null) {
            builder.workerHeap(WorkerHeap.parse("-D" + WORKER_HEAP_SETTING, heap));
        }
        String directory = System.getProperty("mskcdc.stack.dir");
        if (directory != null) {
            builder.directory(Path.of(directory, subdirectory + "-" + System.nanoTime()));
        }
        if (Boolean.getBoolean("mskcdc.stack.verbose")) {
            builder.progress(Progress.to(System.out));
        }
        return builder;
    }

    private static LocalStack startStack() {
        return configuredBuilder("shared").start();
    }

    /** The engine a run asks for with -Dmskcdc.database (MySQL 8.0 by default), for tests that start their own stack. */
    public static String databaseChoice() {
        return System.getProperty(DATABASE_SETTING, DatabaseChoice.DEFAULT);
    }

    private static ExternalMySql externalMySql() {
        return new ExternalMySql(
                required("mskcdc.database.host"),
                Integer.parseInt(required("mskcdc.database.port")),
                required("mskcdc.database.user"),
                System.getProperty("mskcdc.database.password", ""));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new LocalStackException("mskcdc.database=external needs system property " + property);
        }
        return value;
    }
}
