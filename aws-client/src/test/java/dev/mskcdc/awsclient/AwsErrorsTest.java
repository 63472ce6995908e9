package dev.mskcdc.awsclient;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages name the settings where the user writes them; service errors are built as the SDK builds them. */
class AwsErrorsTest {

    private static final String PREFIX = "config.providers.secrets.param.";

    private static AwsErrors errors(String rateAdvice) {
        AwsClientConfig config = new AwsClientConfig(new AbstractConfig(
                AwsClientConfig.configDef("mskcdc-test"),
                Map.of(AwsClientConfig.REGION, "eu-west-1", AwsClientConfig.MAX_ATTEMPTS, "3"),
                false));
        return new AwsErrors(config, "Secrets Manager", "secretsmanager", PREFIX, rateAdvice);
    }

    private static AwsServiceException serviceError(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("Rate exceeded")
                        .build())
                .statusCode(status)
                .requestId("r-1")
                .build();
    }

    @Test
    void throttlingNamesTheRetrySettingsAndTheUsersOwnWayToLowerTheRate() {
        ConfigException error = errors(": values are cached per worker for 'cache.ttl.ms'")
                .translate(
                        serviceError("Throttling", 400),
                        "secret 'prod/db'",
                        "secretsmanager:GetSecretValue",
                        "prod/db");

        assertThat(error)
                .hasMessage(
                        "Secrets Manager throttled the requests for secret 'prod/db' after 3 attempts ('max.attempts'). AWS says: "
                                + "\"Rate exceeded\". Raise 'max.attempts' or 'retry.backoff.ms', or lower the request rate: "
                                + "values are cached per worker for 'cache.ttl.ms'. [Throttling, HTTP 400, request id r-1]")
                .hasNoCause();
    }

    @Test
    void aMissingRegionNamesTheSettingUnderTheUsersPrefix() {
        ConfigException error = errors("")
                .translate(
                        SdkClientException.create("Unable to load region from any of the providers in the chain"),
                        "secret 'prod/db'",
                        "secretsmanager:GetSecretValue",
                        "prod/db");

        assertThat(error)
                .hasMessage(
                        "No AWS region known to read secret 'prod/db': set 'region' (config.providers.secrets.param.region) "
                                + "or AWS_REGION.")
                .hasNoCause();
    }

    @Test
    void anUnreachableEndpointNamesTheServicesVpcEndpoint() {
        ConfigException error = errors("")
                .translate(
                        SdkClientException.create(
                                "connect failed", new java.net.ConnectException("Connection refused")),
                        "secret 'prod/db'",
                        "secretsmanager:GetSecretValue",
                        "prod/db");

        assertThat(error.getMessage())
                .startsWith(
                        "Cannot reach Secrets Manager in region eu-west-1 to read secret 'prod/db' (ConnectException).")
                .contains("com.amazonaws.eu-west-1.secretsmanager");
    }
}
