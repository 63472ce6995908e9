package dev.mskcdc.localstack.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * A loopback HTTP endpoint that answers {@code secretsmanager.GetSecretValue} in the AWS JSON 1.1
 * protocol, so the real AWS SDK in our config provider can run without AWS. It counts the calls
 * per secret, which the API-call benchmark reports.
 */
public final class LocalSecretsManager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";

    private final HttpServer server;
    private final String region;
    private final Map<String, SecretVersion> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private LocalSecretsManager(HttpServer server, String region) {
        this.server = server;
        this.region = region;
    }

    public static LocalSecretsManager start(String region) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LocalSecretsManager secretsManager = new LocalSecretsManager(server, region);
            server.createContext("/", secretsManager::handle);
            server.start();
            return secretsManager;
        } catch (IOException e) {
            throw new LocalStackException("Cannot start the loopback Secrets Manager endpoint: " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String region() {
        return region;
    }

    /**
     * Stores a secret string under {@code name} as a new version (as PutSecretValue and a rotation do: the
     * VersionId changes); it is also reachable by its ARN.
     */
    public void putSecret(String name, String secretString) {
        secrets.merge(
                name,
                new SecretVersion(secretString, 1),
                (previous, first) -> new SecretVersion(secretString, previous.number() + 1));
    }

    /** The VersionId GetSecretValue returns for {@code name} (one per {@link #putSecret}), or null. */
    public String versionIdOf(String name) {
        SecretVersion version = secrets.get(name);
        return version == null ? null : version.versionId();
    }

    private record SecretVersion(String value, int number) {
        String versionId() {
            return String.format("00000000-0000-0000-0000-%012d", number);
        }
    }

    /**
     * The secret string stored under {@code name}, or null; for tests that copy a secret or check that its
     * value never shows up in logs and REST answers. Not counted as a GetSecretValue call.
     */
    public String secretString(String name) {
        SecretVersion version = secrets.get(name);
        return version == null ? null : version.value();
    }

    public String arnOf(String name) {
        return "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name + "-AbCdEf";
    }

    /** GetSecretValue calls made for {@code name} (by name or ARN) so far. */
    public int getSecretValueCalls(String name) {
        AtomicInteger count = calls.get(name);
        return count == null ? 0 : count.get();
    }

    public void resetCallCounts() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                respond(exchange, 400, error("UnknownOperationException", "Only GetSecretValue is served here"));
                return;
            }
            JsonNode request = JSON.readTree(body);
            String secretId = request.path("SecretId").asText("");
            String name = nameOf(secretId);
            calls.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
            SecretVersion version = secrets.get(name);
            if (version == null) {
                respond(
                        exchange,
                        400,
                        error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
                return;
            }
            ObjectNode response = JSON.createObjectNode()
                    .put("ARN", arnOf(name))
                    .put("Name", name)
                    .put("SecretString", version.value())
                    .put("VersionId", version.versionId())
                    .put("CreatedDate", 1.7e9);
            response.putArray("VersionStages").add("AWSCURRENT");
            respond(exchange, 200, response);
        }
    }

    private String nameOf(String secretId) {
        String prefix = "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:";
        if (secretId.startsWith(prefix) && secretId.length() > prefix.length() + 7) {
            return secretId.substring(prefix.length(), secretId.length() - 7);
        }
        return secretId;
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
