package dev.mskcdc.connector.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * msk-deploy monitoring: the rendered alarm requests read strictly into the SDK's cloudwatch model, the dashboard
 * body names only the connector's metrics, and --dry-run prints the calls in order.
 */
class MonitoringRequestsTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:cdc-alerts";

    @TempDir
    Path workDir;

    private static Map<String, Set<String>> requiredMembers() {
        return SdkModelJsonReader.loadRequiredMembers(Path.of("src/test/resources/cloudwatch/required-members.txt"));
    }

    private DeployScript.Result monitoringDryRun() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("ALARM_TOPIC_ARN", TOPIC);
        variables.put("LAG_ALARM_THRESHOLD_MS", "120000");
        DeployScript.Result result = DeployScript.run(workDir, variables, "--dry-run", "monitoring");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private PutMetricAlarmRequest alarm(String name) throws Exception {
        return SdkModelJsonReader.read(
                Files.readString(workDir.resolve("out/alarm-" + name + ".json")),
                PutMetricAlarmRequest::builder,
                requiredMembers());
    }

    @Test
    void dryRunPutsTheMetricsPolicyTheDashboardAndFiveAlarms() throws Exception {
        DeployScript.Result result = monitoringDryRun();
        String out = workDir.resolve("out").toString();
        assertThat(result.awsCalls())
                .containsExactly(
                        "aws iam put-role-policy --role-name orders-cdc-connect --policy-name msk-cdc-kit-metrics --policy-document file://"
                                + out + "/metrics-policy.json",
                        "aws cloudwatch put-dashboard --dashboard-name orders-cdc --dashboard-body file://" + out
                                + "/dashboard.json",
                        "aws cloudwatch put-metric-alarm --cli-input-json file://" + out + "/alarm-source-lag.json",
                        "aws cloudwatch put-metric-alarm --cli-input-json file://" + out + "/alarm-errored-tasks.json",
                        "aws cloudwatch put-metric-alarm --cli-input-json file://" + out + "/alarm-running-tasks.json",
                        "aws cloudwatch put-metric-alarm --cli-input-json file://" + out + "/alarm-disconnected.json",
                        "aws cloudwatch put-metric-alarm --cli-input-json file://" + out + "/alarm-idle.json");
        String policy = Files.readString(workDir.resolve("out/metrics-policy.json"));
        assertThat(IamPolicy.fromJson(policy)
                        .statements()
                        .get(0)
                        .conditions()
                        .get(0)
                        .value())
                .isEqualTo("MskCdc/Debezium");
    }

    @Test
    void disconnectedAndIdleSourcesAlarmAndSoDoesSilence() throws Exception {
        monitoringDryRun();

        PutMetricAlarmRequest disconnected = alarm("disconnected");
        assertThat(disconnected.metricName())
                .as("the transform's name for Debezium's Connected")
                .isEqualTo("StreamingConnected");
        assertThat(disconnected.comparisonOperatorAsString()).isEqualTo("LessThanThreshold");
        assertThat(disconnected.threshold()).isEqualTo(1.0);
        PutMetricAlarmRequest idle = alarm("idle");
        assertThat(idle.metricName()).isEqualTo("MilliSecondsSinceLastEvent");
        assertThat(idle.threshold()).as("IDLE_ALARM_THRESHOLD_MS default").isEqualTo(3_600_000.0);
        assertThat(idle.comparisonOperatorAsString()).isEqualTo("GreaterThanThreshold");
        assertThat(List.of(disconnected, idle)).allSatisfy(alarm -> {
            assertThat(alarm.treatMissingData())
                    .as("a connector that publishes nothing is not healthy")
                    .isEqualTo("breaching");
            assertThat(alarm.namespace()).isEqualTo("MskCdc/Debezium");
            assertThat(alarm.dimensions())
                    .containsExactly(dimension("ConnectorName", "orders-cdc"), dimension("TopicPrefix", "orders"));
            assertThat(alarm.alarmActions()).containsExactly(TOPIC);
        });
    }

    @Test
    void lagAlarmWatchesTheTransformsMetricOfThisConnector() throws Exception {
        monitoringDryRun();
        PutMetricAlarmRequest lag = alarm("source-lag");
        assertThat(lag.namespace()).isEqualTo("MskCdc/Debezium");
        assertThat(lag.metricName()).isEqualTo("MilliSecondsBehindSource");
        assertThat(lag.dimensions())
                .containsExactly(dimension("ConnectorName", "orders-cdc"), dimension("TopicPrefix", "orders"));
        assertThat(lag.threshold()).isEqualTo(120000.0);
        assertThat(lag.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(lag.statistic()).isEqualTo(Statistic.MAXIMUM);
        assertThat(lag.alarmActions()).containsExactly(TOPIC);
    }

    @Test
    void taskAlarmsWatchMskConnectsOwnMetrics() throws Exception {
        monitoringDryRun();
        PutMetricAlarmRequest errored = alarm("errored-tasks");
        assertThat(errored.namespace()).isEqualTo("AWS/KafkaConnect");
        assertThat(errored.metricName()).isEqualTo("ErroredTaskCount");
        assertThat(errored.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(errored.threshold()).isZero();
        PutMetricAlarmRequest running = alarm("running-tasks");
        assertThat(running.metricName()).isEqualTo("RunningTaskCount");
        assertThat(running.comparisonOperator()).isEqualTo(ComparisonOperator.LESS_THAN_THRESHOLD);
        assertThat(running.threshold()).isEqualTo(1.0);
        assertThat(List.of(errored, running))
                .allSatisfy(alarm ->
                        assertThat(alarm.dimensions()).containsExactly(dimension("ConnectorName", "orders-cdc")));
    }

    @Test
    void dashboardBodyIsAPutDashboardRequestShowingOnlyThisConnector() throws Exception {
        monitoringDryRun();
        String body = Files.readString(workDir.resolve("out/dashboard.json"));
        PutDashboardRequest request = PutDashboardRequest.builder()
                .dashboardName("orders-cdc")
                .dashboardBody(body)
                .build();
        JsonNode dashboard = JsonNode.parser().parse(request.dashboardBody());
        List<String> lines = new ArrayList<>();
        for (JsonNode widget : dashboard.field("widgets").orElseThrow().asArray()) {
            JsonNode properties = widget.field("properties").orElseThrow();
            assertThat(properties.field("region").orElseThrow().asString()).isEqualTo("eu-west-1");
            for (JsonNode metric : properties.field("metrics").orElseThrow().asArray()) {
                List<JsonNode> parts = metric.asArray();
                StringBuilder line = new StringBuilder();
                parts.stream()
                        .filter(JsonNode::isString)
                        .forEach(part -> line.append(part.asString()).append(' '));
                lines.add(line.toString().trim());
            }
        }
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).contains("ConnectorName orders-cdc"));
        assertThat(lines)
                .filteredOn(line -> line.startsWith("MskCdc/Debezium "))
                .allSatisfy(line -> assertThat(line).endsWith("TopicPrefix orders"));
        assertThat(lines).anyMatch(line -> line.startsWith("MskCdc/Debezium MilliSecondsBehindSource "));
    }

    @Test
    void missingAlarmTopicIsNamedAndNothingIsCalled() throws Exception {
        DeployScript.Result result =
                DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "monitoring");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("set ALARM_TOPIC_ARN");
        assertThat(result.awsCalls()).isEmpty();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
