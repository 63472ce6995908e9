package dev.mskcdc.connector.retry;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

import io.debezium.DebeziumException;
import io.debezium.config.Configuration;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Start errors classified with the reference configuration's own internal.custom.retriable.exception. */
class RetriableStartTest {

    @Test
    void aConnectionFailureAtStartBecomesRetriable() throws IOException {
        RuntimeException failure = new DebeziumException(
                "Error reading MySQL variables: Communications link failure",
                new SQLException("Communications link failure\n\nThe last packet successfully received..."));

        RuntimeException classified = RetriableStart.classify(failure, reference());

        assertThat(classified).isInstanceOf(RetriableException.class).hasCause(failure);
        assertThat(classified.getMessage()).contains("internal.custom.retriable.exception");
    }

    @Test
    void aRefusedPasswordAtStartStillFailsTheTask() throws IOException {
        RuntimeException failure = new DebeziumException(
                "Error reading MySQL variables: Access denied for user 'debezium'@'localhost' (using password: YES)",
                new SQLException("Access denied for user 'debezium'@'localhost' (using password: YES)"));

        assertThat(RetriableStart.classify(failure, reference())).isSameAs(failure);
    }

    @Test
    void withoutThePatternNothingChanges() {
        RuntimeException failure = new DebeziumException("Communications link failure");

        assertThat(RetriableStart.classify(failure, Configuration.empty())).isSameAs(failure);
    }

    @Test
    void anInvalidPatternKeepsTheStartErrorAndAttachesWhyItWasNotRetried() {
        RuntimeException failure = new DebeziumException("Communications link failure");
        Configuration invalid = Configuration.create()
                .with("internal.custom.retriable.exception", "(unclosed")
                .build();

        RuntimeException classified = RetriableStart.classify(failure, invalid);

        assertThat(classified).isSameAs(failure);
        assertThat(classified.getSuppressed()).hasSize(1);
    }

    private static Configuration reference() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(Path.of("config/msk/connector.properties"))));
        assertThat(properties.getProperty("internal.custom.retriable.exception"))
                .isNotBlank();
        return Configuration.from(properties);
    }
}
