package dev.mskcdc.localstack.cloudwatch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Pause;

/**
 * A loopback HTTP endpoint that answers CloudWatch {@code PutMetricData} the way AWS SDK v2 2.31 calls it:
 * the AWS Query protocol (a form-encoded POST, {@code Action=PutMetricData&Version=2010-08-01}, gzip-compressed
 * above the SDK's 10 KB threshold) answered with the XML envelope. It keeps every call, so tests and the
 * command line read the published values.
 */
public final class LocalCloudWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    /** One metric datum as received. */
    public record Datum(
            String metricName,
            Map<String, String> dimensions,
            double value,
            String unit,
            Instant timestamp,
            Integer storageResolution) {}

    /** One PutMetricData call as received. */
    public record Call(Instant receivedAt, String namespace, List<Datum> data) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int failWithStatus;

    private LocalCloudWatch(HttpServer server) {
        this.server = server;
    }

    public static LocalCloudWatch start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LocalCloudWatch cloudWatch = new LocalCloudWatch(server);
            server.createContext("/", cloudWatch::handle);
            server.start();
            return cloudWatch;
        } catch (IOException e) {
            throw new LocalStackException("Cannot start the loopback CloudWatch endpoint: " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every PutMetricData call so far, oldest first. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The values of {@code metricName} in {@code namespace}, in the order they arrived. */
    public List<Datum> data(String namespace, String metricName) {
        List<Datum> values = new ArrayList<>();
        for (Call call : calls) {
            if (call.namespace().equals(namespace)) {
                call.data().stream()
                        .filter(d -> d.metricName().equals(metricName))
                        .forEach(values::add);
            }
        }
        return values;
    }

    /** The newest value of {@code metricName}, if any arrived. */
    public Optional<Datum> latest(String namespace, String metricName) {
        List<Datum> values = data(namespace, metricName);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** Waits until a datum of {@code metricName} arriving after this call matches {@code condition}. */
    public Datum awaitNext(String namespace, String metricName, Predicate<Datum> condition, Duration timeout) {
        int seen = data(namespace, metricName).size();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Datum> values = data(namespace, metricName);
            for (Datum datum : values.subList(seen, values.size())) {
                if (condition.test(datum)) {
                    return datum;
                }
            }
            seen = values.size();
            Pause.between(Duration.ofMillis(200), metricName + " from CloudWatch PutMetricData");
        }
        throw new LocalStackException(
                "No " + namespace + " " + metricName + " datum matching the condition within " + timeout + "; last: "
                        + latest(namespace, metricName).map(Datum::toString).orElse("none"));
    }

    /** Answers every call with this HTTP status (e.g. 503) until set back to 0, as an outage would. */
    public void failWith(int status) {
        this.failWithStatus = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * The newest value of each metric of {@code namespace} whose dimensions include {@code dimension=value}: what
     * a CloudWatch console would plot last. Also served as JSON at {@code GET /latest?namespace=N&dimension=D&value=V},
     * so that another process ({@code ./local-stack.sh status}) can read it.
     */
    public Map<String, Double> latestValues(String namespace, String dimension, String value) {
        Map<String, Double> latest = new TreeMap<>();
        for (Call call : calls) {
            if (call.namespace().equals(namespace)) {
                call.data().stream()
                        .filter(d -> value.equals(d.dimensions().get(dimension)))
                        .forEach(d -> latest.put(d.metricName(), d.value()));
            }
        }
        return latest;
    }

    private void handle(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())
                && exchange.getRequestURI().getPath().equals("/latest")) {
            try (exchange) {
                Map<String, String> query = parseForm(
                        exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : exchange.getRequestURI().getRawQuery());
                Map<String, Double> latest = latestValues(
                        query.getOrDefault("namespace", ""),
                        query.getOrDefault("dimension", ""),
                        query.getOrDefault("value", ""));
                byte[] json = JSON.writeValueAsBytes(latest);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                exchange.getResponseBody().write(json);
            }
            return;
        }
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            byte[] raw = body.readAllBytes();
            if (failWithStatus != 0) {
                respond(
                        exchange,
                        failWithStatus,
                        error(failWithStatus == 403 ? "AccessDenied" : "ServiceUnavailable", "Injected failure"));
                return;
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            String form = new String("gzip".equalsIgnoreCase(encoding) ? gunzip(raw) : raw, StandardCharsets.UTF_8);
            Map<String, String> params = parseForm(form);
            if (!"PutMetricData".equals(params.get("Action"))) {
                respond(exchange, 400, error("InvalidAction", "Only PutMetricData is served here"));
                return;
            }
            calls.add(new Call(Instant.now(), params.getOrDefault("Namespace", ""), data(params)));
            respond(
                    exchange,
                    200,
                    "<PutMetricDataResponse xmlns=\"" + XMLNS + "\"><ResponseMetadata>"
                            + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
                            + "</PutMetricDataResponse>");
        }
    }

    private static List<Datum> data(Map<String, String> params) {
        List<Datum> data = new ArrayList<>();
        for (int i = 1; params.containsKey("MetricData.member." + i + ".MetricName"); i++) {
            String prefix = "MetricData.member." + i + ".";
            Map<String, String> dimensions = new TreeMap<>();
            for (int d = 1; params.containsKey(prefix + "Dimensions.member." + d + ".Name"); d++) {
                dimensions.put(
                        params.get(prefix + "Dimensions.member." + d + ".Name"),
                        params.get(prefix + "Dimensions.member." + d + ".Value"));
            }
            String timestamp = params.get(prefix + "Timestamp");
            String resolution = params.get(prefix + "StorageResolution");
            data.add(new Datum(
                    params.get(prefix + "MetricName"),
                    dimensions,
                    Double.parseDouble(params.getOrDefault(prefix + "Value", "NaN")),
                    params.get(prefix + "Unit"),
                    timestamp == null ? null : Instant.parse(timestamp),
                    resolution == null ? null : Integer.valueOf(resolution)));
        }
        return data;
    }

    private static Map<String, String> parseForm(String form) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>";
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
