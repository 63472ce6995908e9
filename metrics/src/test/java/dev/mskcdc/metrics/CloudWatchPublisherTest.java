package dev.mskcdc.metrics;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

import dev.mskcdc.awsclient.AwsClientConfig;
import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;
import dev.mskcdc.testsupport.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The publisher against the loopback CloudWatch endpoint, through the real SDK (AWS Query protocol). */
class CloudWatchPublisherTest {

    private static final String PREFIX = "shop";
    private static final String SECRET_KEY = "secret-access-key-never-logged-0123";

    private LocalCloudWatch cloudWatch;
    private FakeDebeziumMBeans mbeans;

    @BeforeEach
    void start() throws Exception {
        cloudWatch = LocalCloudWatch.start();
        mbeans = new FakeDebeziumMBeans(PREFIX);
    }

    @AfterEach
    void stop() throws Exception {
        mbeans.close();
        cloudWatch.close();
    }

    static Map<String, String> settings(String endpoint, String prefix) {
        Map<String, String> props = new HashMap<>();
        props.put(MetricsConfig.TOPIC_PREFIX, prefix);
        props.put(MetricsConfig.CONNECTOR_NAME, "shop-cdc");
        props.put(AwsClientConfig.REGION, "us-east-1");
        props.put(AwsClientConfig.ENDPOINT, endpoint);
        props.put(AwsClientConfig.ACCESS_KEY_ID, "AKIDLOCAL");
        props.put(AwsClientConfig.SECRET_ACCESS_KEY, SECRET_KEY);
        props.put(MetricsConfig.INTERVAL_MS, "1000");
        props.put(AwsClientConfig.MAX_ATTEMPTS, "1");
        return props;
    }

    private CloudWatchPublisher publisher(String endpoint, Clock clock) {
        MetricsConfig config = new MetricsConfig(settings(endpoint, PREFIX));
        return new CloudWatchPublisher(
                config, new DebeziumMBeans(ManagementFactory.getPlatformMBeanServer(), PREFIX), clock);
    }

    @Test
    void everyMetricArrivesInOneCallWithTheConnectorsDimensions() {
        try (CloudWatchPublisher publisher = publisher(cloudWatch.endpoint(), Clock.systemUTC())) {
            publisher.publishOnce();
        }
        assertThat(cloudWatch.calls()).hasSize(1);
        LocalCloudWatch.Call call = cloudWatch.calls().get(0);
        assertThat(call.namespace()).isEqualTo(MetricsConfig.DEFAULT_NAMESPACE);
        Map<String, Double> values = call.data().stream()
                .collect(Collectors.toMap(LocalCloudWatch.Datum::metricName, LocalCloudWatch.Datum::value));
        assertThat(values)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("MilliSecondsBehindSource", 1500.0),
                        Map.entry("MilliSecondsBehindSourceP50", 1000.0),
                        Map.entry("MilliSecondsBehindSourceP95", 1900.0),
                        Map.entry("MilliSecondsSinceLastEvent", 250.0),
                        Map.entry("TotalNumberOfEventsSeen", 10.0),
                        Map.entry("QueueRemainingCapacity", 8000.0),
                        Map.entry("QueueTotalCapacity", 8192.0),
                        Map.entry("StreamingConnected", 1.0),
                        Map.entry("SnapshotRunning", 1.0),
                        Map.entry("SnapshotCompleted", 0.0),
                        Map.entry("SnapshotAborted", 0.0),
                        Map.entry("TotalTableCount", 3.0),
                        Map.entry("RemainingTableCount", 1.0),
                        Map.entry("RowsScanned", 150.0),
                        Map.entry("SchemaHistoryRecovering", 0.0),
                        Map.entry("SchemaHistoryRunning", 1.0)));
        assertThat(call.data()).allSatisfy(datum -> {
            assertThat(datum.dimensions()).isEqualTo(Map.of("ConnectorName", "shop-cdc", "TopicPrefix", PREFIX));
            assertThat(datum.storageResolution()).isEqualTo(1);
        });
        assertThat(call.data())
                .filteredOn(d -> d.metricName().equals("MilliSecondsBehindSource"))
                .singleElement()
                .extracting(LocalCloudWatch.Datum::unit)
                .isEqualTo("Milliseconds");
    }

    @Test
    void eventsPerSecondIsTheChangeOfEventsSeenBetweenTwoCalls() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
        try (CloudWatchPublisher publisher = publisher(cloudWatch.endpoint(), clock)) {
            publisher.publishOnce();
            mbeans.streaming.eventsSeen = 10 + 500;
            clock.advance(Duration.ofSeconds(10));
            publisher.publishOnce();
        }
        assertThat(cloudWatch.data(MetricsConfig.DEFAULT_NAMESPACE, CloudWatchPublisher.EVENTS_PER_SECOND))
                .singleElement()
                .satisfies(datum -> {
                    assertThat(datum.value()).isEqualTo(50.0);
                    assertThat(datum.unit()).isEqualTo("Count/Second");
                });
    }

    @Test
    void noMBeansMeansNoCall() throws Exception {
        MetricsConfig config = new MetricsConfig(settings(cloudWatch.endpoint(), "other-prefix"));
        try (CloudWatchPublisher publisher = new CloudWatchPublisher(
                config,
                new DebeziumMBeans(ManagementFactory.getPlatformMBeanServer(), "other-prefix"),
                Clock.systemUTC())) {
            assertThat(publisher.publishOnce()).isNull();
        }
        assertThat(cloudWatch.calls()).isEmpty();
    }

    @Test
    void requestStaysWithinPutMetricDataLimits() {
        try (CloudWatchPublisher publisher = publisher(cloudWatch.endpoint(), Clock.systemUTC())) {
            PutMetricDataRequest request = publisher.publishOnce();
            assertThat(request.metricData()).hasSizeLessThanOrEqualTo(CloudWatchPublisher.MAX_DATA_PER_CALL);
            assertThat(request.metricData())
                    .allSatisfy(d -> assertThat(d.dimensions()).hasSizeLessThanOrEqualTo(30));
            assertThat(request.toString().length()).isLessThan(1_000_000);
        }
    }

    @Test
    void unreachableCloudWatchIsLoggedOnceAndBacksOff() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LogCapture log = new LogCapture();
                CloudWatchPublisher publisher = publisher("http://127.0.0.1:" + closedPort, Clock.systemUTC())) {
            assertThat(publisher.nextDelay()).isEqualTo(Duration.ofSeconds(1));
            for (int i = 0; i < 3; i++) {
                publisher.tick();
            }
            assertThat(publisher.nextDelay()).isEqualTo(Duration.ofSeconds(8));
            for (int i = 0; i < 3; i++) {
                publisher.tick();
            }
            assertThat(publisher.nextDelay()).as("at most ten intervals").isEqualTo(Duration.ofSeconds(10));
            List<LogCapture.Event> warnings = log.events().stream()
                    .filter(e -> e.logger().contains("CloudWatchPublisher")
                            && e.level().equals("WARN"))
                    .toList();
            assertThat(warnings)
                    .singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("SdkClientException"));
        }
    }

    @Test
    void failingCallsRecoverWhenCloudWatchAnswersAgain() throws Exception {
        try (LogCapture log = new LogCapture();
                CloudWatchPublisher publisher = publisher(cloudWatch.endpoint(), Clock.systemUTC())) {
            cloudWatch.failWith(503);
            publisher.tick();
            publisher.tick();
            cloudWatch.failWith(0);
            publisher.tick();
            assertThat(publisher.nextDelay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(log.text()).contains("succeeds again after 2 failed calls");
        }
        assertThat(cloudWatch.calls()).hasSize(1);
    }

    @Test
    void noSecretNorRowValueInAnyMetricOrLogLine() {
        String logged;
        try (LogCapture log = new LogCapture()) {
            try (CloudWatchPublisher publisher = publisher(cloudWatch.endpoint(), Clock.systemUTC())) {
                publisher.start();
                cloudWatch.awaitNext(
                        MetricsConfig.DEFAULT_NAMESPACE, "MilliSecondsBehindSource", d -> true, Duration.ofSeconds(30));
                cloudWatch.failWith(403);
                publisher.tick();
            }
            logged = log.text();
        }
        String published = cloudWatch.calls().toString();
        for (String text : List.of(published, logged)) {
            assertThat(text)
                    .doesNotContain(SECRET_KEY)
                    .doesNotContain(FakeDebeziumMBeans.ROW_VALUE)
                    .doesNotContain("mysql-bin.000003");
        }
        assertThat(logged).contains("Publishing Debezium metrics", "Stopped publishing");
    }

    @Test
    void unknownDimensionAndReservedNamespaceAreRejectedWithTheFix() {
        Map<String, String> props = settings(cloudWatch.endpoint(), PREFIX);
        props.put(MetricsConfig.DIMENSIONS, "ConnectorName,TaskId");
        assertThatThrownBy(() -> new MetricsConfig(props))
                .hasMessageContaining("dimensions")
                .hasMessageContaining("Unknown dimension 'TaskId'");
        props.remove(MetricsConfig.DIMENSIONS);
        props.put(MetricsConfig.NAMESPACE, "AWS/KafkaConnect");
        assertThatThrownBy(() -> new MetricsConfig(props))
                .hasMessageContaining("namespace")
                .hasMessageContaining("reserved for AWS services");
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
