package dev.mskcdc.localstack.connect;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Pause;

/**
 * The recovery from a purged binlog position on a self-hosted worker: stop the connector, delete its offsets
 * (Connect's offsets REST API, KIP-875) and resume it. With no stored position, Debezium takes a new initial
 * snapshot ({@code snapshot.mode=initial}, the reference's) with the reference's locking and isolation settings,
 * then streams from the position read at its start. The configuration is left unchanged. MSK Connect has no
 * offsets API: {@code msk-deploy resnapshot} reaches the same start through {@code snapshot.mode=when_needed}.
 */
public final class Resnapshot {

    private Resnapshot() {}

    public static void run(ConnectRestClient rest, String connector, Duration timeout) {
        rest.stopConnector(connector);
        awaitStopped(rest, connector, timeout);
        rest.resetOffsets(connector);
        rest.resumeConnector(connector);
    }

    /** STOPPED with no tasks left; a task FAILED before the stop does not count as running. */
    private static void awaitStopped(ConnectRestClient rest, String connector, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = rest.status(connector);
        while (!"STOPPED".equals(status.path("connector").path("state").asText())
                || !status.path("tasks").isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("Connector '" + connector + "' did not stop within " + timeout.toSeconds()
                        + " s; last status: " + status);
            }
            Pause.between(Duration.ofMillis(250), "connector '" + connector + "' to stop");
            status = rest.status(connector);
        }
    }
}
