package dev.mskcdc.packaging;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack refuses the global read lock as RDS/Aurora do, so Debezium takes its RDS/Aurora path:
 * with its default locking it falls back to table read locks that it cannot release before every row is
 * read (the write blocking SnapshotLockingBenchmark measures). The reference config takes no lock at all.
 */
@ExtendWith(LocalStackExtension.class)
class SnapshotLockingIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void debeziumsDefaultLockingFallsBackToTableLocksHeldForTheWholeSnapshot(LocalStack stack) throws Exception {
        String log = snapshotAndReadLog(stack, "lockmin", Map.of("snapshot.locking.mode", "minimal"));

        assertThat(log)
                .contains(
                        "Unable to flush and acquire global read lock, will use table read locks after reading table names",
                        "Flush and obtain read lock for [lockmin.items, lockmin.debezium_signal] tables (preventing writes)",
                        "Tables were locked explicitly, but to get a consistent snapshot we cannot release the locks until we've read all tables.");
    }

    @Test
    void referenceConfigTakesNoSnapshotLock(LocalStack stack) throws Exception {
        String log = snapshotAndReadLog(stack, "locknone", Map.of());

        assertThat(log)
                .doesNotContain(
                        "Flush and obtain global read lock",
                        "Flush and obtain read lock for",
                        "Unable to flush and acquire global read lock");
    }

    /** Snapshots three rows with a connector of the reference config plus overrides; the worker log of that run. */
    private static String snapshotAndReadLog(LocalStack stack, String database, Map<String, String> overrides)
            throws Exception {
        stack.database()
                .recreateDatabase(
                        database,
                        "CREATE TABLE " + database + ".items (id INT PRIMARY KEY, name VARCHAR(32))",
                        "INSERT INTO " + database + ".items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        long logStart = Files.size(stack.worker().logFile());
        ConnectorSpec spec = ConnectorSpec.of(database, database, database, database + "\\.items")
                .with(overrides);
        try (RunningConnector connector = stack.startConnector(spec)) {
            return Files.readString(stack.worker().logFile()).substring((int) logStart);
        }
    }
}
