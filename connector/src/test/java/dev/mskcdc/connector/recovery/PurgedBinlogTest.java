package dev.mskcdc.connector.recovery;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.debezium.DebeziumException;
import io.debezium.config.Configuration;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

import dev.mskcdc.connector.retry.RetriableStart;

import static org.assertj.core.api.Assertions.assertThat;

class PurgedBinlogTest {

    /** Debezium 3.6.1's message (BaseSourceTask.validateSchemaHistory), with an offset as MySqlOffsetContext prints it. */
    private static final DebeziumException DEBEZIUM_ERROR = new DebeziumException(
            "The connector is trying to read change stream starting at MySqlOffsetContext [sourceInfoSchema=Schema{...},"
                    + " sourceInfo=BinlogSourceInfo [currentGtid=null, currentBinlogFilename=binlog.000003,"
                    + " currentBinlogPosition=1520, currentRowNumber=0, serverId=0, sourceTime=null, threadId=-1,"
                    + " currentQuery=null, tableIds=[], databaseName=null], snapshotCompleted=false,"
                    + " transactionContext=TransactionContext [currentTransactionId=null, perTableEventCount={},"
                    + " totalEventCount=0], restartGtidSet=3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,"
                    + " currentGtidSet=3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5, restartBinlogFilename=binlog.000003,"
                    + " restartBinlogPosition=1520, restartRowsToSkip=0, restartEventsToSkip=0, currentEventLengthInBytes=0,"
                    + " inTransaction=false, transactionId=null, incrementalSnapshotContext =IncrementalSnapshotContext"
                    + " [windowOpened=false, chunkEndPosition=null, dataCollectionsToSnapshot=[], lastEventKeySent=null,"
                    + " maximumKey=null]], but this is no longer available on the server. Reconfigure the connector to"
                    + " use a snapshot mode when needed.");

    @Test
    void aPurgedPositionNamesTheCauseTheCommandAndWhatConsumersMustDo() {
        RuntimeException explained = PurgedBinlog.explain(DEBEZIUM_ERROR);

        assertThat(explained).isInstanceOf(ConnectException.class).hasCause(DEBEZIUM_ERROR);
        assertThat(explained.getMessage())
                .contains(
                        "no longer on the database server",
                        "purged",
                        "binlog retention hours",
                        "msk-deploy resnapshot",
                        "./local-stack.sh resnapshot",
                        "drop every row of a table that the new snapshot of that table does not contain",
                        "\"Purged binlog\"");
    }

    @Test
    void aPurgedPositionStaysNonRetriableWithTheReferencePattern() throws IOException {
        RuntimeException classified = RetriableStart.classify(PurgedBinlog.explain(DEBEZIUM_ERROR), reference());

        assertThat(classified).isNotInstanceOf(RetriableException.class);
    }

    /** As Debezium 3.6.1 fails a running task whose binlog client was refused (BinlogStreamingChangeEventSource.wrap). */
    private static DebeziumException refusedDump(String serverText) {
        return new DebeziumException(
                serverText + " Error code: 1236; SQLSTATE: HY000.", new IllegalStateException(serverText));
    }

    @Test
    void aRunningTaskRefusedAPurgedPositionIsExplainedToo() {
        for (String serverText : List.of(
                // MySQL 8.0.15's share/errmsg-utf8.txt (ER_MASTER_HAS_PURGED_REQUIRED_GTIDS).
                "Cannot replicate because the master purged required binary logs. Replicate the missing transactions"
                        + " from elsewhere, or provision a new slave from backup.",
                // mysql-server's share/messages_to_clients.txt (ER_SOURCE_HAS_PURGED_REQUIRED_GTIDS, 2024 copyright).
                "Cannot replicate because the source purged required binary logs. Replicate the missing transactions"
                        + " from elsewhere, or provision a new replica from backup. Consider increasing the source's"
                        + " binary log expiration period.",
                "Could not find first log file name in binary log index file")) {
            DebeziumException failure = refusedDump(serverText);

            assertThat(PurgedBinlog.explain(failure))
                    .isInstanceOf(ConnectException.class)
                    .hasCause(failure)
                    .hasMessageContaining("msk-deploy resnapshot");
        }
    }

    @Test
    void otherRefusedDumpsAreLeftAsTheyAre() {
        // Also error 1236, but not a purged position: another reader with the same server id, a failover without GTIDs.
        for (String serverText : List.of(
                "A slave with the same server_uuid/server_id as this slave has connected to the master",
                "log event entry exceeded max_allowed_packet; Increase max_allowed_packet on master")) {
            DebeziumException failure = refusedDump(serverText);

            assertThat(PurgedBinlog.explain(failure)).isSameAs(failure);
        }
    }

    @Test
    void otherStartErrorsAreLeftAsTheyAre() {
        RuntimeException failure = new DebeziumException("Access denied for user 'debezium'@'%'");

        assertThat(PurgedBinlog.explain(failure)).isSameAs(failure);
    }

    private static Configuration reference() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(Path.of("config/msk/connector.properties"))));
        return Configuration.from(properties);
    }
}
