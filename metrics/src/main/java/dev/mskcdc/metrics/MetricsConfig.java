package dev.mskcdc.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import dev.mskcdc.awsclient.AwsClientConfig;

/**
 * The publisher's settings: which connector's metrics, where they go in CloudWatch, how often; plus the AWS
 * client settings every AWS client of the plugin shares (region, endpoint override, timeouts, credentials).
 */
public final class MetricsConfig extends AbstractConfig {

    public static final String GROUP_METRICS = "Metrics";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String CONNECTOR_NAME = "connector.name";
    public static final String NAMESPACE = "namespace";
    public static final String DIMENSIONS = "dimensions";
    public static final String INTERVAL_MS = "interval.ms";

    public static final String DIMENSION_CONNECTOR_NAME = "ConnectorName";
    public static final String DIMENSION_TOPIC_PREFIX = "TopicPrefix";
    public static final String DEFAULT_NAMESPACE = "MskCdc/Debezium";
    /** The publisher's STS session name, visible in CloudTrail. */
    public static final String DEFAULT_SESSION_NAME = "mskcdc-metrics";

    /** CloudWatch: 1-255 characters, no leading ':', and the AWS/ prefix is reserved for AWS services. */
    private static final ConfigDef.Validator NAMESPACE_VALIDATOR = ConfigDef.LambdaValidator.with(
            (name, value) -> {
                String text = value == null ? "" : value.toString();
                if (!text.matches("[A-Za-z0-9.\\-_/#:]{1,255}") || text.startsWith(":") || text.startsWith("AWS/")) {
                    throw new ConfigException(
                            name,
                            value,
                            "Expected 1-255 characters of letters, digits and . - _ / # :, "
                                    + "not starting with ':' or 'AWS/' (reserved for AWS services), e.g. "
                                    + DEFAULT_NAMESPACE);
                }
            },
            () -> "1-255 characters of [A-Za-z0-9.-_/#:], not starting with ':' or 'AWS/'");

    private static final ConfigDef.Validator DIMENSIONS_VALIDATOR = ConfigDef.LambdaValidator.with(
            (name, value) -> {
                for (Object dimension : (List<?>) value) {
                    if (!List.of(DIMENSION_CONNECTOR_NAME, DIMENSION_TOPIC_PREFIX)
                            .contains(dimension.toString())) {
                        throw new ConfigException(
                                name,
                                value,
                                "Unknown dimension '" + dimension + "'. Use any of " + DIMENSION_CONNECTOR_NAME + ", "
                                        + DIMENSION_TOPIC_PREFIX + ".");
                    }
                }
            },
            () -> "any of " + DIMENSION_CONNECTOR_NAME + ", " + DIMENSION_TOPIC_PREFIX);

    public static final ConfigDef CONFIG_DEF = metricsConfigDef();

    private static ConfigDef metricsConfigDef() {
        return AwsClientConfig.configDef(DEFAULT_SESSION_NAME)
                .define(
                        TOPIC_PREFIX,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        "The connector's 'topic.prefix' (set it to the same value): Debezium names its "
                                + "metrics MBeans after it (debezium.mysql:type=connector-metrics,context=streaming|"
                                + "snapshot|schema-history,server=<topic.prefix>).",
                        GROUP_METRICS,
                        1,
                        ConfigDef.Width.MEDIUM,
                        "Topic prefix")
                .define(
                        CONNECTOR_NAME,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        "The connector's name, published as the dimension '" + DIMENSION_CONNECTOR_NAME
                                + "' (the dimension MSK Connect's own AWS/KafkaConnect metrics use, so one dashboard "
                                + "shows both). Connect does not tell a transform its connector's name: set it here.",
                        GROUP_METRICS,
                        2,
                        ConfigDef.Width.MEDIUM,
                        "Connector name")
                .define(
                        NAMESPACE,
                        Type.STRING,
                        DEFAULT_NAMESPACE,
                        NAMESPACE_VALIDATOR,
                        Importance.MEDIUM,
                        "CloudWatch namespace of the metrics. The execution role's cloudwatch:PutMetricData "
                                + "permission is limited to it (condition key cloudwatch:namespace).",
                        GROUP_METRICS,
                        3,
                        ConfigDef.Width.MEDIUM,
                        "Namespace")
                .define(
                        DIMENSIONS,
                        Type.LIST,
                        DIMENSION_CONNECTOR_NAME + "," + DIMENSION_TOPIC_PREFIX,
                        DIMENSIONS_VALIDATOR,
                        Importance.LOW,
                        "Dimensions every metric carries. Each distinct set of dimension values is its own metric "
                                + "(and its own cost) in CloudWatch.",
                        GROUP_METRICS,
                        4,
                        ConfigDef.Width.MEDIUM,
                        "Dimensions")
                .define(
                        INTERVAL_MS,
                        Type.LONG,
                        Duration.ofSeconds(60).toMillis(),
                        ConfigDef.Range.atLeast(1000),
                        Importance.MEDIUM,
                        "How often all metrics are read and sent, in one PutMetricData call, in "
                                + "milliseconds. Below 60000 they are sent as high-resolution metrics (storage "
                                + "resolution 1 s, priced higher). After a failed call the next waits twice as long, "
                                + "up to ten intervals.",
                        GROUP_METRICS,
                        5,
                        ConfigDef.Width.SHORT,
                        "Interval (ms)");
    }

    private final AwsClientConfig aws = new AwsClientConfig(this);

    public MetricsConfig(Map<String, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    /** Where to call CloudWatch, as whom and how patiently. */
    public AwsClientConfig aws() {
        return aws;
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX).trim();
    }

    public String connectorName() {
        return getString(CONNECTOR_NAME).trim();
    }

    public String namespace() {
        return getString(NAMESPACE);
    }

    public List<String> dimensions() {
        return getList(DIMENSIONS);
    }

    public Duration interval() {
        return Duration.ofMillis(getLong(INTERVAL_MS));
    }

    /** Identifies one publisher: transform instances with the same key share it. */
    String publisherKey() {
        return String.join("|", connectorName(), topicPrefix(), namespace(), aws.region(), aws.endpoint());
    }
}
