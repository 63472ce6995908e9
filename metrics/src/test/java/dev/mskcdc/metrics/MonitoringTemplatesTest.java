package dev.mskcdc.metrics;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.cloudwatch.LocalCloudWatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard and alarms msk-deploy puts (connector/config/cloudwatch/) name only metrics this publisher sends. */
class MonitoringTemplatesTest {

    private static final Path CLOUDWATCH = Path.of("..", "connector", "config", "cloudwatch");
    private static final Pattern DASHBOARD_METRIC = Pattern.compile("\\[\"\\{\\{METRICS_NAMESPACE}}\", \"(\\w+)\"");
    private static final Pattern ALARM_METRIC = Pattern.compile("\"MetricName\": \"(\\w+)\"");

    @Test
    void everyMetricTheDashboardAndTheLagAlarmShowIsPublished() throws Exception {
        Set<String> referenced = new HashSet<>();
        collect(DASHBOARD_METRIC, Files.readString(CLOUDWATCH.resolve("dashboard.json")), referenced);
        String lagAlarm = Files.readString(CLOUDWATCH.resolve("alarm-source-lag.json"));
        assertThat(lagAlarm).contains("\"Namespace\": \"{{METRICS_NAMESPACE}}\"");
        collect(ALARM_METRIC, lagAlarm, referenced);
        assertThat(referenced).contains("MilliSecondsBehindSource", "EventsPerSecond", "RowsScanned");

        assertThat(published()).containsAll(referenced);
    }

    private static Set<String> published() throws Exception {
        try (LocalCloudWatch cloudWatch = LocalCloudWatch.start();
                FakeDebeziumMBeans mbeans = new FakeDebeziumMBeans("tpl");
                CloudWatchPublisher publisher = new CloudWatchPublisher(
                        new MetricsConfig(CloudWatchPublisherTest.settings(cloudWatch.endpoint(), "tpl")),
                        new DebeziumMBeans(ManagementFactory.getPlatformMBeanServer(), "tpl"),
                        Clock.systemUTC())) {
            publisher.publishOnce();
            mbeans.streaming.eventsSeen += 10;
            publisher.publishOnce();
            return cloudWatch.calls().stream()
                    .flatMap(call -> call.data().stream())
                    .map(LocalCloudWatch.Datum::metricName)
                    .collect(Collectors.toSet());
        }
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }
}
