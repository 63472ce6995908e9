package dev.mskcdc.connector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamResource;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

import static org.assertj.core.api.Assertions.assertThat;

class IamPolicyDocumentsTest {

    private static final Path IAM = Path.of("config/iam");

    @TempDir
    Path workDir;

    @Test
    void everyPolicyParsesAndNamesOnlyRealActions() throws IOException {
        Set<String> known = knownActions();
        for (Path file : policyFiles()) {
            IamPolicy policy = IamPolicy.fromJson(Files.readString(file));
            assertThat(policy.statements()).as(file.toString()).isNotEmpty();
            for (IamStatement statement : policy.statements()) {
                assertThat(statement.effect()).as(file + " " + statement.sid()).isEqualTo(IamEffect.ALLOW);
                assertThat(statement.notActions())
                        .as("NotAction grants everything else")
                        .isEmpty();
                assertThat(statement.actions())
                        .extracting(IamAction::value)
                        .as(file + " " + statement.sid() + ": add real actions to known-actions.txt with their source")
                        .isSubsetOf(known)
                        .noneMatch(action -> action.contains("*"));
            }
        }
    }

    @Test
    void knownActionsListHasNoEntryThatNoPolicyUses() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path file : policyFiles()) {
            IamPolicy.fromJson(Files.readString(file))
                    .statements()
                    .forEach(statement -> statement.actions().forEach(action -> used.add(action.value())));
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(knownActions());
    }

    @Test
    void executionRoleIsScopedToTheClusterTheTopicPrefixAndTheOneSecret() throws IOException {
        IamPolicy policy = IamPolicy.fromJson(Files.readString(IAM.resolve("execution-role-policy.json")));

        List<String> resources = policy.statements().stream()
                .flatMap(statement -> statement.resources().stream())
                .map(IamResource::value)
                .toList();
        assertThat(resources)
                .allMatch(resource -> resource.startsWith("arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:")
                        || resource.equals("{{SECRET_ARN}}"));
        assertThat(resources).noneMatch(resource -> resource.endsWith("/*") || resource.equals("*"));
        assertThat(resources)
                .contains(
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:topic/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/{{TOPIC_PREFIX}}*",
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:topic/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/__amazon_msk_connect_*",
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:topic/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/__debezium-heartbeat.{{TOPIC_PREFIX}}",
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:group/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/{{TOPIC_PREFIX}}-schemahistory",
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:group/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/{{TOPIC_PREFIX}}-signal");
        // Only the schema history and the signal topic are read; change-event topics are write-only for the connector.
        assertThat(policy.statements())
                .filteredOn(s -> s.actions().contains(IamAction.create("kafka-cluster:ReadData")))
                .flatExtracting(IamStatement::resources)
                .extracting(IamResource::value)
                .containsExactlyInAnyOrder(
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:topic/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/{{TOPIC_PREFIX}}.schema-history",
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:topic/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/{{TOPIC_PREFIX}}-signal",
                        "arn:aws:kafka:{{AWS_REGION}}:{{ACCOUNT_ID}}:topic/{{CLUSTER_NAME}}/{{CLUSTER_UUID}}/__amazon_msk_connect_*");
    }

    @Test
    void metricsPolicyAllowsPutMetricDataOnlyInTheMetricsNamespace() throws IOException {
        IamStatement statement = IamPolicy.fromJson(Files.readString(IAM.resolve("metrics-policy.json")))
                .statements()
                .get(0);

        // PutMetricData has no resource type: the namespace condition key is the only way to scope it.
        assertThat(statement.actions()).extracting(IamAction::value).containsExactly("cloudwatch:PutMetricData");
        assertThat(statement.conditions()).singleElement().satisfies(condition -> {
            assertThat(condition.key().value()).isEqualTo("cloudwatch:namespace");
            assertThat(condition.operator().value()).isEqualTo("StringEquals");
            assertThat(condition.value()).isEqualTo("{{METRICS_NAMESPACE}}");
        });
    }

    @Test
    void trustPolicyLetsOnlyMskConnectAssumeTheRoleForThisAccountsConnector() throws IOException {
        IamStatement statement = IamPolicy.fromJson(Files.readString(IAM.resolve("trust-policy.json")))
                .statements()
                .get(0);

        assertThat(statement.principals())
                .singleElement()
                .satisfies(principal -> assertThat(principal.id()).isEqualTo("kafkaconnect.amazonaws.com"));
        assertThat(statement.conditions())
                .extracting(condition -> condition.key().value())
                .containsExactlyInAnyOrder("aws:SourceAccount", "aws:SourceArn");
    }

    @Test
    void renderedPoliciesHaveNoPlaceholderLeftAndStillParse() throws Exception {
        var variables = DeployScript.sampleVariables();
        variables.put(
                "SECRET_KMS_KEY_ARN", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        DeployScript.Result result = DeployScript.run(workDir, variables, "render");
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        for (String name : List.of(
                "trust-policy.json", "execution-role-policy.json", "deployer-policy.json", "secret-kms-policy.json")) {
            String rendered = Files.readString(workDir.resolve("out").resolve(name));
            assertThat(rendered).as(name).doesNotContain("{{");
            assertThat(IamPolicy.fromJson(rendered).statements()).as(name).isNotEmpty();
        }
    }

    private static List<Path> policyFiles() throws IOException {
        try (Stream<Path> files = Files.list(IAM)) {
            List<Path> policies = files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
            assertThat(policies).hasSize(5);
            return policies;
        }
    }

    private static Set<String> knownActions() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/iam/known-actions.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
