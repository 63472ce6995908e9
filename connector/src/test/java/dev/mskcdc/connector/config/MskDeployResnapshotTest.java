package dev.mskcdc.connector.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kafkaconnect.model.UpdateConnectorRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code msk-deploy resnapshot}, the recovery from a purged binlog position on MSK Connect: the reference
 * configuration plus {@code snapshot.mode=when_needed}, sent with UpdateConnector. What Debezium then does with it
 * is tested on a real worker by PurgedBinlogIT (packaging), which sends the same configuration.
 */
class MskDeployResnapshotTest {

    private static final String CONNECTOR_ARN = "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/abc";

    @TempDir
    Path workDir;

    @Test
    void dryRunUpdatesTheReferenceConfigurationWithSnapshotModeWhenNeededAndWaitsForTheOperation() throws Exception {
        DeployScript.Result result =
                DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "resnapshot");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.awsOperations())
                .containsExactly(
                        "kafkaconnect list-connectors",
                        "kafkaconnect describe-connector",
                        "kafkaconnect describe-connector",
                        "kafkaconnect describe-connector",
                        "kafkaconnect update-connector",
                        "kafkaconnect describe-connector-operation");
        UpdateConnectorRequest request =
                DeployScript.request(workDir, "update-connector.json", UpdateConnectorRequest::builder);
        assertThat(request.connectorConfiguration())
                .containsEntry("snapshot.mode", "when_needed")
                .containsEntry("snapshot.locking.mode", "none")
                .containsEntry("database.initial.statements", "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
                .containsEntry("topic.prefix", "orders")
                .containsEntry("table.include.list", "orders.orders,orders.order_lines");
        assertThat(Files.readAllLines(workDir.resolve("out/connector.properties")))
                .contains("snapshot.mode=when_needed");
    }

    @Test
    void sendsTheUpdateAndReportsWhatConsumersMustDoOnceTheOperationCompletes() throws Exception {
        Path bin = awsWithTheConnector("RUNNING", """
                  *topic.prefix*) echo orders ;;
                  *currentVersion*) echo V7 ;;
                  *update-connector*) echo arn:op ;;
                  *describe-connector-operation*) echo UPDATE_COMPLETE ;;
                """);

        DeployScript.Result result = resnapshot(bin);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readString(bin.resolve("aws.calls")))
                .contains("update-connector --cli-input-json file://" + workDir.resolve("out/update-connector.json"));
        assertThat(Files.readString(workDir.resolve("out/update-connector.json")))
                .contains("\"currentVersion\": \"V7\"", "\"connectorArn\": \"" + CONNECTOR_ARN + "\"");
        assertThat(result.stderr())
                .contains(
                        "snapshots every table again",
                        "drop the rows of a table its new snapshot did not contain",
                        "\"Purged binlog\"");
    }

    @Test
    void aFailedConnectorIsNotUpdatedAndTheFixIsNamed() throws Exception {
        Path bin = awsWithTheConnector("FAILED", "");

        DeployScript.Result result = resnapshot(bin);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("connector orders-cdc is FAILED", "Run msk-deploy deploy", "then resnapshot");
        assertThat(Files.readString(bin.resolve("aws.calls"))).doesNotContain("update-connector");
    }

    @Test
    void aReferenceThatSetsSnapshotModeItselfIsRefusedBeforeAnyCall() throws Exception {
        Path configDir = workDir.resolve("config");
        copyTree(Path.of("config"), configDir);
        Files.writeString(
                configDir.resolve("msk/connector.properties"),
                Files.readString(configDir.resolve("msk/connector.properties")) + "snapshot.mode=initial\n");

        DeployScript.Result result = DeployScript.run(
                workDir,
                DeployScript.sampleVariables(),
                "--dry-run",
                "--config-dir",
                configDir.toString(),
                "resnapshot");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("sets snapshot.mode itself", "remove that line first");
        assertThat(result.awsCalls()).isEmpty();
    }

    private DeployScript.Result resnapshot(Path bin) throws Exception {
        return DeployScript.run(DeployScript.SCRIPT, workDir, DeployScript.sampleVariables(), bin, "resnapshot");
    }

    /** A stand-in AWS CLI (see {@link DeployScript#awsWithTheConnector}) that finds the connector in {@code state}. */
    private Path awsWithTheConnector(String state, String moreCases) throws Exception {
        return DeployScript.awsWithTheConnector(
                workDir, CONNECTOR_ARN, "  *connectorState*) echo " + state + " ;;\n" + moreCases);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
