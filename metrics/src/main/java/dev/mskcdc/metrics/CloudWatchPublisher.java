package dev.mskcdc.metrics;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import dev.mskcdc.awsclient.AwsClientSettings;
import dev.mskcdc.awsclient.AwsCredentials;

/**
 * Reads one connector's Debezium metrics every interval and sends them all in ONE PutMetricData call, on its
 * own daemon thread: a slow or unreachable CloudWatch delays only the next call, never a record. The first
 * failure is logged at WARN, later ones at DEBUG until a call succeeds again; each failure doubles the wait
 * before the next call, up to ten intervals.
 */
final class CloudWatchPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CloudWatchPublisher.class);

    /** PutMetricData accepts up to 1000 metric data per call (and 1 MB); we send about twenty. */
    static final int MAX_DATA_PER_CALL = 1000;

    static final String EVENTS_PER_SECOND = "EventsPerSecond";
    private static final int MAX_BACKOFF_INTERVALS = 10;

    private final MetricsConfig config;
    private final DebeziumMBeans mbeans;
    private final AwsClientSettings settings;
    private final AwsCredentials credentials;
    /** Built at the first call, on the publisher's thread: building resolves the region, which may fail. */
    private CloudWatchClient client;

    private final Clock clock;
    private final List<Dimension> dimensions;
    private final ScheduledExecutorService thread;

    private int consecutiveFailures;
    private boolean announcedNoMBeans;
    private double lastEventsSeen = -1;
    private Instant lastEventsSeenAt;

    CloudWatchPublisher(MetricsConfig config) {
        this(
                config,
                new DebeziumMBeans(ManagementFactory.getPlatformMBeanServer(), config.topicPrefix()),
                Clock.systemUTC());
    }

    CloudWatchPublisher(MetricsConfig config, DebeziumMBeans mbeans, Clock clock) {
        this.config = config;
        this.mbeans = mbeans;
        this.clock = clock;
        this.settings = new AwsClientSettings(config.aws());
        this.credentials = new AwsCredentials(config.aws(), settings);
        this.dimensions = dimensions(config);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "mskcdc-cloudwatch-metrics-" + config.connectorName());
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        log.info(
                "Publishing Debezium metrics of topic.prefix '{}' to CloudWatch namespace '{}' every {} s",
                config.topicPrefix(),
                config.namespace(),
                config.interval().toSeconds());
        thread.schedule(this::publishAndReschedule, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publishAndReschedule() {
        tick();
        if (!thread.isShutdown()) {
            thread.schedule(this::publishAndReschedule, nextDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One publication; a failure is counted and logged, never thrown. */
    void tick() {
        try {
            publishOnce();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** One read and one call; returns the request sent, or null when Debezium has no MBeans registered. */
    PutMetricDataRequest publishOnce() {
        Instant now = clock.instant();
        List<Reading> readings = new ArrayList<>(mbeans.read());
        if (readings.isEmpty()) {
            if (!announcedNoMBeans) {
                log.info(
                        "No Debezium metrics registered for topic.prefix '{}' yet (the task is not running, or "
                                + "topic.prefix differs from the connector's); nothing is sent until they appear",
                        config.topicPrefix());
                announcedNoMBeans = true;
            }
            return null;
        }
        announcedNoMBeans = false;
        addEventRate(readings, now);
        PutMetricDataRequest request = request(readings, now);
        client().putMetricData(request);
        if (consecutiveFailures > 0) {
            log.info("CloudWatch PutMetricData succeeds again after {} failed calls", consecutiveFailures);
        }
        consecutiveFailures = 0;
        return request;
    }

    private void addEventRate(List<Reading> readings, Instant now) {
        for (Reading reading : List.copyOf(readings)) {
            if (reading.name().equals("TotalNumberOfEventsSeen")) {
                if (lastEventsSeen >= 0 && reading.value() >= lastEventsSeen && now.isAfter(lastEventsSeenAt)) {
                    double seconds = Duration.between(lastEventsSeenAt, now).toMillis() / 1000.0;
                    readings.add(new Reading(
                            EVENTS_PER_SECOND,
                            (reading.value() - lastEventsSeen) / seconds,
                            StandardUnit.COUNT_SECOND));
                }
                lastEventsSeen = reading.value();
                lastEventsSeenAt = now;
            }
        }
    }

    PutMetricDataRequest request(List<Reading> readings, Instant timestamp) {
        Integer resolution = config.interval().compareTo(Duration.ofSeconds(60)) < 0 ? 1 : 60;
        List<MetricDatum> data = new ArrayList<>();
        for (Reading reading : readings) {
            data.add(MetricDatum.builder()
                    .metricName(reading.name())
                    .dimensions(dimensions)
                    .value(reading.value())
                    .unit(reading.unit())
                    .timestamp(timestamp)
                    .storageResolution(resolution)
                    .build());
        }
        if (data.size() > MAX_DATA_PER_CALL) {
            throw new IllegalStateException(
                    data.size() + " metric data exceed PutMetricData's limit of " + MAX_DATA_PER_CALL);
        }
        return PutMetricDataRequest.builder()
                .namespace(config.namespace())
                .metricData(data)
                .build();
    }

    private void failed(RuntimeException e) {
        consecutiveFailures++;
        String cause = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() + " (HTTP " + aws.statusCode() + ")"
                : e.getClass().getSimpleName();
        if (consecutiveFailures == 1) {
            log.warn(
                    "CloudWatch PutMetricData to namespace '{}' failed: {}. The pipeline is not affected; retrying "
                            + "with backoff, further failures are logged at DEBUG. Check the execution role's "
                            + "cloudwatch:PutMetricData permission and the route to CloudWatch (NAT gateway or the "
                            + "'monitoring' interface VPC endpoint).",
                    config.namespace(),
                    cause);
        } else {
            log.debug("CloudWatch PutMetricData failed again ({} in a row): {}", consecutiveFailures, cause);
        }
    }

    private CloudWatchClient client() {
        if (client == null) {
            client = settings.apply(CloudWatchClient.builder(), credentials.provider())
                    .build();
        }
        return client;
    }

    Duration nextDelay() {
        long factor = 1L << Math.min(consecutiveFailures, 10);
        return config.interval().multipliedBy(Math.min(factor, MAX_BACKOFF_INTERVALS));
    }

    private static List<Dimension> dimensions(MetricsConfig config) {
        List<Dimension> dimensions = new ArrayList<>();
        for (String name : config.dimensions()) {
            String value =
                    MetricsConfig.DIMENSION_CONNECTOR_NAME.equals(name) ? config.connectorName() : config.topicPrefix();
            dimensions.add(Dimension.builder().name(name).value(value).build());
        }
        return dimensions;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client != null) {
            client.close();
        }
        credentials.close();
        log.info("Stopped publishing Debezium metrics of topic.prefix '{}' to CloudWatch", config.topicPrefix());
    }
}
