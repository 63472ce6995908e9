package dev.mskcdc.localstack.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;

import static org.assertj.core.api.Assertions.assertThat;

class HealthLineTest {

    @Test
    void runningSnapshotShowsTablesLeftAndRowsScanned() {
        assertThat(HealthLine.describe(Map.of(
                        "SnapshotRunning",
                        1.0,
                        "RemainingTableCount",
                        2.0,
                        "TotalTableCount",
                        5.0,
                        "RowsScanned",
                        12345.0,
                        "StreamingConnected",
                        0.0)))
                .isEqualTo("lag -, events/s -, snapshot running (2 of 5 tables left, 12345 rows), binlog not connected,"
                        + " last event -");
    }

    @Test
    void streamingShowsLagAndEventsPerSecond() {
        assertThat(HealthLine.describe(Map.of(
                        "MilliSecondsBehindSource",
                        850.0,
                        "EventsPerSecond",
                        42.4,
                        "SnapshotCompleted",
                        1.0,
                        "RowsScanned",
                        7.0,
                        "StreamingConnected",
                        1.0,
                        "MilliSecondsSinceLastEvent",
                        2600.0)))
                .isEqualTo(
                        "lag 850 ms, events/s 42, snapshot completed (7 rows), binlog connected, last event 3 s ago");
        assertThat(HealthLine.describe(Map.of())).isEqualTo("no metrics published yet");
    }

    @Test
    void aCompletedSnapshotWithNoBinlogConnectionSaysPlainlyThatNothingIsCaptured() {
        assertThat(HealthLine.describe(Map.of(
                        "SnapshotCompleted",
                        1.0,
                        "StreamingConnected",
                        0.0,
                        "MilliSecondsSinceLastEvent",
                        1_200_000.0)))
                .startsWith("lag -, events/s -, snapshot completed (-), binlog not connected, last event 1200 s ago")
                .contains("NOTHING IS CAPTURED");
    }

    @Test
    void statusReadsTheNewestPublishedValuesOfItsConnectorOverHttp() throws Exception {
        try (LocalCloudWatch cloudWatch = LocalCloudWatch.start()) {
            put(cloudWatch, "shop-inventory", "MilliSecondsBehindSource", 900);
            put(cloudWatch, "shop-inventory", "MilliSecondsBehindSource", 120);
            put(cloudWatch, "other", "MilliSecondsBehindSource", 99999);

            assertThat(cloudWatch.latestValues(HealthLine.NAMESPACE, "ConnectorName", "shop-inventory"))
                    .isEqualTo(Map.of("MilliSecondsBehindSource", 120.0));
            assertThat(HealthLine.fetch(cloudWatch.endpoint(), "shop-inventory"))
                    .startsWith("lag 120 ms,");
        }
    }

    /** A PutMetricData call as the SDK's query protocol sends it. */
    private static void put(LocalCloudWatch cloudWatch, String connector, String metric, double value)
            throws Exception {
        String form = "Action=PutMetricData&Version=2010-08-01&Namespace=MskCdc%2FDebezium"
                + "&MetricData.member.1.MetricName=" + metric
                + "&MetricData.member.1.Dimensions.member.1.Name=ConnectorName"
                + "&MetricData.member.1.Dimensions.member.1.Value=" + connector
                + "&MetricData.member.1.Value=" + value + "&MetricData.member.1.Unit=Milliseconds";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cloudWatch.endpoint()))
                                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<PutMetricDataResponse");
    }
}
