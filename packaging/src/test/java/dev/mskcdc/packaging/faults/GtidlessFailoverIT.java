package dev.mskcdc.packaging.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.connector.RegisteredConnector;
import dev.mskcdc.localstack.database.AuroraLockRules;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.database.MySqlServer;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A writer failover where GTIDs are off, as for users who have not turned them on: the connector's stored position
 * is a binlog file and offset of the old writer, which mean something else on the promoted replica, whose binary log
 * is its own. Not silent: the binlog client asks the new writer for that offset, the server refuses it (error 1236)
 * and the task FAILS; the runbook then is the purged-binlog one (a new snapshot). Where the offset falls on an event
 * boundary of the new writer's log, the server would stream from there instead: the test records which happened and
 * fails on silence, i.e. a RUNNING task that loses changes.
 */
class GtidlessFailoverIT {

    private static final Duration WAIT = FaultHarness.WAIT;

    @RegisterExtension
    static final FaultStack FAULTS = new FaultStack("gtidless", GtidlessFailoverIT::mySqlWithoutGtids);

    private static MySqlServer.Builder mySqlWithoutGtids() {
        assumeTrue("mysql".equals(LocalStackExtension.databaseChoice()), "MySQL file-and-position replication");
        return MySqlServer.builder().option("gtid-mode", "OFF").option("enforce-gtid-consistency", "OFF");
    }

    @Test
    void writerFailsOverWithoutGtidsAndTheTaskFailsOnTheOldWritersPosition() throws Exception {
        String scenario = "failover-no-gtids";
        String table = FaultHarness.table(scenario);
        LocalStack stack = FAULTS.stack();
        AuroraLockRules clusterEndpoint = (AuroraLockRules) stack.database();
        LocalServer oldWriter = stack.localServer();
        Replica replica = Replica.withoutGtids(oldWriter, stack.directory().resolve("replica"));
        try {
            replica.awaitCaughtUp(WAIT);
            FAULTS.harness().createTable(table, FaultHarness.SEED_ROWS);
            try (RegisteredConnector connector =
                            stack.registerConnector(stack.worker(), FaultHarness.spec(scenario, Map.of()));
                    TopicReader reader = new TopicReader(
                            stack.kafka().bootstrapServers(), FaultHarness.topic(scenario), "read_uncommitted");
                    ChangeWriter writer = new ChangeWriter(
                            stack.database(), table, FaultHarness.SEED_ROWS, FaultHarness.CHANGES_PER_SECOND)) {
                FaultHarness.awaitSnapshotEnd(connector, reader);
                writer.start();
                writer.awaitCommitted(FaultHarness.FAULT_AFTER, WAIT);
                String oldPosition = Replica.binlogPosition(oldWriter);
                replica.failOverBehind(clusterEndpoint, WAIT);
                String trace = connector.rest().awaitTaskFailed(scenario, WAIT);

                String report = "old writer at " + oldPosition + ", new writer at "
                        + Replica.binlogPosition(replica.server()) + ", task: "
                        + trace.lines()
                                .filter(line -> line.contains("Error code"))
                                .findFirst()
                                .orElse(trace);
                System.out.println("[GtidlessFailoverIT] " + report);
                Files.writeString(
                        Files.createDirectories(Path.of("target", "it-reports")).resolve("fault-failover-no-gtids.txt"),
                        report + "\n");
                assertThat(trace)
                        .as("the new writer refuses the old writer's binlog offset")
                        .contains("Error code: 1236");
            }
        } finally {
            replica.closeWith(clusterEndpoint);
        }
    }
}
