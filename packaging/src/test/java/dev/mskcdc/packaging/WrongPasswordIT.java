package dev.mskcdc.packaging;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A connector whose secret holds the wrong database password is refused with the real cause. */
@ExtendWith(LocalStackExtension.class)
class WrongPasswordIT {

    private static final String SECRET = "mskcdc/it/wrong-password";
    private static final String WRONG_PASSWORD = "not-the-password-5f2c9a";

    private static LocalStack stack;
    private static ConnectorSpec spec;
    private static Map<String, String> config;

    @BeforeAll
    static void storeWrongSecret(LocalStack localStack) {
        stack = localStack;
        stack.secretsManager()
                .putSecret(
                        SECRET,
                        "{\"username\":\"" + LocalStack.CONNECTOR_USER + "\",\"password\":\"" + WRONG_PASSWORD + "\"}");
        spec = ConnectorSpec.of("wrong-password", "wrongpw", "wrongpw", "wrongpw\\..*")
                .with("database.user", "${secretsmanager:" + SECRET + ":username}")
                .with("database.password", "${secretsmanager:" + SECRET + ":password}");
        config = stack.connectorConfig(spec);
    }

    @Test
    void validationReportsAccessDeniedOnTheConnectionSettings() {
        ConnectRestClient.Response response = stack.worker().rest().validate(config.get("connector.class"), config);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("error_count").asInt()).isPositive();
        assertThat(response.validationErrors()).contains("Access denied for user 'debezium'");
        assertThat(response.body()).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void creatingTheConnectorAnswers400WithTheCauseNotANullPointerException() {
        ConnectRestClient.Response response = stack.worker().rest().put("/connectors/wrong-password/config", config);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body())
                .contains("Access denied for user 'debezium'")
                .doesNotContain("NullPointerException")
                .doesNotContain(WRONG_PASSWORD);
        assertThat(stack.worker().rest().get("/connectors/wrong-password").status())
                .isEqualTo(404);
    }

    @Test
    void debeziumsOwnClassHitsTheConnect37BugOurClassAvoids() {
        Map<String, String> withDebeziumClass =
                stack.connectorConfig(spec.with("connector.class", "io.debezium.connector.mysql.MySqlConnector"));

        ConnectRestClient.Response response =
                stack.worker().rest().put("/connectors/wrong-password-upstream/config", withDebeziumClass);

        // Pinned to Connect 3.7.2 (KAFKA-20693): if this starts answering 400, the subclass can go.
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("ConfigInfo.configValue()\\\" is null");
    }
}
