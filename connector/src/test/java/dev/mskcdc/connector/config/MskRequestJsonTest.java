package dev.mskcdc.connector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kafkaconnect.model.CreateConnectorRequest;
import software.amazon.awssdk.services.kafkaconnect.model.CreateCustomPluginRequest;
import software.amazon.awssdk.services.kafkaconnect.model.CreateWorkerConfigurationRequest;
import software.amazon.awssdk.services.kafkaconnect.model.CustomPluginContentType;
import software.amazon.awssdk.services.kafkaconnect.model.KafkaClusterClientAuthenticationType;
import software.amazon.awssdk.services.kafkaconnect.model.KafkaClusterEncryptionInTransitType;
import software.amazon.awssdk.services.kafkaconnect.model.UpdateConnectorRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request templates as shipped (placeholders and all) match the SDK's kafkaconnect model. */
class MskRequestJsonTest {

    private static final Path MSK = Path.of("config/msk");

    static Map<String, Set<String>> requiredMembers() {
        return SdkModelJsonReader.loadRequiredMembers(Path.of("src/test/resources/kafkaconnect/required-members.txt"));
    }

    /** The request in {@code file}, read strictly against the kafkaconnect model. */
    static <T> T readRequest(Path file, Supplier<? extends SdkBuilder<?, T>> builder) throws IOException {
        return SdkModelJsonReader.read(Files.readString(file), builder, requiredMembers());
    }

    @Test
    void createConnectorTemplateUsesConnect37ProvisionedOneWorkerIamTlsAndCloudWatchLogs() throws Exception {
        CreateConnectorRequest request =
                readRequest(MSK.resolve("create-connector.json"), CreateConnectorRequest::builder);

        assertThat(request.kafkaConnectVersion()).isEqualTo("3.7.x");
        assertThat(request.capacity().autoScaling())
                .as("autoscaling overrides tasks.max, Debezium runs one task")
                .isNull();
        assertThat(request.capacity().provisionedCapacity().workerCount()).isEqualTo(1);
        assertThat(request.kafkaClusterClientAuthentication().authenticationType())
                .isEqualTo(KafkaClusterClientAuthenticationType.IAM);
        assertThat(request.kafkaClusterEncryptionInTransit().encryptionType())
                .isEqualTo(KafkaClusterEncryptionInTransitType.TLS);
        assertThat(request.logDelivery().workerLogDelivery().cloudWatchLogs().enabled())
                .isTrue();
        assertThat(request.plugins()).hasSize(1);
        assertThat(request.plugins().get(0).customPlugin().customPluginArn()).isEqualTo("{{CUSTOM_PLUGIN_ARN}}");
        assertThat(request.workerConfiguration().workerConfigurationArn()).isEqualTo("{{WORKER_CONFIGURATION_ARN}}");
        assertThat(request.connectorConfiguration())
                .as("filled by msk-deploy from connector.properties")
                .isEmpty();
    }

    @Test
    void updateConnectorTemplateChangesOnlyTheConfigurationOfTheVersionItRead() throws Exception {
        UpdateConnectorRequest request =
                readRequest(MSK.resolve("update-connector.json"), UpdateConnectorRequest::builder);

        assertThat(request.connectorArn()).isEqualTo("{{CONNECTOR_ARN}}");
        assertThat(request.currentVersion()).isEqualTo("{{CURRENT_VERSION}}");
        assertThat(request.capacity())
                .as("one of configuration or capacity per UpdateConnector call")
                .isNull();
        assertThat(request.connectorConfiguration())
                .as("filled by msk-deploy from connector.properties")
                .isEmpty();
    }

    @Test
    void createCustomPluginTemplateIsAZipFromS3() throws Exception {
        CreateCustomPluginRequest request =
                readRequest(MSK.resolve("create-custom-plugin.json"), CreateCustomPluginRequest::builder);

        assertThat(request.contentType()).isEqualTo(CustomPluginContentType.ZIP);
        assertThat(request.location().s3Location().bucketArn()).isEqualTo("arn:aws:s3:::{{S3_BUCKET}}");
    }

    @Test
    void createWorkerConfigurationTemplateTakesTheBase64Properties() throws Exception {
        CreateWorkerConfigurationRequest request =
                readRequest(MSK.resolve("create-worker-configuration.json"), CreateWorkerConfigurationRequest::builder);

        assertThat(request.propertiesFileContent()).isEqualTo("{{WORKER_PROPERTIES_BASE64}}");
    }

    @Test
    void unknownMemberIsRejected() {
        assertThatThrownBy(() -> SdkModelJsonReader.read(
                        "{\"name\": \"w\", \"propertiesFileContent\": \"eA==\", \"propertiesFile\": \"x\"}",
                        CreateWorkerConfigurationRequest::builder,
                        requiredMembers()))
                .hasMessageContaining("$.propertiesFile: unknown member");
    }

    @Test
    void missingRequiredMemberIsRejectedWithItsPath() {
        assertThatThrownBy(() -> SdkModelJsonReader.read(
                        "{\"name\": \"p\", \"contentType\": \"ZIP\", \"location\": {\"s3Location\": {\"bucketArn\": \"arn:aws:s3:::b\"}}}",
                        CreateCustomPluginRequest::builder,
                        requiredMembers()))
                .hasMessageContaining("$.location.s3Location.fileKey: required by the API but missing");
    }

    @Test
    void wrongJsonTypeIsRejected() {
        assertThatThrownBy(() -> SdkModelJsonReader.read(
                        "{\"name\": \"w\", \"propertiesFileContent\": 42}",
                        CreateWorkerConfigurationRequest::builder,
                        requiredMembers()))
                .hasMessageContaining("$.propertiesFileContent: expected a string");
    }

    @Test
    void requiredMembersListNamesOnlyRealModelMembers() {
        // A stale entry would be reported by the reader itself; read a request touching every listed class.
        String everything = """
                {"connectorName": "c", "kafkaConnectVersion": "3.7.x", "serviceExecutionRoleArn": "r",
                 "connectorConfiguration": {},
                 "capacity": {"provisionedCapacity": {"mcuCount": 1, "workerCount": 1},
                              "autoScaling": {"maxWorkerCount": 2, "mcuCount": 1, "minWorkerCount": 1,
                                              "scaleInPolicy": {"cpuUtilizationPercentage": 20},
                                              "scaleOutPolicy": {"cpuUtilizationPercentage": 80}}},
                 "kafkaCluster": {"apacheKafkaCluster": {"bootstrapServers": "b", "vpc": {"subnets": ["s"]}}},
                 "kafkaClusterClientAuthentication": {"authenticationType": "IAM"},
                 "kafkaClusterEncryptionInTransit": {"encryptionType": "TLS"},
                 "plugins": [{"customPlugin": {"customPluginArn": "a", "revision": 1}}],
                 "workerConfiguration": {"workerConfigurationArn": "w", "revision": 1},
                 "logDelivery": {"workerLogDelivery": {"cloudWatchLogs": {"enabled": true},
                                                       "firehose": {"enabled": false},
                                                       "s3": {"enabled": false}}}}
                """;
        assertThat(SdkModelJsonReader.read(everything, CreateConnectorRequest::builder, requiredMembers())
                        .connectorName())
                .isEqualTo("c");
    }
}
