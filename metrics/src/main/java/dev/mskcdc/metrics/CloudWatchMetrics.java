package dev.mskcdc.metrics;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A pass-through transform that publishes the connector's Debezium metrics to CloudWatch. Every record is
 * returned unchanged (the same object); the transform exists so that adding it to {@code transforms} of an
 * existing MSK connector, with UpdateConnector, switches the publisher on (MSK cannot change a connector's
 * class nor the worker's metric reporters), and removing it switches the publisher off.
 */
public class CloudWatchMetrics<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Publishes Debezium MySQL's own metrics (source lag "
            + "MilliSecondsBehindSource and its P50/P95/P99, events seen and per second, connection, queue capacity, "
            + "time since the last event, snapshot running/completed/remaining tables/rows scanned, schema history "
            + "status) to Amazon CloudWatch, read in-process from Debezium's MBeans: no JMX port, no worker setting. "
            + "Records pass through unchanged. One publisher per connector sends every metric in one PutMetricData "
            + "call per interval on its own thread; an unreachable CloudWatch never slows or fails the pipeline "
            + "(logged once, retried with backoff). Only numbers are sent: no row value, position or secret. "
            + "Put it anywhere in the chain; add it to an existing MSK connector with UpdateConnector. The execution "
            + "role needs cloudwatch:PutMetricData (etc/iam/metrics-policy.json), and private subnets a NAT "
            + "gateway or the 'monitoring' interface VPC endpoint (then set 'endpoint' to it only if its private DNS "
            + "is off).";

    public static final ConfigDef CONFIG_DEF = MetricsConfig.CONFIG_DEF;

    private final Publishers publishers;
    private MetricsConfig config;

    public CloudWatchMetrics() {
        this(Publishers.WORKER);
    }

    CloudWatchMetrics(Publishers publishers) {
        this.publishers = publishers;
    }

    @Override
    public void configure(Map<String, ?> props) {
        MetricsConfig parsed = new MetricsConfig(props);
        publishers.acquire(parsed);
        config = parsed;
    }

    @Override
    public R apply(R record) {
        return record;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        if (config != null) {
            publishers.release(config);
            config = null;
        }
    }
}
