package dev.mskcdc.localstack.connect;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Pause;

/** The parts of Kafka Connect's REST API the stack and its tests use. */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An HTTP answer: the status and the body, parsed as JSON when it is JSON. */
    public record Response(int status, String body) {

        public JsonNode json() {
            try {
                return body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** Every error of a {@code PUT /connector-plugins/<class>/config/validate} answer, one per line. */
        public String validationErrors() {
            StringBuilder all = new StringBuilder();
            json().path("configs")
                    .forEach(entry -> entry.path("value")
                            .path("errors")
                            .forEach(error -> all.append(error.asText()).append('\n')));
            return all.toString();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(jsonBody(body)).header("Content-Type", "application/json"));
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(jsonBody(body)).header("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Creates the connector, or replaces its configuration; fails with Connect's message if refused. */
    public void putConnector(String name, Map<String, String> config) {
        Response response = put("/connectors/" + encode(name) + "/config", config);
        if (!response.isSuccess()) {
            throw new LocalStackException(
                    "Connect refused connector '" + name + "' (HTTP " + response.status() + "): " + response.body());
        }
    }

    public Response validate(String connectorClass, Map<String, String> config) {
        return put("/connector-plugins/" + encode(connectorClass) + "/config/validate", config);
    }

    public JsonNode status(String name) {
        return get("/connectors/" + encode(name) + "/status").json();
    }

    public JsonNode config(String name) {
        return get("/connectors/" + encode(name) + "/config").json();
    }

    public void deleteConnector(String name) {
        Response response = delete("/connectors/" + encode(name));
        if (!response.isSuccess() && response.status() != 404) {
            throw new LocalStackException("Cannot delete connector '" + name + "': " + response.body());
        }
    }

    /** Stops the connector and its tasks, keeping its offsets (Connect 3.5+). */
    public void stopConnector(String name) {
        Response response = put("/connectors/" + encode(name) + "/stop", null);
        if (!response.isSuccess()) {
            throw new LocalStackException("Cannot stop connector '" + name + "': " + response.body());
        }
    }

    /**
     * Deletes the offsets of a STOPPED connector (KIP-875, Connect 3.6+): Connect writes a tombstone for every
     * source partition the connector stored, so its next start finds no offsets.
     */
    public void resetOffsets(String name) {
        Response response = delete("/connectors/" + encode(name) + "/offsets");
        if (!response.isSuccess()) {
            throw new LocalStackException("Cannot reset the offsets of connector '" + name + "' (HTTP "
                    + response.status() + "): " + response.body());
        }
    }

    /**
     * Replaces the connector's configuration so that its next task runs with it: stopped first, the connector has no
     * task at all, so RUNNING after the resume is the new task's. Right after a plain PUT the status may still show
     * the OLD task RUNNING (on MSK: poll DescribeConnectorOperation).
     */
    public void reconfigure(String name, Map<String, String> config, Duration timeout) {
        stopConnector(name);
        awaitState(name, "STOPPED", timeout);
        putConnector(name, config);
        resumeConnector(name);
        awaitRunning(name, timeout);
    }

    /** Pauses the connector's tasks: they stay assigned but Connect stops polling them (back-pressure). */
    public void pauseConnector(String name) {
        Response response = put("/connectors/" + encode(name) + "/pause", null);
        if (!response.isSuccess()) {
            throw new LocalStackException("Cannot pause connector '" + name + "': " + response.body());
        }
    }

    public void resumeConnector(String name) {
        Response response = put("/connectors/" + encode(name) + "/resume", null);
        if (!response.isSuccess()) {
            throw new LocalStackException("Cannot resume connector '" + name + "': " + response.body());
        }
    }

    /** Waits until the connector and all its tasks run; fails at once with the trace if one failed. */
    public void awaitRunning(String name, Duration timeout) {
        awaitState(name, "RUNNING", timeout);
    }

    public void awaitState(String name, String state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = MissingNode.getInstance();
        while (Instant.now().isBefore(deadline)) {
            status = status(name);
            failOnFailedState(name, status);
            if (state.equals(status.path("connector").path("state").asText()) && allTasksIn(status, state)) {
                return;
            }
            Pause.between(Duration.ofMillis(500), "connector '" + name + "' to reach " + state);
        }
        throw new LocalStackException("Connector '" + name + "' did not reach " + state + " within "
                + timeout.toSeconds() + " s; last status: " + status);
    }

    /**
     * Waits until the connector's first task is FAILED (not merely not RUNNING) and returns its trace; fails with
     * the task's last status if it does not fail within {@code timeout}.
     */
    public String awaitTaskFailed(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode task = MissingNode.getInstance();
        while (Instant.now().isBefore(deadline)) {
            task = status(name).path("tasks").path(0);
            if ("FAILED".equals(task.path("state").asText())) {
                return task.path("trace").asText();
            }
            Pause.between(Duration.ofMillis(250), "the task of connector '" + name + "' to fail");
        }
        throw new LocalStackException("The task of connector '" + name + "' did not fail within " + timeout.toSeconds()
                + " s; last status: " + task);
    }

    private static boolean allTasksIn(JsonNode status, String state) {
        JsonNode tasks = status.path("tasks");
        if ("STOPPED".equals(state)) {
            return tasks.isEmpty();
        }
        if (tasks.isEmpty()) {
            return false;
        }
        for (JsonNode task : tasks) {
            if (!state.equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static void failOnFailedState(String name, JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new LocalStackException("Connector '" + name + "' failed: "
                    + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new LocalStackException("Task " + task.path("id").asText() + " of connector '" + name
                        + "' failed: " + task.path("trace").asText());
            }
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new LocalStackException("Kafka Connect at " + baseUrl + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while calling Kafka Connect", e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new LocalStackException("Cannot write request body: " + e.getMessage(), e);
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
