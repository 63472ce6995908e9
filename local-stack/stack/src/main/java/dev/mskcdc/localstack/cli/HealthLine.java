package dev.mskcdc.localstack.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;

/**
 * The connector's health in one line, from what the CloudWatchMetrics transform published to the stack's loopback
 * CloudWatch: the same figures an MSK user sees in CloudWatch.
 */
final class HealthLine {

    static final String NAMESPACE = "MskCdc/Debezium";
    static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final String DIMENSION = "ConnectorName";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthLine() {}

    static String describe(Map<String, Double> latest) {
        if (latest.isEmpty()) {
            return "no metrics published yet";
        }
        StringBuilder line = new StringBuilder();
        line.append("lag ").append(number(latest.get("MilliSecondsBehindSource"), " ms"));
        line.append(", events/s ").append(number(latest.get("EventsPerSecond"), ""));
        line.append(", snapshot ").append(snapshot(latest));
        boolean connected = Double.valueOf(1.0).equals(latest.get("StreamingConnected"));
        line.append(", binlog ").append(connected ? "connected" : "not connected");
        line.append(", last event ").append(secondsAgo(latest.get("MilliSecondsSinceLastEvent")));
        if (!connected && !Double.valueOf(1.0).equals(latest.get("SnapshotRunning"))) {
            line.append(" -- NOTHING IS CAPTURED: no binlog connection although the connector may show RUNNING"
                    + " (connector/README.md, 'Day-2 runbooks')");
        }
        return line.toString();
    }

    private static String snapshot(Map<String, Double> latest) {
        String rows = number(latest.get("RowsScanned"), " rows");
        if (Double.valueOf(1.0).equals(latest.get("SnapshotRunning"))) {
            return "running (" + number(latest.get("RemainingTableCount"), "") + " of "
                    + number(latest.get("TotalTableCount"), "") + " tables left, " + rows + ")";
        }
        if (Double.valueOf(1.0).equals(latest.get("SnapshotCompleted"))) {
            return "completed (" + rows + ")";
        }
        if (Double.valueOf(1.0).equals(latest.get("SnapshotAborted"))) {
            return "aborted (" + rows + ")";
        }
        return "not started";
    }

    /** Debezium's MilliSecondsSinceLastEvent as seconds ago ("-" before the first event). */
    private static String secondsAgo(Double milliseconds) {
        return milliseconds == null || milliseconds < 0 ? "-" : Math.round(milliseconds / 1000) + " s ago";
    }

    private static String number(Double value, String unit) {
        return value == null ? "-" : Math.round(value) + unit;
    }

    /** For {@code status}: asks the running stack's loopback CloudWatch for the newest values. */
    static String fetch(String cloudWatchUrl, String connector) {
        try {
            URI uri = URI.create(cloudWatchUrl + "/latest?namespace="
                    + URLEncoder.encode(NAMESPACE, StandardCharsets.UTF_8) + "&dimension=" + DIMENSION + "&value="
                    + URLEncoder.encode(connector, StandardCharsets.UTF_8));
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return describe(JSON.readValue(response.body(), new TypeReference<Map<String, Double>>() {}));
        } catch (Exception e) {
            return "CloudWatch endpoint " + cloudWatchUrl + " does not answer: " + e.getMessage();
        }
    }

    /**
     * For {@code up}: a daemon thread printing the health line every few seconds while a snapshot runs, and once
     * more when it has completed; quiet otherwise, so change events stay readable.
     */
    static void printWhileSnapshotRuns(
            LocalCloudWatch cloudWatch, String connector, PrintStream out, CountDownLatch stopping) {
        Thread printer = new Thread(
                () -> {
                    try {
                        while (!stopping.await(3, TimeUnit.SECONDS)) {
                            Map<String, Double> latest = cloudWatch.latestValues(NAMESPACE, DIMENSION, connector);
                            if (Double.valueOf(1.0).equals(latest.get("SnapshotRunning"))) {
                                out.println("[health] " + describe(latest));
                            } else if (Double.valueOf(1.0).equals(latest.get("SnapshotCompleted"))) {
                                out.println("[health] " + describe(latest));
                                return;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "local-stack-health");
        printer.setDaemon(true);
        printer.start();
    }
}
