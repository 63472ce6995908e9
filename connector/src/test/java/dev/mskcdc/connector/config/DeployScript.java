package dev.mskcdc.connector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Runs connector/bin/msk-deploy as a user would, with a clean environment of sample variables. */
final class DeployScript {

    static final Path SCRIPT = Path.of("bin/msk-deploy");

    /** The variables of a typical first deployment, as a user would put them in an env file. */
    static Map<String, String> sampleVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(
                "MSK_CLUSTER_ARN",
                "arn:aws:kafka:eu-west-1:123456789012:cluster/orders-msk/0a1b2c3d-1111-2222-3333-444455556666-2");
        variables.put(
                "BOOTSTRAP_SERVERS",
                "b-1.orders.kafka.eu-west-1.amazonaws.com:9098,b-2.orders.kafka.eu-west-1.amazonaws.com:9098");
        variables.put("SUBNET_IDS", "subnet-0aaa, subnet-0bbb");
        variables.put("SECURITY_GROUP_IDS", "sg-0123");
        variables.put("S3_BUCKET", "my-plugins");
        variables.put("PLUGIN_ZIP", "/tmp/msk-cdc-kit-0.1.0.zip");
        variables.put("PLUGIN_VERSION", "0.1.0");
        variables.put("SERVICE_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/orders-cdc-connect");
        variables.put("DATABASE_HOST", "orders.cluster-abc.eu-west-1.rds.amazonaws.com");
        variables.put("DATABASE_SECRET", "prod/orders/cdc");
        variables.put("DATABASE_SERVER_ID", "184001");
        variables.put("DATABASE_INCLUDE_LIST", "orders");
        variables.put("TABLE_INCLUDE_LIST", "orders.orders,orders.order_lines");
        variables.put("TOPIC_PREFIX", "orders");
        variables.put("SIGNAL_DATA_COLLECTION", "orders.debezium_signal");
        return variables;
    }

    record Result(int exitCode, String stdout, String stderr) {
        List<String> awsCalls() {
            return stdout.lines().filter(line -> line.startsWith("aws ")).toList();
        }

        /** Each AWS CLI call as "service operation", e.g. "kafkaconnect list-connectors". */
        List<String> awsOperations() {
            return awsCalls().stream()
                    .map(call -> call.split(" ")[1] + " " + call.split(" ")[2])
                    .toList();
        }
    }

    /** The request msk-deploy wrote to {@code out/<file>} in workDir, read strictly against the kafkaconnect model. */
    static <T> T request(Path workDir, String file, Supplier<? extends SdkBuilder<?, T>> builder) throws IOException {
        return MskRequestJsonTest.readRequest(workDir.resolve("out").resolve(file), builder);
    }

    /** A bin directory in {@code workDir} whose {@code aws} is a bash script with {@code body}: a stand-in AWS CLI. */
    static Path scriptedAws(Path workDir, String body) throws IOException {
        Path bin = Files.createDirectories(workDir.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, "#!/bin/bash\n" + body);
        aws.toFile().setExecutable(true);
        return bin;
    }

    /**
     * A stand-in AWS CLI that logs each call to {@code bin/aws.calls}, finds the connector {@code connectorArn},
     * answers {@code cases} (bash case branches) and fails on any other call.
     */
    static Path awsWithTheConnector(Path workDir, String connectorArn, String cases) throws IOException {
        Path bin = scriptedAws(workDir, """
                echo "$*" >> "$0.calls"
                case "$*" in
                  *list-connectors*) echo %s ;;
                %s  *) echo "unexpected: $*" >&2; exit 9 ;;
                esac
                """.formatted(connectorArn, cases));
        Files.writeString(bin.resolve("aws.calls"), "");
        return bin;
    }

    /** Writes the variables to an env file and runs the script with --env and --out in workDir. */
    static Result run(Path workDir, Map<String, String> variables, String... arguments)
            throws IOException, InterruptedException {
        return run(SCRIPT, workDir, variables, arguments);
    }

    static Result run(Path script, Path workDir, Map<String, String> variables, String... arguments)
            throws IOException, InterruptedException {
        return run(script, workDir, variables, null, arguments);
    }

    /** As above, with {@code binDir} first on the PATH (stand-in commands such as a scripted {@code aws}). */
    static Result run(Path script, Path workDir, Map<String, String> variables, Path binDir, String... arguments)
            throws IOException, InterruptedException {
        return run(script, workDir, variables, binDir, Map.of(), arguments);
    }

    /** As above, with {@code environment} added to the script's environment (settings of the stand-in commands). */
    static Result run(
            Path script,
            Path workDir,
            Map<String, String> variables,
            Path binDir,
            Map<String, String> environment,
            String... arguments)
            throws IOException, InterruptedException {
        Path envFile = workDir.resolve("deploy.env");
        StringBuilder env = new StringBuilder("# written by the test\n");
        variables.forEach(
                (key, value) -> env.append(key).append('=').append(value).append('\n'));
        Files.writeString(envFile, env);

        List<String> command = new ArrayList<>(List.of(
                "bash",
                script.toAbsolutePath().toString(),
                "--env",
                envFile.toString(),
                "--out",
                workDir.resolve("out").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // Only what bash needs: no AWS_* from the developer's shell may leak into the rendering.
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        if (binDir != null) {
            builder.environment()
                    .put(
                            "PATH",
                            binDir.toAbsolutePath() + ":"
                                    + builder.environment().get("PATH"));
            builder.environment().put("MSK_DEPLOY_POLL_SECONDS", "0");
        }
        builder.environment().putAll(environment);
        Path stdout = workDir.resolve("stdout.txt");
        Path stderr = workDir.resolve("stderr.txt");
        Process process = builder.redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("msk-deploy did not finish: " + command);
        }
        return new Result(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private DeployScript() {}
}
