package dev.mskcdc.connector.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code msk-deploy restart}: RestartConnector on the running connector, waited for until it ends. */
class MskDeployRestartTest {

    private static final String CONNECTOR_ARN = "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/abc";
    private static final String OPERATION_ARN =
            "arn:aws:kafkaconnect:eu-west-1:123456789012:connector-operation/orders-cdc/abc/op1";

    @TempDir
    Path workDir;

    @Test
    void dryRunPrintsTheRestartOfOnlyTheFailedTasks() throws Exception {
        DeployScript.Result result =
                DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "restart", "failed-tasks");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String dryRunConnector = "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/dry-run";
        assertThat(result.awsCalls())
                .containsExactly(
                        "aws kafkaconnect list-connectors --connector-name-prefix orders-cdc --query connectors\\[\\?connectorName==\\'orders-cdc\\'\\].connectorArn\\ \\|\\ \\[0\\] --output text",
                        "aws kafkaconnect describe-connector --connector-arn " + dryRunConnector
                                + " --query connectorState --output text",
                        "aws kafkaconnect restart-connector --connector-arn " + dryRunConnector
                                + " --only-failed-tasks --query connectorOperationArn --output text",
                        "aws kafkaconnect describe-connector-operation --connector-operation-arn"
                                + " arn:aws:kafkaconnect:eu-west-1:123456789012:connector-operation/orders-cdc/dry-run"
                                + " --query connectorOperationState --output text");
    }

    @Test
    void restartsTheConnectorAndItsTasksAndWaitsUntilTheOperationCompletes() throws Exception {
        Path bin = DeployScript.scriptedAws(workDir, operationThatEndsIn("RESTART_COMPLETE"));

        DeployScript.Result result = restart(bin);

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(Files.readString(bin.resolve("aws.restart")))
                .contains("--connector-arn " + CONNECTOR_ARN + " --no-only-failed-tasks");
        assertThat(Files.readString(bin.resolve("aws.count")).strip())
                .as("polled until the operation ended")
                .isEqualTo("3");
        assertThat(result.stderr()).contains("connector orders-cdc restarted (operation RESTART_COMPLETE)");
    }

    @Test
    void aFailedOperationFailsWithTheCommandToSeeWhy() throws Exception {
        Path bin = DeployScript.scriptedAws(workDir, operationThatEndsIn("RESTART_FAILED"));

        DeployScript.Result result = restart(bin);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(
                        "the restart of connector orders-cdc failed: operation RESTART_FAILED",
                        "describe-connector-operation --connector-operation-arn " + OPERATION_ARN);
    }

    @Test
    void aConnectorThatIsNotRunningIsRefusedBeforeAnyRestart() throws Exception {
        Path bin = DeployScript.scriptedAws(workDir, """
                case "$*" in
                  *list-connectors*) echo %s ;;
                  *connectorState*) echo FAILED ;;
                  *) echo "unexpected: $*" >&2; exit 9 ;;
                esac
                """.formatted(CONNECTOR_ARN));

        DeployScript.Result result = restart(bin);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("connector orders-cdc is FAILED: RestartConnector needs it RUNNING")
                .doesNotContain("unexpected");
    }

    private DeployScript.Result restart(Path bin) throws Exception {
        return DeployScript.run(
                DeployScript.SCRIPT,
                workDir,
                DeployScript.sampleVariables(),
                bin,
                Map.of("MSK_DEPLOY_POLL_SECONDS", "0"),
                "restart");
    }

    /** A stand-in AWS CLI: the connector RUNNING, its restart operation in progress twice, then {@code end}. */
    private static String operationThatEndsIn(String end) {
        return """
                case "$*" in
                  *list-connectors*) echo %s ;;
                  *connectorState*) echo RUNNING ;;
                  *restart-connector*) echo "$*" > "$0.restart"; echo %s ;;
                  *describe-connector-operation*)
                    n=$(cat "$0.count" 2>/dev/null || echo 0); echo $((n + 1)) > "$0.count"
                    if [ "$n" -lt 2 ]; then echo RESTART_IN_PROGRESS; else echo %s; fi ;;
                  *) echo "unexpected: $*" >&2; exit 9 ;;
                esac
                """.formatted(CONNECTOR_ARN, OPERATION_ARN, end);
    }
}
