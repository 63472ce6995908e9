package dev.mskcdc.connector.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kafkaconnect.model.CreateConnectorRequest;
import software.amazon.awssdk.services.kafkaconnect.model.CreateWorkerConfigurationRequest;
import software.amazon.awssdk.services.kafkaconnect.model.UpdateConnectorRequest;

import static org.assertj.core.api.Assertions.assertThat;

class MskDeployScriptTest {

    private static final String CONNECTOR_ARN = "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/abc";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    @TempDir
    Path workDir;

    @Test
    void dryRunDeployPrintsTheAwsCallsInOrder() throws Exception {
        DeployScript.Result result = DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "deploy");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String out = workDir.resolve("out").toString();
        assertThat(result.awsCalls())
                .containsExactly(
                        "aws kafkaconnect list-custom-plugins --name-prefix orders-cdc-plugin-0-1-0 --query customPlugins\\[\\?name==\\'orders-cdc-plugin-0-1-0\\'\\].customPluginArn\\ \\|\\ \\[0\\] --output text",
                        "aws s3 cp /tmp/msk-cdc-kit-0.1.0.zip s3://my-plugins/msk-cdc-kit/0.1.0/msk-cdc-kit-0.1.0.zip",
                        "aws kafkaconnect create-custom-plugin --cli-input-json file://" + out
                                + "/create-custom-plugin.json --query customPluginArn --output text",
                        "aws kafkaconnect describe-custom-plugin --custom-plugin-arn arn:aws:kafkaconnect:eu-west-1:123456789012:custom-plugin/orders-cdc-plugin-0-1-0/dry-run --query customPluginState --output text",
                        "aws kafkaconnect list-worker-configurations --name-prefix orders-cdc-worker-0-1-0 --query workerConfigurations\\[\\?name==\\'orders-cdc-worker-0-1-0\\'\\].workerConfigurationArn\\ \\|\\ \\[0\\] --output text",
                        "aws kafkaconnect create-worker-configuration --cli-input-json file://" + out
                                + "/create-worker-configuration.json --query workerConfigurationArn --output text",
                        "aws logs describe-log-groups --log-group-name-prefix /aws/msk-connect/orders-cdc --query logGroups\\[\\?logGroupName==\\'/aws/msk-connect/orders-cdc\\'\\].logGroupName\\ \\|\\ \\[0\\] --output text",
                        "aws logs create-log-group --log-group-name /aws/msk-connect/orders-cdc",
                        "aws kafkaconnect list-connectors --connector-name-prefix orders-cdc --query connectors\\[\\?connectorName==\\'orders-cdc\\'\\].connectorArn\\ \\|\\ \\[0\\] --output text",
                        "aws kafkaconnect create-connector --cli-input-json file://" + out
                                + "/create-connector.json --query connectorArn --output text",
                        "aws kafkaconnect describe-connector --connector-arn arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/dry-run --query connectorState --output text");
    }

    @Test
    void renderedConnectorConfigurationIsTheReferencePropertiesFileWithTheVariablesFilledIn() throws Exception {
        DeployScript.Result result = DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "deploy");
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        CreateConnectorRequest request =
                DeployScript.request(workDir, "create-connector.json", CreateConnectorRequest::builder);

        Map<String, String> expected = javaPropertiesWithVariables(
                Path.of("config/msk/connector.properties"),
                Map.of(
                        "DATABASE_HOST",
                        "orders.cluster-abc.eu-west-1.rds.amazonaws.com",
                        "DATABASE_PORT",
                        "3306",
                        "DATABASE_SECRET",
                        "prod/orders/cdc",
                        "DATABASE_SERVER_ID",
                        "184001",
                        "DATABASE_INCLUDE_LIST",
                        "orders",
                        "TABLE_INCLUDE_LIST",
                        "orders.orders,orders.order_lines",
                        "TOPIC_PREFIX",
                        "orders",
                        "SIGNAL_DATA_COLLECTION",
                        "orders.debezium_signal",
                        "BOOTSTRAP_SERVERS",
                        "b-1.orders.kafka.eu-west-1.amazonaws.com:9098,b-2.orders.kafka.eu-west-1.amazonaws.com:9098"));
        assertThat(request.connectorConfiguration()).isEqualTo(expected);
        assertThat(request.connectorConfiguration())
                .containsEntry("database.password", "${secretsmanager:prod/orders/cdc:password}")
                .containsEntry("topic.prefix", "orders");
        assertThat(request.connectorName()).isEqualTo("orders-cdc");
        assertThat(request.kafkaCluster().apacheKafkaCluster().vpc().subnets())
                .containsExactly("subnet-0aaa", "subnet-0bbb");
        assertThat(request.plugins().get(0).customPlugin().customPluginArn())
                .isEqualTo("arn:aws:kafkaconnect:eu-west-1:123456789012:custom-plugin/orders-cdc-plugin-0-1-0/dry-run");
        assertThat(request.serviceExecutionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/orders-cdc-connect");
        assertThat(request.logDelivery().workerLogDelivery().cloudWatchLogs().logGroup())
                .isEqualTo("/aws/msk-connect/orders-cdc");
    }

    @Test
    void workerConfigurationIsBase64OfTheRenderedWorkerPropertiesWithAStableOffsetsTopic() throws Exception {
        DeployScript.Result result = DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "deploy");
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        CreateWorkerConfigurationRequest request = DeployScript.request(
                workDir, "create-worker-configuration.json", CreateWorkerConfigurationRequest::builder);
        String decoded = new String(
                Base64.getDecoder().decode(request.propertiesFileContent()), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(decoded).isEqualTo(Files.readString(workDir.resolve("out/worker.properties")));
        Properties worker = new Properties();
        worker.load(new StringReader(decoded));
        assertThat(worker.getProperty("offset.storage.topic")).isEqualTo("__amazon_msk_connect_offsets_orders-cdc");
        assertThat(worker.getProperty("config.providers.secretsmanager.param.region"))
                .isEqualTo("eu-west-1");
        assertThat(worker.getProperty("config.providers.secretsmanager.param.allowlist"))
                .isEqualTo("prod/orders/cdc");
        assertThat(decoded).doesNotContain("{{");
    }

    @Test
    void dryRunUpgradeKeepsTheConnectorNameAndWorkerConfigurationAndMakesANewPlugin() throws Exception {
        DeployScript.Result result = DeployScript.run(workDir, upgradeTo020(), "--dry-run", "upgrade");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.awsOperations())
                .containsExactly(
                        "kafkaconnect list-connectors",
                        "kafkaconnect describe-connector",
                        "kafkaconnect describe-connector",
                        "kafkaconnect describe-worker-configuration",
                        "kafkaconnect list-custom-plugins",
                        "s3 cp",
                        "kafkaconnect create-custom-plugin",
                        "kafkaconnect describe-custom-plugin",
                        "kafkaconnect list-worker-configurations",
                        "kafkaconnect create-worker-configuration",
                        "kafkaconnect delete-connector",
                        "kafkaconnect describe-connector",
                        "kafkaconnect create-connector",
                        "kafkaconnect describe-connector");
        CreateWorkerConfigurationRequest worker = DeployScript.request(
                workDir, "create-worker-configuration.json", CreateWorkerConfigurationRequest::builder);
        assertThat(worker.name()).as("a worker configuration per version").isEqualTo("orders-cdc-worker-0-2-0");
        assertThat(new String(
                        java.util.Base64.getDecoder().decode(worker.propertiesFileContent()),
                        java.nio.charset.StandardCharsets.UTF_8))
                .as("the same offsets topic, so the new connector finds its offsets")
                .contains(
                        "offset.storage.topic=__amazon_msk_connect_offsets_orders-cdc",
                        "value.converter.decimal.format=NUMERIC");
        CreateConnectorRequest request =
                DeployScript.request(workDir, "create-connector.json", CreateConnectorRequest::builder);
        assertThat(request.connectorName()).isEqualTo("orders-cdc");
        assertThat(request.workerConfiguration().workerConfigurationArn())
                .isEqualTo(
                        "arn:aws:kafkaconnect:eu-west-1:123456789012:worker-configuration/orders-cdc-worker-0-2-0/dry-run");
        assertThat(request.plugins().get(0).customPlugin().customPluginArn()).contains("orders-cdc-plugin-0-2-0");
        assertThat(Files.readString(workDir.resolve("out/create-custom-plugin.json")))
                .contains("\"fileKey\": \"msk-cdc-kit/0.2.0/msk-cdc-kit-0.2.0.zip\"");
    }

    @Test
    void dryRunAddTableUpdatesTheConfigurationInPlaceWaitsForTheOperationThenSignalsOnlyTheNewTable() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("TABLE_INCLUDE_LIST", "orders\\.orders,orders\\.order_lines,orders\\.refunds");

        DeployScript.Result result = DeployScript.run(workDir, variables, "--dry-run", "add-table", "orders.refunds");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String out = workDir.resolve("out").toString();
        assertThat(result.awsOperations())
                .containsExactly(
                        "kafkaconnect list-connectors",
                        "kafkaconnect describe-connector",
                        "kafkaconnect describe-connector",
                        "kafkaconnect update-connector",
                        "kafkaconnect describe-connector-operation");
        assertThat(result.awsCalls().get(4)).endsWith("--query connectorOperationState --output text");
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines.get(lines.size() - 1))
                .startsWith("CLASSPATH=")
                .contains(
                        "kafka-console-producer.sh",
                        "--producer.config " + out + "/signal-client.properties",
                        "--topic orders-signal",
                        "parse.key=true");

        UpdateConnectorRequest request =
                DeployScript.request(workDir, "update-connector.json", UpdateConnectorRequest::builder);
        assertThat(request.connectorArn())
                .isEqualTo("arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/dry-run");
        assertThat(request.connectorConfiguration())
                .containsEntry("table.include.list", "orders\\.orders,orders\\.order_lines,orders\\.refunds")
                .containsEntry("topic.prefix", "orders")
                .containsEntry("signal.kafka.topic", "orders-signal");
        String signal = Files.readString(workDir.resolve("out/add-table-signal.txt"));
        assertThat(signal.substring(0, signal.indexOf('\t')))
                .as("the key Debezium compares with topic.prefix")
                .isEqualTo("orders");
        JsonNode value = new ObjectMapper().readTree(signal.substring(signal.indexOf('\t') + 1));
        assertThat(value.path("type").asText()).isEqualTo("execute-snapshot");
        assertThat(value.path("data").path("type").asText()).isEqualTo("incremental");
        assertThat(value.path("data").path("data-collections"))
                .containsExactly(new ObjectMapper().getNodeFactory().textNode("orders.refunds"));
        assertThat(Files.readAllLines(workDir.resolve("out/signal-client.properties")))
                .contains("security.protocol=SASL_SSL", "sasl.mechanism=AWS_MSK_IAM");
    }

    @Test
    void addTableRefusesATableMissingFromTheIncludeListBeforeAnyCall() throws Exception {
        DeployScript.Result result =
                DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "add-table", "orders.refunds");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("orders.refunds is not in TABLE_INCLUDE_LIST: add orders\\.refunds to it");
        assertThat(result.awsCalls()).isEmpty();
    }

    @Test
    void addTableRefusesATableWhoseDatabaseIsNotCapturedBeforeAnyCall() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("TABLE_INCLUDE_LIST", "orders.orders,billing.invoices");

        DeployScript.Result result = DeployScript.run(workDir, variables, "--dry-run", "add-table", "billing.invoices");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("database billing is not in DATABASE_INCLUDE_LIST (orders)");
        assertThat(result.awsCalls()).isEmpty();
    }

    @Test
    void addTableFailsWhenMskConnectRolledTheUpdateBackAndSendsNoSignal() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("TABLE_INCLUDE_LIST", "orders.orders,orders.refunds");
        Path bin = DeployScript.awsWithTheConnector(workDir, CONNECTOR_ARN, """
                  *topic.prefix*) echo orders ;;
                  *currentVersion*) echo V1 ;;
                  *update-connector*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:connector-operation/orders-cdc/abc/op1 ;;
                  *describe-connector-operation*)
                    n=$(cat "$0.count" 2>/dev/null || echo 0); echo $((n + 1)) > "$0.count"
                    if [ "$n" -lt 2 ]; then echo UPDATE_IN_PROGRESS; else echo ROLLBACK_COMPLETE; fi ;;
                """);

        DeployScript.Result result = DeployScript.run(
                DeployScript.SCRIPT, workDir, variables, bin, "--no-table-check", "add-table", "orders.refunds");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(
                        "operation ROLLBACK_COMPLETE",
                        "runs its PREVIOUS configuration",
                        "describe-connector-operation --connector-operation-arn arn:aws:kafkaconnect:eu-west-1:123456789012:connector-operation/orders-cdc/abc/op1");
        assertThat(Files.readString(bin.resolve("aws.count")).strip())
                .as("polled until the rollback showed")
                .isEqualTo("3");
        assertThat(result.stderr()).doesNotContain("kafka-console-producer.sh");
        assertThat(Files.readString(workDir.resolve("out/update-connector.json")))
                .contains("\"currentVersion\": \"V1\"");
    }

    @Test
    void addTableSucceedsOnceTheOperationCompletes() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("TABLE_INCLUDE_LIST", "orders.orders,orders.refunds");
        Path jar = Files.writeString(workDir.resolve("aws-msk-iam-auth-all.jar"), "stand-in");
        variables.put("MSK_IAM_AUTH_JAR", jar.toString());
        Path bin = awsWithAnAddTableUpdateThatCompletes();
        Path producer = bin.resolve("kafka-console-producer.sh");
        Files.writeString(producer, "#!/bin/sh\necho \"$CLASSPATH $*\" > \"$0.args\"\ncat > \"$0.stdin\"\n");
        producer.toFile().setExecutable(true);

        DeployScript.Result result = DeployScript.run(
                DeployScript.SCRIPT, workDir, variables, bin, "--no-table-check", "add-table", "orders.refunds");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readString(bin.resolve("kafka-console-producer.sh.args")))
                .startsWith(jar.toString())
                .contains("--topic orders-signal");
        assertThat(Files.readString(bin.resolve("kafka-console-producer.sh.stdin")))
                .startsWith("orders\t{")
                .contains("\"data-collections\":[\"orders.refunds\"]");
    }

    @Test
    void upgradeFailsWhenTheRecreatedConnectorFailsAndSaysTheOffsetsAreKept() throws Exception {
        Map<String, String> variables = upgradeTo020();
        // The old connector is gone after one poll (NotFoundException); the new one goes CREATING, then FAILED.
        Path bin = scriptedAws("""
                case "$*" in
                  *list-connectors*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/old ;;
                  *list-custom-plugins*|*list-worker-configurations*) echo None ;;
                  *workerConfiguration*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:worker-configuration/orders-cdc-worker/w1 ;;
                  *describe-worker-configuration*) printf 'offset.storage.topic=__amazon_msk_connect_offsets_orders-cdc\n' | base64 ;;
                  *create-worker-configuration*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:worker-configuration/orders-cdc-worker-0-2-0/w2 ;;
                  *topic.prefix*) echo orders ;;
                  "s3 cp"*) ;;
                  *create-custom-plugin*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:custom-plugin/orders-cdc-plugin-0-2-0/p1 ;;
                  *describe-custom-plugin*) echo ACTIVE ;;
                  *delete-connector*) ;;
                  *create-connector*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/new ;;
                  *"connector/orders-cdc/old --query connectorState"*)
                    echo "An error occurred (NotFoundException) when calling the DescribeConnector operation" >&2; exit 254 ;;
                  *"connector/orders-cdc/new --query connectorState"*)
                    n=$(cat "$0.count" 2>/dev/null || echo 0); echo $((n + 1)) > "$0.count"
                    if [ "$n" -lt 1 ]; then echo CREATING; else echo FAILED; fi ;;
                  *) echo "unexpected: $*" >&2; exit 9 ;;
                esac
                """);

        DeployScript.Result result = DeployScript.run(DeployScript.SCRIPT, workDir, variables, bin, "upgrade");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
        assertThat(Files.readString(bin.resolve("aws.count")).strip())
                .as("polled until the state showed FAILED")
                .isEqualTo("2");
        assertThat(result.stderr())
                .contains(
                        "connector orders-cdc is FAILED",
                        "offsets topic is kept",
                        "upgrade again with the previous PLUGIN_VERSION");
    }

    @Test
    void upgradeRefusesWhenTheRunningWorkerConfigurationKeepsOffsetsElsewhere() throws Exception {
        Map<String, String> variables = upgradeTo020();
        Path bin = scriptedAws("""
                case "$*" in
                  *list-connectors*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-cdc/old ;;
                  *workerConfiguration*) echo arn:aws:kafkaconnect:eu-west-1:123456789012:worker-configuration/hand-made/w1 ;;
                  *topic.prefix*) echo orders ;;
                  *describe-worker-configuration*) printf 'offset.storage.topic=connect-offsets\n' | base64 ;;
                  *) echo "unexpected: $*" >&2; exit 9 ;;
                esac
                """);

        DeployScript.Result result = DeployScript.run(DeployScript.SCRIPT, workDir, variables, bin, "upgrade");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(
                        "keeps offsets in 'connect-offsets'",
                        "this release's in '__amazon_msk_connect_offsets_orders-cdc'",
                        "would re-snapshot every table");
    }

    @Test
    void iamKeepsTheRolePathSoTheCreatedRoleHasTheArnTheConnectorNames() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("SERVICE_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/service-role/orders-cdc-connect");

        DeployScript.Result result = DeployScript.run(workDir, variables, "--dry-run", "iam");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.awsCalls().get(0))
                .startsWith("aws iam create-role --role-name orders-cdc-connect --path /service-role/ ");
    }

    @Test
    void renderConnectorAsksOnlyForTheVariablesConnectorPropertiesNames() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        for (String unused : List.of(
                "MSK_CLUSTER_ARN",
                "SUBNET_IDS",
                "SECURITY_GROUP_IDS",
                "S3_BUCKET",
                "PLUGIN_ZIP",
                "PLUGIN_VERSION",
                "SERVICE_EXECUTION_ROLE_ARN")) {
            variables.remove(unused);
        }

        DeployScript.Result result = DeployScript.run(workDir, variables, "render", "connector");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.list(workDir.resolve("out"))
                        .map(path -> path.getFileName().toString())
                        .toList())
                .containsExactly("connector.properties");
        assertThat(Files.readString(workDir.resolve("out/connector.properties")))
                .contains("topic.prefix=orders");

        variables.remove("DATABASE_HOST");
        DeployScript.Result missing = DeployScript.run(workDir, variables, "render", "connector");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("needs DATABASE_HOST").doesNotContain("SUBNET_IDS", "S3_BUCKET");
    }

    @Test
    void addTableRefusesATableTheDatabaseDoesNotHaveBeforeAnyUpdate() throws Exception {
        DeployScript.Result result = addTableWithPreflightAnswering("FAIL");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains(
                        "add-table: orders.refunds does not exist, or debezium cannot see it",
                        "\"id\":\"include-list\",\"status\":\"FAIL\"");
        assertThat(Files.readString(workDir.resolve("bin/aws.calls")))
                .as("no update, no signal")
                .doesNotContain("update-connector");
        assertThat(Files.readString(workDir.resolve("plugin/bin/preflight.args")))
                .contains("--user debezium --password-env DATABASE_PASSWORD --json")
                .doesNotContain("s3cr3t");
        assertThat(Files.readString(workDir.resolve("plugin/bin/preflight.include")))
                .isEqualTo("table.include.list=orders\\\\.refunds\n");
    }

    @Test
    void addTableGoesOnWhenThePreflightFindsTheTable() throws Exception {
        DeployScript.Result result = addTableWithPreflightAnswering("PASS");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readString(workDir.resolve("bin/aws.calls"))).contains("update-connector");
    }

    /** The script copied into an unpacked-ZIP layout beside a stand-in bin/preflight that answers {@code status}. */
    private DeployScript.Result addTableWithPreflightAnswering(String status) throws Exception {
        Path plugin = pluginWithTheScript();
        Path preflight = plugin.resolve("bin/preflight");
        Files.writeString(
                preflight,
                "#!/bin/bash\necho \"$*\" > \"$0.args\"\n"
                        + "for f in \"$@\"; do case \"$f\" in *.add-table-check.properties) cat \"$f\" > \"$0.include\";; esac; done\n"
                        + "echo '{\"target\":\"x\",\"passed\":false,\"checks\":[{\"id\":\"include-list\",\"status\":\""
                        + status
                        + "\",\"finding\":\"f\",\"fix\":\"\"}]}'\nexit 1\n");
        preflight.toFile().setExecutable(true);
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("TABLE_INCLUDE_LIST", "orders.orders,orders.refunds");
        variables.put("DATABASE_USER", "debezium");
        variables.put("DATABASE_PASSWORD", "s3cr3t");
        variables.put(
                "MSK_IAM_AUTH_JAR",
                Files.writeString(workDir.resolve("iam.jar"), "stand-in").toString());
        Path bin = awsWithAnAddTableUpdateThatCompletes();
        Path producer = bin.resolve("kafka-console-producer.sh");
        Files.writeString(producer, "#!/bin/sh\ncat > /dev/null\n");
        producer.toFile().setExecutable(true);
        return DeployScript.run(
                plugin.resolve("bin/msk-deploy"),
                workDir,
                variables,
                bin,
                "--config-dir",
                Path.of("config").toAbsolutePath().toString(),
                "add-table",
                "orders.refunds");
    }

    /** A stand-in AWS CLI for add-table: the connector is found and the UpdateConnector operation completes. */
    private Path awsWithAnAddTableUpdateThatCompletes() throws IOException {
        return DeployScript.awsWithTheConnector(workDir, CONNECTOR_ARN, """
                  *topic.prefix*) echo orders ;;
                  *currentVersion*) echo V1 ;;
                  *update-connector*) echo arn:op ;;
                  *describe-connector-operation*) echo UPDATE_COMPLETE ;;
                """);
    }

    /** msk-deploy copied into an unpacked-ZIP layout, {@code plugin/bin/msk-deploy}; returns {@code plugin}. */
    private Path pluginWithTheScript() throws IOException {
        Path plugin = workDir.resolve("plugin");
        Files.copy(
                DeployScript.SCRIPT,
                Files.createDirectories(plugin.resolve("bin")).resolve("msk-deploy"));
        return plugin;
    }

    /** The sample variables for an upgrade to 0.2.0, with a stand-in ZIP in workDir. */
    private Map<String, String> upgradeTo020() throws IOException {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("PLUGIN_VERSION", "0.2.0");
        variables.put(
                "PLUGIN_ZIP",
                Files.writeString(workDir.resolve("msk-cdc-kit-0.2.0.zip"), "stand-in")
                        .toString());
        return variables;
    }

    /** A stand-in {@code aws} command answering from a shell {@code case} on its arguments. */
    private Path scriptedAws(String body) throws Exception {
        return DeployScript.scriptedAws(workDir, body);
    }

    @Test
    void missingVariableIsNamedAndNothingIsCalled() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.remove("DATABASE_SERVER_ID");

        DeployScript.Result result = DeployScript.run(workDir, variables, "--dry-run", "deploy");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("connector.properties (database.server.id) needs DATABASE_SERVER_ID");
        assertThat(result.awsCalls())
                .as("nothing uploaded or created before the mistake is found")
                .isEmpty();
    }

    @Test
    void anRdsManagedMasterSecretIsAWarningNotARefusal() throws Exception {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"
                + "rds!cluster-0a1b2c3d-4e5f-6789-abcd-ef0123456789-AbCdEf";
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("DATABASE_SECRET", arn);

        DeployScript.Result result = DeployScript.run(workDir, variables, "render", "connector");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr())
                .contains("WARNING: DATABASE_SECRET " + arn + " is an RDS-managed master user secret")
                .contains("alternating-users rotation", "Secret rotation");
        assertThat(DeployScript.run(workDir, DeployScript.sampleVariables(), "render", "connector")
                        .stderr())
                .as("the sample's own secret")
                .doesNotContain("WARNING");
    }

    @Test
    void secretGivenByArnIsUsedAsItIsInTheConfigurationTheAllowlistAndTheExecutionRole() throws Exception {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/cdc-AbCdEf";
        Map<String, String> variables = DeployScript.sampleVariables();
        variables.put("DATABASE_SECRET", arn);

        DeployScript.Result result = DeployScript.run(workDir, variables, "render");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readString(workDir.resolve("out/connector.properties")))
                .contains("database.password=${secretsmanager:" + arn + ":password}");
        assertThat(Files.readString(workDir.resolve("out/worker.properties")))
                .contains("config.providers.secretsmanager.param.allowlist=" + arn);
        assertThat(Files.readString(workDir.resolve("out/execution-role-policy.json")))
                .contains("\"Resource\": \"" + arn + "\"");
    }

    @Test
    void regularExpressionsAndJsonSpecialCharactersArriveUnchangedInTheRequestAndTheRenderedFile() throws Exception {
        Map<String, String> variables = DeployScript.sampleVariables();
        String tables = "orders\\.order_(lines|notes),orders\\.\"odd\" & more";
        variables.put("TABLE_INCLUDE_LIST", tables);

        DeployScript.Result result = DeployScript.run(workDir, variables, "--dry-run", "deploy");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        CreateConnectorRequest request =
                DeployScript.request(workDir, "create-connector.json", CreateConnectorRequest::builder);
        assertThat(request.connectorConfiguration()).containsEntry("table.include.list", tables);
        Properties rendered = ReferenceConfigurationTest.load(workDir.resolve("out/connector.properties"));
        Map<String, String> renderedMap = new HashMap<>();
        rendered.stringPropertyNames().forEach(key -> renderedMap.put(key, rendered.getProperty(key)));
        assertThat(renderedMap).isEqualTo(request.connectorConfiguration());
    }

    @Test
    void iamDryRunCreatesTheRoleWithTheRenderedTrustAndExecutionPolicies() throws Exception {
        DeployScript.Result result = DeployScript.run(workDir, DeployScript.sampleVariables(), "--dry-run", "iam");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String out = workDir.resolve("out").toString();
        assertThat(result.awsCalls())
                .containsExactly(
                        "aws iam create-role --role-name orders-cdc-connect --path / --assume-role-policy-document file://"
                                + out
                                + "/trust-policy.json --description MSK\\ Connect\\ execution\\ role\\ of\\ orders-cdc\\ \\(MSK\\ CDC\\ Kit\\)",
                        "aws iam put-role-policy --role-name orders-cdc-connect --policy-name msk-cdc-kit-execution --policy-document file://"
                                + out + "/execution-role-policy.json");
        assertThat(Files.readString(workDir.resolve("out/execution-role-policy.json")))
                .contains(
                        "arn:aws:kafka:eu-west-1:123456789012:topic/orders-msk/0a1b2c3d-1111-2222-3333-444455556666-2/orders*")
                .contains("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/cdc-??????")
                .doesNotContain("{{");
    }

    @Test
    void inTheUnpackedPluginZipTheScriptFindsTheConfigurationsUnderEtc() throws Exception {
        Path plugin = pluginWithTheScript();
        try (var files = Files.walk(Path.of("config"))) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path target = plugin.resolve("etc").resolve(Path.of("config").relativize(source));
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }

        DeployScript.Result result =
                DeployScript.run(plugin.resolve("bin/msk-deploy"), workDir, DeployScript.sampleVariables(), "render");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readString(workDir.resolve("out/connector.properties")))
                .contains("topic.prefix=orders");
    }

    /** As the local stack renders: read the template as properties, then fill the values literally. */
    static Map<String, String> javaPropertiesWithVariables(Path file, Map<String, String> variables)
            throws IOException {
        Properties template = ReferenceConfigurationTest.load(file);
        Map<String, String> map = new HashMap<>();
        for (String key : template.stringPropertyNames()) {
            Matcher matcher = PLACEHOLDER.matcher(template.getProperty(key));
            StringBuilder value = new StringBuilder();
            while (matcher.find()) {
                String replacement = variables.get(matcher.group(1));
                if (replacement == null) {
                    throw new AssertionError("test has no value for " + matcher.group(1));
                }
                matcher.appendReplacement(value, Matcher.quoteReplacement(replacement));
            }
            map.put(key, matcher.appendTail(value).toString());
        }
        return map;
    }
}
