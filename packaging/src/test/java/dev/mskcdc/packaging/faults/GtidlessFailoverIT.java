package dev.mskcdc.packaging.faults;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.database.AuroraLockRules;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.database.MySqlServer;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Probe: writer failover with GTIDs off. */
class GtidlessFailoverIT {

    private static LocalStack stack;
    private static FaultHarness harness;

    @BeforeAll
    static void startStack() {
        assumeTrue("mysql".equals(LocalStackExtension.databaseChoice()), "MySQL replication");
        stack = LocalStackExtension.configuredBuilder("gtidless")
                .localServer(MySqlServer.builder()
                        .option("gtid-mode", "OFF")
                        .option("enforce-gtid-consistency", "OFF")
                        .option("innodb-flush-log-at-trx-commit", "2")
                        .option("sync-binlog", "0"))
                .start();
        stack.database().execute("DROP DATABASE IF EXISTS faults", "CREATE DATABASE faults");
        harness = new FaultHarness(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void probe() throws Exception {
        String scenario = "failover-no-gtids";
        AuroraLockRules clusterEndpoint = (AuroraLockRules) stack.database();
        LocalServer oldWriter = stack.localServer();
        Replica replica = Replica.withoutGtids(oldWriter, stack.directory().resolve("replica"));
        try {
            replica.awaitCaughtUpWith(oldWriter, FaultHarness.WAIT);
            try {
                FaultReport report =
                        harness.streamThrough(scenario, stack.worker(), Map.of(), "read_uncommitted", writer -> {
                            System.out.println("[gtidless] old writer at " + Replica.binlogPosition(oldWriter));
                            clusterEndpoint.failOverTo(replica.server(), () -> {
                                try {
                                    replica.awaitCaughtUpWith(oldWriter, FaultHarness.WAIT);
                                } catch (java.sql.SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                                oldWriter.stop();
                                replica.promote();
                            });
                            System.out.println("[gtidless] new writer at " + Replica.binlogPosition(replica.server()));
                        });
                report.write();
                System.out.println("[gtidless] report " + report.check().lost() + " lost");
            } catch (Throwable e) {
                System.out.println("[gtidless] failed: " + e);
                System.out.println("[gtidless] status " + stack.worker().rest().status(scenario));
            }
        } finally {
            if (clusterEndpoint.server() != replica.server()) {
                replica.server().close();
            }
            oldWriter.close();
        }
    }
}
