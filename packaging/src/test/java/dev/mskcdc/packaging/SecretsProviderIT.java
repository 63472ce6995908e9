package dev.mskcdc.packaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Secrets Manager provider end to end: declared in the worker configuration, it resolves the reference
 * connector's database credentials; the connector captures a row; the password shows up in no REST answer
 * and no line of the worker's log; a missing key and a secret outside the allowlist are refused with
 * messages that name the problem.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsProviderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTOR = "secrets-provider";
    private static final String PREFIX = "secp";
    private static final String TOPIC = "secp.secretsit.accounts";
    private static final String USER_PLACEHOLDER = "${secretsmanager:" + LocalStack.DATABASE_SECRET + ":username}";
    private static final String PASSWORD_PLACEHOLDER = "${secretsmanager:" + LocalStack.DATABASE_SECRET + ":password}";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalStack stack;
    private static ConnectRestClient rest;

    @AutoClose
    private static RunningConnector connector;

    private static String password;

    @BeforeAll
    static void startConnector(LocalStack localStack) throws Exception {
        stack = localStack;
        rest = stack.worker().rest();
        password = JSON.readTree(stack.secretsManager().secretString(LocalStack.DATABASE_SECRET))
                .path("password")
                .asText();
        assertThat(password).as("the stack's database password").isNotBlank();
        stack.database()
                .recreateDatabase(
                        "secretsit",
                        "CREATE TABLE secretsit.accounts (id INT PRIMARY KEY, owner VARCHAR(64) NOT NULL)");
        connector = stack.startConnector(
                ConnectorSpec.of(CONNECTOR, PREFIX, "secretsit", "secretsit\\.accounts"),
                RunningConnector.Await.RUNNING);
    }

    @Test
    @Order(1)
    void workerDeclaresTheProviderFromThePlugin() {
        Map<String, String> workerConfig = stack.worker().config();

        assertThat(workerConfig)
                .containsEntry("config.providers", "secretsmanager")
                .containsEntry(
                        "config.providers.secretsmanager.class",
                        "dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider")
                .containsEntry("config.providers.secretsmanager.param.region", LocalStack.REGION)
                .containsEntry(
                        "config.providers.secretsmanager.param.endpoint",
                        stack.secretsManager().endpoint());
        assertThat(stack.secretsManager().getSecretValueCalls(LocalStack.DATABASE_SECRET))
                .as("GetSecretValue calls for the connector's secret")
                .isPositive();
    }

    @Test
    @Order(2)
    void connectorWithCredentialsFromTheProviderCapturesARow() {
        stack.database().execute("INSERT INTO secretsit.accounts VALUES (1, 'Ada')");

        List<ChangeEvent> events;
        try (ChangeEventConsumer consumer =
                new ChangeEventConsumer(stack.kafka().bootstrapServers(), Pattern.compile(Pattern.quote(TOPIC)))) {
            events = consumer.pollUntil(received -> !received.isEmpty(), WAIT);
        }

        assertThat(events).isNotEmpty();
        assertThat(events.get(0).keyPayload().path("id").asInt()).isEqualTo(1);
        assertThat(events.get(0).after().path("owner").asText()).isEqualTo("Ada");
    }

    @Test
    @Order(3)
    void restShowsThePlaceholdersNotTheValues() {
        JsonNode config = rest.config(CONNECTOR);

        assertThat(config.path("database.user").asText()).isEqualTo(USER_PLACEHOLDER);
        assertThat(config.path("database.password").asText()).isEqualTo(PASSWORD_PLACEHOLDER);
        assertThat(config.toString()).doesNotContain(password);
    }

    @Test
    @Order(4)
    void passwordIsInNoRestAnswer() {
        for (String path : List.of(
                "/connectors/" + CONNECTOR,
                "/connectors/" + CONNECTOR + "/config",
                "/connectors/" + CONNECTOR + "/status",
                "/connectors/" + CONNECTOR + "/tasks",
                "/connectors/" + CONNECTOR + "/tasks/0/status",
                "/connectors?expand=status&expand=info")) {
            ConnectRestClient.Response response = rest.get(path);

            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(password);
        }
        // The task configuration is generated from the resolved connector configuration; Connect stores and
        // shows it with the placeholders put back.
        JsonNode taskConfig =
                rest.get("/connectors/" + CONNECTOR + "/tasks").json().path(0).path("config");
        assertThat(taskConfig.path("database.password").asText()).isEqualTo(PASSWORD_PLACEHOLDER);
    }

    @Test
    @Order(5)
    void passwordIsInNoLineOfTheWorkerLog() {
        String log = WorkerLog.all(stack.worker().logFile());

        assertThat(log).as("the worker log").contains(CONNECTOR).contains("SecretsManagerConfigProvider");
        assertThat(log).as("the worker log " + stack.worker().logFile()).doesNotContain(password);
    }

    @Test
    @Order(6)
    void missingKeyIsRefusedNamingTheKeyAndTheAvailableKeyNames() {
        Map<String, String> config = stack.connectorConfig(
                ConnectorSpec.of("secrets-missing-key", "secp-missing", "secretsit", "secretsit\\.accounts")
                        .with("database.password", "${secretsmanager:" + LocalStack.DATABASE_SECRET + ":passwrd}"));

        ConnectRestClient.Response validation = rest.validate(config.get("connector.class"), config);
        ConnectRestClient.Response creation = rest.put("/connectors/secrets-missing-key/config", config);

        System.out.println("[SecretsProviderIT] missing key: validate answered HTTP " + validation.status()
                + ", create answered HTTP " + creation.status() + ": " + creation.body());
        for (ConnectRestClient.Response response : List.of(validation, creation)) {
            assertThat(response.isSuccess()).as(response.body()).isFalse();
            assertThat(response.body())
                    .contains("has no key 'passwrd'")
                    .contains(LocalStack.DATABASE_SECRET)
                    .contains("username")
                    .contains("password")
                    .doesNotContain(password);
        }
        assertThat(rest.get("/connectors/secrets-missing-key").status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void secretOutsideTheWorkersAllowlistIsRefused() {
        Map<String, String> config = stack.connectorConfig(
                ConnectorSpec.of("secrets-not-allowed", "secp-allow", "secretsit", "secretsit\\.accounts"));
        try (ConnectWorker restricted = stack.startAnotherWorker(
                "secrets-allowlist", Map.of("config.providers.secretsmanager.param.allowlist", "mskcdc/prod/*"))) {
            ConnectRestClient.Response creation =
                    restricted.rest().put("/connectors/secrets-not-allowed/config", config);

            System.out.println("[SecretsProviderIT] outside the allowlist: create answered HTTP " + creation.status()
                    + ": " + creation.body());
            assertThat(creation.isSuccess()).as(creation.body()).isFalse();
            assertThat(creation.body())
                    .contains("'" + LocalStack.DATABASE_SECRET + "' is not in this provider's 'allowlist'")
                    .contains("mskcdc/prod/*")
                    .doesNotContain(password);
            assertThat(restricted.rest().get("/connectors/secrets-not-allowed").status())
                    .isEqualTo(404);
            assertThat(WorkerLog.all(restricted.logFile())).doesNotContain(password);
        }
    }
}
