package dev.mskcdc.connector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * msk-deploy against a stand-in {@code aws} that keeps state (src/test/resources/stand-in/aws): a deploy that fails
 * at any call and is run again ends with exactly one plugin, one worker configuration, one log group and one running
 * connector; destroy removes what deploy made and keeps what holds data.
 */
class MskDeployReRunTest {

    private static final Path STAND_IN_AWS = Path.of("src/test/resources/stand-in/aws");

    @TempDir
    Path workDir;

    private Path bin;
    private Path state;

    private DeployScript.Result run(Map<String, String> environment, String... arguments) throws Exception {
        if (bin == null) {
            bin = Files.createDirectories(workDir.resolve("bin"));
            Files.copy(STAND_IN_AWS, bin.resolve("aws"));
            bin.resolve("aws").toFile().setExecutable(true);
            state = workDir.resolve("aws-state");
        }
        Map<String, String> variables = DeployScript.sampleVariables();
        Path zip = workDir.resolve("mskcdc-kit-0.1.0.zip");
        if (!Files.exists(zip)) {
            Files.writeString(zip, "stand-in");
        }
        variables.put("PLUGIN_ZIP", zip.toString());
        Map<String, String> standIn = new HashMap<>(Map.of("AWS_STATE", state.toString()));
        // AWS_* settings steer the stand-in aws; the others are the deploy's own variables.
        environment.forEach((key, value) -> (key.startsWith("AWS_") ? standIn : variables).put(key, value));
        return DeployScript.run(DeployScript.SCRIPT, workDir, variables, bin, standIn, arguments);
    }

    private List<String> resources(String kind) throws IOException {
        try (Stream<Path> files = Files.list(state.resolve(kind))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private void assertDeployed() throws IOException {
        assertThat(resources("custom-plugin")).containsExactly("orders-cdc-plugin-0-1-0");
        assertThat(resources("worker-configuration")).containsExactly("orders-cdc-worker-0-1-0");
        assertThat(resources("log-group")).containsExactly("_aws_msk-connect_orders-cdc");
        assertThat(resources("connector")).containsExactly("orders-cdc");
        assertThat(Files.readString(state.resolve("connector/orders-cdc")).strip())
                .isEqualTo("RUNNING");
    }

    @Test
    void firstDeployCreatesEachResourceOnce() throws Exception {
        DeployScript.Result result = run(Map.of(), "deploy");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertDeployed();
    }

    @ParameterizedTest(name = "deploy fails at {0}, then runs again")
    @ValueSource(
            strings = {
                "s3 cp",
                "kafkaconnect create-custom-plugin",
                "kafkaconnect describe-custom-plugin",
                "kafkaconnect create-worker-configuration",
                "logs describe-log-groups",
                "logs create-log-group",
                "kafkaconnect list-connectors",
                "kafkaconnect create-connector",
                "kafkaconnect describe-connector"
            })
    void deployInterruptedAtAnyCallConvergesWhenRunAgain(String failingCall) throws Exception {
        DeployScript.Result interrupted = run(Map.of("AWS_FAIL_AT", failingCall), "deploy");
        assertThat(interrupted.exitCode())
                .as("the injected failure stops the first run")
                .isNotZero();
        assertThat(interrupted.stderr()).contains("injected by the test");

        DeployScript.Result again = run(Map.of(), "deploy");

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertDeployed();
    }

    @Test
    void aConnectorThatFailedIsDeletedAndCreatedAgainOnReRun() throws Exception {
        assertThat(run(Map.of("AWS_CONNECTOR_STATE", "FAILED"), "deploy").exitCode())
                .isNotZero();

        DeployScript.Result again = run(Map.of(), "deploy");

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr())
                .contains("connector orders-cdc is FAILED: deleting it and creating it again (its offsets are kept)");
        assertDeployed();
    }

    @Test
    void aPluginWhoseCreationFailedIsReplaced() throws Exception {
        assertThat(run(Map.of("AWS_PLUGIN_STATE", "CREATE_FAILED"), "deploy").exitCode())
                .isNotZero();

        DeployScript.Result again = run(Map.of(), "deploy");

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr()).contains("custom plugin orders-cdc-plugin-0-1-0 exists but CREATE_FAILED");
        assertDeployed();
    }

    @Test
    void aRunningDeploymentIsLeftAloneByASecondDeploy() throws Exception {
        assertThat(run(Map.of(), "deploy").exitCode()).isZero();
        long callsAfterFirst = Files.readAllLines(state.resolve("calls.log")).size();

        DeployScript.Result again = run(Map.of(), "deploy");

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr()).contains("connector orders-cdc exists and is RUNNING: nothing to do");
        List<String> secondRun = Files.readAllLines(state.resolve("calls.log")).stream()
                .skip(callsAfterFirst)
                .toList();
        assertThat(secondRun)
                .as("nothing created, uploaded or deleted")
                .noneMatch(call ->
                        call.startsWith("kafkaconnect create") || call.startsWith("s3 cp") || call.contains("delete"));
        assertDeployed();
    }

    @Test
    void aWorkerConfigurationOfTheSameNameWithOtherPropertiesIsNotSilentlyReused() throws Exception {
        assertThat(run(Map.of(), "deploy").exitCode()).isZero();

        DeployScript.Result changed =
                run(Map.of("CONNECTOR_NAME", "orders-cdc", "DATABASE_SECRET", "prod/orders/other"), "deploy");

        assertThat(changed.exitCode()).isNotZero();
        assertThat(changed.stderr())
                .contains(
                        "worker configuration orders-cdc-worker-0-1-0 exists with other properties",
                        "set WORKER_CONFIGURATION_NAME to a new name");
    }

    @Test
    void destroyRemovesWhatDeployMadeAndSaysWhatItKeeps() throws Exception {
        assertThat(run(Map.of(), "deploy").exitCode()).isZero();

        DeployScript.Result destroyed = run(Map.of(), "destroy");

        assertThat(destroyed.exitCode()).as(destroyed.stderr()).isZero();
        assertThat(resources("connector")).isEmpty();
        assertThat(resources("custom-plugin")).isEmpty();
        assertThat(resources("worker-configuration")).isEmpty();
        assertThat(resources("s3")).isEmpty();
        assertThat(resources("log-group")).as("kept").hasSize(1);
        assertThat(destroyed.stderr())
                .contains(
                        "__amazon_msk_connect_offsets_orders-cdc",
                        "orders.schema-history",
                        "delete BOTH, never one",
                        "the log group /aws/msk-connect/orders-cdc",
                        "arn:aws:iam::123456789012:role/orders-cdc-connect");

        DeployScript.Result redeployed = run(Map.of(), "deploy");
        assertThat(redeployed.exitCode())
                .as("destroy leaves nothing that blocks a new deploy")
                .isZero();
        assertDeployed();
    }

    @Test
    void aMixedCaseTopicPrefixIsRefusedWithTheLowerCaseFixBeforeAnyCall() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("TOPIC_PREFIX", "Orders");

        DeployScript.Result result = DeployScript.run(workDir, variables, "--dry-run", "deploy");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains(
                        "TOPIC_PREFIX 'Orders' must be lower case",
                        "IAM matches topic names case-sensitively",
                        "Use TOPIC_PREFIX=orders");
        assertThat(result.awsCalls()).isEmpty();
    }
}
