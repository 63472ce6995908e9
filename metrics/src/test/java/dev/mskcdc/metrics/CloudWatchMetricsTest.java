package dev.mskcdc.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudWatchMetricsTest {

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger stopped = new AtomicInteger();
    private final Publishers publishers = new Publishers(config -> {
        started.incrementAndGet();
        return stopped::incrementAndGet;
    });

    private static Map<String, String> settings() {
        return CloudWatchPublisherTest.settings("http://127.0.0.1:1", "shop");
    }

    private static List<SourceRecord> records() {
        Schema key = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        Schema value = SchemaBuilder.struct()
                .optional()
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("h", "v");
        List<SourceRecord> records = new ArrayList<>();
        records.add(new SourceRecord(
                Map.of("server", "shop"),
                Map.of("pos", 4L),
                "shop.shop.customers",
                0,
                key,
                new Struct(key).put("id", 1),
                value,
                new Struct(value).put("name", "Ada"),
                1_700_000_000_000L,
                headers));
        records.add(new SourceRecord(
                Map.of("server", "shop"),
                Map.of("pos", 5L),
                "shop.shop.customers",
                null,
                key,
                new Struct(key).put("id", 1),
                null,
                null));
        records.add(new SourceRecord(
                Map.of("server", "shop"), Map.of("pos", 6L), "__debezium-heartbeat.shop", null, null, "heartbeat"));
        return records;
    }

    @Test
    void everyRecordPassesThroughUnchanged() {
        CloudWatchMetrics<SourceRecord> transform = new CloudWatchMetrics<>(publishers);
        transform.configure(settings());
        List<SourceRecord> in = records();
        List<SourceRecord> expected = records();
        for (int i = 0; i < in.size(); i++) {
            SourceRecord out = transform.apply(in.get(i));
            assertThat(out).isSameAs(in.get(i));
            assertThat(out).isEqualTo(expected.get(i));
            assertThat(out.headers()).isEqualTo(expected.get(i).headers());
        }
        transform.close();
    }

    @Test
    void transformInstancesOfOneConnectorShareOnePublisherStoppedByTheLastClose() {
        CloudWatchMetrics<SourceRecord> first = new CloudWatchMetrics<>(publishers);
        CloudWatchMetrics<SourceRecord> second = new CloudWatchMetrics<>(publishers);
        first.configure(settings());
        second.configure(settings());
        assertThat(started).hasValue(1);
        first.close();
        assertThat(stopped).hasValue(0);
        second.close();
        second.close();
        assertThat(stopped).hasValue(1);
        assertThat(publishers.running()).isZero();

        CloudWatchMetrics<SourceRecord> restarted = new CloudWatchMetrics<>(publishers);
        restarted.configure(settings());
        assertThat(started).hasValue(2);
        restarted.close();
    }

    @Test
    void anotherConnectorGetsItsOwnPublisher() {
        CloudWatchMetrics<SourceRecord> shop = new CloudWatchMetrics<>(publishers);
        CloudWatchMetrics<SourceRecord> billing = new CloudWatchMetrics<>(publishers);
        shop.configure(settings());
        Map<String, String> other = CloudWatchPublisherTest.settings("http://127.0.0.1:1", "billing");
        other.put(MetricsConfig.CONNECTOR_NAME, "billing-cdc");
        billing.configure(other);
        assertThat(publishers.running()).isEqualTo(2);
        shop.close();
        billing.close();
        assertThat(stopped).hasValue(2);
    }

    @Test
    void theWorkersPublisherStartsAndStopsWithTheTransform() {
        CloudWatchMetrics<SourceRecord> transform = new CloudWatchMetrics<>();
        transform.configure(settings());
        assertThat(Publishers.WORKER.running()).isEqualTo(1);
        transform.close();
        assertThat(Publishers.WORKER.running()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("mskcdc-cloudwatch-metrics-") && t.isAlive());
    }
}
