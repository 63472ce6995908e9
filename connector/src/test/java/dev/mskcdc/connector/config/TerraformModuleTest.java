package dev.mskcdc.connector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Terraform module (terraform/modules/msk-connect-debezium) and its example: parsed with HashiCorp's HCL2
 * parser, every resource argument and block checked against the AWS provider's schema for the pinned 5.x versions
 * (src/test/resources/terraform/aws-provider-schema.json, derived from the provider's source), and the requests
 * the module makes compared with the ones msk-deploy sends for the same rendered files. No Terraform binary runs:
 * nothing here plans or applies.
 */
class TerraformModuleTest {

    private static final Path TERRAFORM = Path.of("../terraform");
    private static final Path MODULE = TERRAFORM.resolve("modules/msk-connect-debezium");
    private static final Path EXAMPLE = TERRAFORM.resolve("examples/aurora-mysql");
    private static final Path SCHEMA = Path.of("src/test/resources/terraform/aws-provider-schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> META_ARGUMENTS =
            Set.of("count", "for_each", "depends_on", "provider", "lifecycle");
    private static final Set<String> LIFECYCLE =
            Set.of("create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by");
    private static final Pattern RENDERED_FILE = Pattern.compile("\\$\\{var\\.rendered_dir}/([\\w.-]+)");
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/service-role/orders-cdc-connect";

    @TempDir
    Path workDir;

    @Test
    void everyTerraformFileParsesWithHashiCorpsHclParser() throws Exception {
        JsonNode module = merged(MODULE);

        assertThat(fieldNames(module.path("resource")))
                .contains(
                        "aws_mskconnect_custom_plugin",
                        "aws_mskconnect_worker_configuration",
                        "aws_mskconnect_connector",
                        "aws_iam_role",
                        "aws_iam_role_policy",
                        "aws_cloudwatch_log_group",
                        "aws_cloudwatch_dashboard",
                        "aws_cloudwatch_metric_alarm");
        assertThat(fieldNames(merged(EXAMPLE).path("module"))).containsExactly("orders_cdc");
    }

    @Test
    void theParserRefusesBrokenHcl() throws Exception {
        Path broken =
                Files.writeString(workDir.resolve("broken.tf"), "resource \"aws_iam_role\" \"r\" {\n  name = \n}\n");

        assertThatThrownBy(() -> Hcl2Json.parse(List.of(broken)))
                .isInstanceOf(Hcl2Json.HclSyntaxError.class)
                .hasMessageContaining("broken.tf:2");
    }

    @Test
    void everyResourceArgumentAndBlockIsInTheProviderSchema() throws Exception {
        JsonNode schema = JSON.readTree(SCHEMA.toFile()).path("resources");
        List<String> violations = new ArrayList<>();
        for (Path directory : List.of(MODULE, EXAMPLE)) {
            JsonNode resources = merged(directory).path("resource");
            for (String type : fieldNames(resources)) {
                for (String name : fieldNames(resources.get(type))) {
                    String where = directory.getFileName() + ": " + type + "." + name;
                    if (!schema.has(type)) {
                        violations.add(where + ": resource type not in the schema file");
                        continue;
                    }
                    checkBody(where, resources.get(type).get(name).get(0), schema.get(type), true, violations);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theSchemaCheckFindsAnArgumentTheProviderDoesNotHave() throws Exception {
        JsonNode schema = JSON.readTree(SCHEMA.toFile()).path("resources");
        JsonNode connector = JSON.readTree(
                "{\"name\": \"c\", \"kafka_connect_version\": \"3.7.x\", \"arn\": \"x\", \"capacity\": [{}, {}]}");
        List<String> violations = new ArrayList<>();

        checkBody("test", connector, schema.get("aws_mskconnect_connector"), true, violations);

        assertThat(String.join("\n", violations))
                .contains("kafka_connect_version: not in the provider schema")
                .contains("arn: computed by the provider, cannot be set")
                .contains("capacity: 2 blocks, at most 1")
                .contains("connector_configuration: required argument missing")
                .contains("kafka_cluster: required block missing");
    }

    @Test
    void theModuleSendsTheRequestsMskDeploySends() throws Exception {
        Path rendered = render("0.1.0");
        JsonNode module = merged(MODULE);
        HclExpressions expressions = expressions(module, rendered);
        JsonNode resources = module.path("resource");

        // CreateConnector: the ARNs and revisions are Terraform's own resources (a new plugin and worker
        // configuration have revision 1, as msk-deploy's request says); everything else is the rendered request.
        ObjectNode expectedConnector = (ObjectNode)
                JSON.readTree(rendered.resolve("create-connector.json").toFile());
        ObjectNode customPlugin =
                (ObjectNode) expectedConnector.path("plugins").path(0).path("customPlugin");
        assertThat(customPlugin.path("revision").asInt()).isEqualTo(1);
        customPlugin.put("customPluginArn", "<aws_mskconnect_custom_plugin.this.arn>");
        customPlugin.put("revision", "<aws_mskconnect_custom_plugin.this.latest_revision>");
        ObjectNode worker = (ObjectNode) expectedConnector.path("workerConfiguration");
        assertThat(worker.path("revision").asInt()).isEqualTo(1);
        worker.put("workerConfigurationArn", "<aws_mskconnect_worker_configuration.this.arn>");
        worker.put("revision", "<aws_mskconnect_worker_configuration.this.latest_revision>");
        assertThat(expectedConnector.path("serviceExecutionRoleArn").asText()).isEqualTo(ROLE_ARN);
        expectedConnector.put("serviceExecutionRoleArn", "<aws_iam_role.execution.arn>");
        JsonNode connector =
                resources.path("aws_mskconnect_connector").path("this").path(0);
        assertThat(request(connector, "", expressions, null, TerraformModuleTest::connectorMember))
                .isEqualTo(expectedConnector);

        // The role is created under the name and path of SERVICE_EXECUTION_ROLE_ARN, so its ARN is that one.
        JsonNode role = resources.path("aws_iam_role").path("execution").path(0);
        assertThat("arn:aws:iam::123456789012:role" + value(expressions, role, "path")
                        + value(expressions, role, "name"))
                .isEqualTo(ROLE_ARN);
        assertThat(value(expressions, role, "assume_role_policy")).isEqualTo(read(rendered, "trust-policy.json"));
        assertRolePolicy(
                resources, expressions, "execution", "msk-cdc-kit-execution", rendered, "execution-role-policy.json");
        assertRolePolicy(
                resources, expressions, "secret_kms", "msk-cdc-kit-secret-kms", rendered, "secret-kms-policy.json");
        assertRolePolicy(resources, expressions, "metrics", "msk-cdc-kit-metrics", rendered, "metrics-policy.json");

        // CreateCustomPlugin and CreateWorkerConfiguration (the provider base64-encodes properties_file_content).
        JsonNode plugin =
                resources.path("aws_mskconnect_custom_plugin").path("this").path(0);
        assertThat(request(plugin, "", expressions, null, TerraformModuleTest::pluginMember))
                .isEqualTo(JSON.readTree(
                        rendered.resolve("create-custom-plugin.json").toFile()));
        JsonNode workerConfiguration = resources
                .path("aws_mskconnect_worker_configuration")
                .path("this")
                .path(0);
        ObjectNode workerRequest = request(workerConfiguration, "", expressions, null, TerraformModuleTest::camel);
        String properties = workerRequest.remove("propertiesFileContent").asText();
        assertThat(properties).isEqualTo(read(rendered, "worker.properties"));
        workerRequest.put(
                "propertiesFileContent",
                Base64.getEncoder().encodeToString(properties.getBytes(StandardCharsets.UTF_8)));
        assertThat(workerRequest)
                .isEqualTo(JSON.readTree(
                        rendered.resolve("create-worker-configuration.json").toFile()));

        // The log group msk-deploy checks or creates, the dashboard and every alarm monitoring puts.
        JsonNode logGroup =
                resources.path("aws_cloudwatch_log_group").path("worker").path(0);
        assertThat(value(expressions, logGroup, "name")).isEqualTo("/aws/msk-connect/orders-cdc");
        JsonNode dashboard =
                resources.path("aws_cloudwatch_dashboard").path("this").path(0);
        assertThat(value(expressions, dashboard, "dashboard_name")).isEqualTo("orders-cdc");
        assertThat(value(expressions, dashboard, "dashboard_body")).isEqualTo(read(rendered, "dashboard.json"));
        JsonNode alarm =
                resources.path("aws_cloudwatch_metric_alarm").path("this").path(0);
        List<Path> alarms;
        try (Stream<Path> files = Files.list(rendered)) {
            alarms = files.filter(file -> file.getFileName().toString().startsWith("alarm-"))
                    .sorted()
                    .toList();
        }
        assertThat(alarms).hasSize(5);
        for (Path alarmFile : alarms) {
            JsonNode sent = JSON.readTree(alarmFile.toFile());
            ObjectNode terraform = request(alarm, "", expressions, sent, TerraformModuleTest::alarmMember);
            ArrayNode dimensions = JSON.createArrayNode();
            terraform
                    .remove("Dimensions")
                    .fields()
                    .forEachRemaining(dimension -> dimensions.add(JSON.createObjectNode()
                            .put("Name", dimension.getKey())
                            .set("Value", dimension.getValue())));
            terraform.set("Dimensions", dimensions);
            assertThat(terraform).as(alarmFile.getFileName().toString()).isEqualTo(sent);
        }
    }

    @Test
    void aNewPluginVersionGetsANewPluginAndWorkerConfigurationWhileTheConnectorKeepsItsNameAndOffsetsTopic()
            throws Exception {
        JsonNode module = merged(MODULE);
        JsonNode resources = module.path("resource");
        HclExpressions first = expressions(module, render("0.1.0"));
        HclExpressions second = expressions(module, render("0.2.0"));
        JsonNode plugin =
                resources.path("aws_mskconnect_custom_plugin").path("this").path(0);
        JsonNode worker = resources
                .path("aws_mskconnect_worker_configuration")
                .path("this")
                .path(0);
        JsonNode connector =
                resources.path("aws_mskconnect_connector").path("this").path(0);

        // Both names change (ForceNew in the provider): new resources, created before the old ones go.
        assertThat(value(first, plugin, "name")).isEqualTo("orders-cdc-plugin-0-1-0");
        assertThat(value(second, plugin, "name")).isEqualTo("orders-cdc-plugin-0-2-0");
        assertThat(value(first, worker, "name")).isEqualTo("orders-cdc-worker-0-1-0");
        assertThat(value(second, worker, "name")).isEqualTo("orders-cdc-worker-0-2-0");
        assertThat(plugin.at("/lifecycle/0/create_before_destroy").asBoolean()).isTrue();
        assertThat(worker.at("/lifecycle/0/create_before_destroy").asBoolean()).isTrue();
        // The connector that replaces the old one has the same name and the same pinned offsets topic.
        assertThat(value(second, connector, "name")).isEqualTo(value(first, connector, "name"));
        String offsetsLine = "\noffset.storage.topic=__amazon_msk_connect_offsets_orders-cdc\n";
        assertThat(value(first, worker, "properties_file_content")).contains(offsetsLine);
        assertThat(value(second, worker, "properties_file_content")).contains(offsetsLine);
        assertThat(worker.at("/lifecycle/0/precondition/0/condition").asText())
                .isEqualTo("${strcontains(local.worker_properties, "
                        + "\"\\noffset.storage.topic=__amazon_msk_connect_offsets_${local.connector_name}\\n\")}");
        // Two connectors of one name cannot exist: the old one goes first.
        assertThat(connector.at("/lifecycle/0").has("create_before_destroy")).isFalse();
    }

    @Test
    void theConnectorIsNeverUpdatedInPlaceAndARolledBackChangeFailsTheApply() throws Exception {
        JsonNode resources = merged(MODULE).path("resource");
        JsonNode lifecycle = resources.at("/aws_mskconnect_connector/this/0/lifecycle/0");

        // capacity is the provider's only updatable argument (connector.go at the schema file's commit).
        assertThat(lifecycle.path("replace_triggered_by").get(0).asText()).isEqualTo("${terraform_data.capacity}");
        assertThat(resources.at("/terraform_data/capacity/0/input").asText())
                .isEqualTo("${local.connector_request.capacity}");
        JsonNode schema = JSON.readTree(SCHEMA.toFile()).path("resources").path("aws_mskconnect_connector");
        assertThat(schema.path("source").asText()).contains("every argument but capacity is ForceNew");
        List<String> conditions = new ArrayList<>();
        lifecycle
                .path("postcondition")
                .forEach(condition -> conditions.add(condition.path("condition").asText()));
        assertThat(conditions)
                .anyMatch(condition ->
                        condition.contains("self.connector_configuration == local.connector_configuration"))
                .anyMatch(condition -> condition.contains("self.capacity[0].provisioned_capacity[0].worker_count"));
    }

    @Test
    void everyFileTheModuleReadsIsOneMskDeployRenderWrites() throws Exception {
        Set<String> read = new HashSet<>();
        try (Stream<Path> files = Files.list(MODULE)) {
            for (Path file : files.filter(tf -> tf.toString().endsWith(".tf")).toList()) {
                Matcher matcher = RENDERED_FILE.matcher(Files.readString(file));
                while (matcher.find()) {
                    read.add(matcher.group(1));
                }
            }
        }
        assertThat(read).contains("create-connector.json", "trust-policy.json", "dashboard.json");
        Path rendered = render("0.1.0");

        assertThat(read).allSatisfy(file -> assertThat(rendered.resolve(file)).exists());
        assertThat(rendered.resolve("alarm-idle.json"))
                .as("fileset(alarm-*.json)")
                .exists();
    }

    @Test
    void renderWritesTheMonitoringFilesOnlyWithAnAlarmTopic() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        DeployScript.Result result = DeployScript.run(workDir, variables, "render");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(workDir.resolve("out/create-connector.json")).exists();
        assertThat(workDir.resolve("out/dashboard.json")).doesNotExist();
        assertThat(workDir.resolve("out/metrics-policy.json")).doesNotExist();
        assertThat(workDir.resolve("out/alarm-idle.json")).doesNotExist();
    }

    private Path render(String pluginVersion) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(workDir.resolve("render-" + pluginVersion));
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("PLUGIN_VERSION", pluginVersion);
        variables.put("PLUGIN_ZIP", "/tmp/mskcdc-kit-" + pluginVersion + ".zip");
        variables.put("SERVICE_EXECUTION_ROLE_ARN", ROLE_ARN);
        variables.put("ALARM_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:cdc-alarms");
        variables.put(
                "SECRET_KMS_KEY_ARN", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        DeployScript.Result result = DeployScript.run(directory, variables, "render");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return directory.resolve("out");
    }

    private static HclExpressions expressions(JsonNode module, Path rendered) {
        return new HclExpressions(
                module,
                Map.of(
                        "rendered_dir",
                        new TextNode(rendered.toString()),
                        "monitoring",
                        BooleanNode.TRUE,
                        "log_retention_in_days",
                        IntNode.valueOf(0)));
    }

    private static void assertRolePolicy(
            JsonNode resources,
            HclExpressions expressions,
            String resource,
            String policyName,
            Path rendered,
            String file)
            throws IOException {
        JsonNode policy = resources.path("aws_iam_role_policy").path(resource).path(0);
        assertThat(value(expressions, policy, "name")).isEqualTo(policyName);
        assertThat(Files.readString(DeployScript.SCRIPT)).contains("--policy-name " + policyName);
        assertThat(value(expressions, policy, "policy")).isEqualTo(read(rendered, file));
        assertThat(policy.path("role").asText()).isEqualTo("${aws_iam_role.execution.name}");
    }

    private static String value(HclExpressions expressions, JsonNode body, String argument) {
        return expressions.value(body.get(argument), null).asText();
    }

    private static String read(Path directory, String file) throws IOException {
        return Files.readString(directory.resolve(file), StandardCharsets.UTF_8);
    }

    /** The API request a resource's arguments make, named by {@code member} (path of snake_case names -> API name). */
    private static ObjectNode request(
            JsonNode body, String path, HclExpressions expressions, JsonNode eachValue, Member member) {
        ObjectNode request = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (path.isEmpty() && META_ARGUMENTS.contains(key)) {
                continue;
            }
            String memberPath = path.isEmpty() ? key : path + "." + key;
            String name = member.name(memberPath);
            JsonNode value = field.getValue();
            if (isBlock(value)) {
                if (name.equals("plugins")) {
                    ArrayNode list = request.putArray(name);
                    value.forEach(element -> list.add(request(element, memberPath, expressions, eachValue, member)));
                } else {
                    request.set(name, request(value.get(0), memberPath, expressions, eachValue, member));
                }
            } else {
                JsonNode evaluated = expressions.value(value, eachValue);
                if (!evaluated.isNull()) {
                    request.set(name, evaluated);
                }
            }
        }
        return request;
    }

    @FunctionalInterface
    private interface Member {
        String name(String path);
    }

    /** resourceConnectorCreate and its expand functions in the provider's connector.go. */
    private static String connectorMember(String path) {
        return switch (path) {
            case "name" -> "connectorName";
            case "description" -> "connectorDescription";
            case "kafkaconnect_version" -> "kafkaConnectVersion";
            case "plugin" -> "plugins";
            case "plugin.custom_plugin.arn" -> "customPluginArn";
            case "worker_configuration.arn" -> "workerConfigurationArn";
            case "log_delivery.worker_log_delivery.cloudwatch_logs" -> "cloudWatchLogs";
            default -> camel(path);
        };
    }

    /** expandCustomPluginLocation / expandS3Location in the provider's custom_plugin.go. */
    private static String pluginMember(String path) {
        return path.equals("location.s3") ? "s3Location" : camel(path);
    }

    /** PutMetricAlarm's member names (the provider's metric_alarm.go sends the same fields). */
    private static String alarmMember(String path) {
        if (path.equals("ok_actions")) {
            return "OKActions";
        }
        String name = camel(path);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String camel(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : last.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static void checkBody(
            String where, JsonNode body, JsonNode schema, boolean topLevel, List<String> violations) {
        Set<String> required = strings(schema.path("required"));
        Set<String> optional = strings(schema.path("optional"));
        Set<String> computed = strings(schema.path("computed"));
        JsonNode blocks = schema.path("blocks");
        for (String key : fieldNames(body)) {
            JsonNode value = body.get(key);
            String at = where + "." + key;
            if (topLevel && META_ARGUMENTS.contains(key)) {
                if (key.equals("lifecycle")) {
                    checkLifecycle(at, value, violations);
                }
            } else if (required.contains(key) || optional.contains(key)) {
                if (isBlock(value)) {
                    violations.add(at + ": an argument, written as a block");
                }
            } else if (computed.contains(key)) {
                violations.add(at + ": computed by the provider, cannot be set");
            } else if (blocks.has(key)) {
                JsonNode block = blocks.get(key);
                if (!isBlock(value)) {
                    violations.add(at + ": a block, written as an argument");
                    continue;
                }
                if (!block.path("max").isNull()
                        && value.size() > block.path("max").asInt()) {
                    violations.add(at + ": " + value.size() + " blocks, at most "
                            + block.path("max").asInt());
                }
                value.forEach(element -> checkBody(at, element, block, false, violations));
            } else {
                violations.add(at + ": not in the provider schema");
            }
        }
        required.stream()
                .filter(argument -> !body.has(argument))
                .forEach(argument -> violations.add(where + "." + argument + ": required argument missing"));
        fieldNames(blocks).stream()
                .filter(block -> blocks.get(block).path("min").asInt() > 0 && !body.has(block))
                .forEach(block -> violations.add(where + "." + block + ": required block missing"));
    }

    private static void checkLifecycle(String where, JsonNode lifecycle, List<String> violations) {
        for (JsonNode body : lifecycle) {
            for (String key : fieldNames(body)) {
                if (key.equals("precondition") || key.equals("postcondition")) {
                    body.get(key).forEach(condition -> {
                        if (!strings(JSON.valueToTree(fieldNames(condition)))
                                .equals(Set.of("condition", "error_message"))) {
                            violations.add(where + "." + key + ": needs exactly condition and error_message");
                        }
                    });
                } else if (!LIFECYCLE.contains(key)) {
                    violations.add(where + "." + key + ": not a lifecycle argument");
                }
            }
        }
    }

    private static boolean isBlock(JsonNode value) {
        return value.isArray() && !value.isEmpty() && value.get(0).isObject();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new HashSet<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The bodies of a directory's .tf files parsed and merged as Terraform merges a module's files. */
    private static JsonNode merged(Path directory) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.toString().endsWith(".tf"))
                    .sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        JsonNode parsed = Hcl2Json.parse(files);
        ObjectNode module = JSON.createObjectNode();
        for (JsonNode body : parsed) {
            for (String key : fieldNames(body)) {
                JsonNode value = body.get(key);
                if (value.isArray()) {
                    ArrayNode list = module.has(key) ? (ArrayNode) module.get(key) : module.putArray(key);
                    list.addAll((ArrayNode) value);
                } else {
                    ObjectNode target = module.has(key) ? (ObjectNode) module.get(key) : module.putObject(key);
                    for (String type : fieldNames(value)) {
                        if (target.has(type) && value.get(type).isObject()) {
                            ((ObjectNode) target.get(type)).setAll((ObjectNode) value.get(type));
                        } else {
                            target.set(type, value.get(type));
                        }
                    }
                }
            }
        }
        return module;
    }
}
