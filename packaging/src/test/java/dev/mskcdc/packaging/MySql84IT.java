package dev.mskcdc.packaging;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.database.TestcontainersMySql;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ZIP against real MySQL 8.4 (Testcontainers), for the fidelity MariaDB cannot give. Needs a Docker
 * engine: without one it is reported as skipped, never as passed.
 */
class MySql84IT {

    @Test
    void snapshotAndStreamingOnMySql84() {
        assumeTrue(TestcontainersMySql.dockerAvailable(), "no Docker engine answers: MySQL 8.4 test skipped");

        try (LocalStack stack = LocalStackExtension.configuredBuilder("mysql84")
                .database(TestcontainersMySql::start)
                .start()) {
            stack.database()
                    .recreateDatabase(
                            "fidelity",
                            "CREATE TABLE fidelity.items (id INT PRIMARY KEY, label VARCHAR(32)) COLLATE utf8mb4_0900_ai_ci",
                            "INSERT INTO fidelity.items VALUES (1, 'one')");
            try (RunningConnector connector =
                    stack.startConnector(ConnectorSpec.of("mysql84", "my84", "fidelity", "fidelity\\.items"))) {
                ChangeEventConsumer events = connector.events();
                stack.database().execute("INSERT INTO fidelity.items VALUES (2, 'two')");
                List<ChangeEvent> received = events.pollUntil(all -> all.size() >= 2, Duration.ofSeconds(120));
                assertThat(received).extracting(ChangeEvent::op).containsExactly("r", "c");
                assertThat(received.get(1).after().path("label").asText()).isEqualTo("two");
            }
        }
    }
}
