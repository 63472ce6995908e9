package dev.mskcdc.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.localstack.process.Pause;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the Secrets Manager GetSecretValue calls of one worker running 3 connectors that each reference
 * the same secret twice (user and password), through their start, a restart of each connector with its
 * task, and a restart of the worker process.
 *
 * <p>The providers users switch from (aws-samples msk-config-providers, jcustenborder, lensesio) are not on
 * Maven Central, so they cannot run here. Their behaviour, one fetch per reference each time Connect
 * resolves a configuration, is reproduced by our provider with its cache switched off
 * ({@code cache.ttl.ms=0}): each run counts both, in two workers of the same stack, each with its own copy
 * of the database secret so that the counts do not mix.
 */
@ExtendWith(LocalStackExtension.class)
class SecretsManagerApiCallsIT {

    private static final int CONNECTORS = 3;
    private static final int REFERENCES_PER_CONNECTOR = 2;
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Connect resolves configurations on several threads after a start; counts are read once they stop moving. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static final String CACHE_TTL = "config.providers.secretsmanager.param.cache.ttl.ms";
    private static final String TTL_ENABLED = "config.providers.secretsmanager.param.ttl.enabled";

    /** GetSecretValue calls counted by the endpoint, per phase. */
    record Calls(String label, String secret, int start, int connectorRestart, int workerRestart, int logged) {

        int total() {
            return start + connectorRestart + workerRestart;
        }

        String describe() {
            return String.format(
                    "%-38s start %3d, connector+task restart %3d, worker restart %3d, total %3d"
                            + " (%d references: %.2f calls per reference per phase)",
                    label,
                    start,
                    connectorRestart,
                    workerRestart,
                    total(),
                    CONNECTORS * REFERENCES_PER_CONNECTOR,
                    total() / (3.0 * CONNECTORS * REFERENCES_PER_CONNECTOR));
        }
    }

    @Test
    void cachedProviderMakesOneCallPerSecretPerWorkerCacheLifetime(LocalStack stack) throws Exception {
        stack.database()
                .recreateDatabase(
                        "apicalls",
                        "CREATE TABLE apicalls.pings (id INT PRIMARY KEY)",
                        "INSERT INTO apicalls.pings VALUES (1)");
        String credentials = stack.secretsManager().secretString(LocalStack.DATABASE_SECRET);
        stack.secretsManager().putSecret("mskcdc/it/api-calls/cached", credentials);
        stack.secretsManager().putSecret("mskcdc/it/api-calls/uncached", credentials);

        CompletableFuture<Calls> uncached = CompletableFuture.supplyAsync(() -> measure(
                stack,
                "cache off (cache.ttl.ms=0, per-reference)",
                "apicalls-uncached",
                "mskcdc/it/api-calls/uncached",
                // Those providers return no TTL; with one and no cache Connect would restart the connectors
                // without end (our provider refuses ttl.enabled with a lifetime under 10 s).
                Map.of(CACHE_TTL, "0", TTL_ENABLED, "false")));
        Calls cached = measure(
                stack,
                "cache on (reference cache.ttl.ms=300000)",
                "apicalls-cached",
                "mskcdc/it/api-calls/cached",
                Map.of());
        Calls perReference = uncached.get();

        report(cached, perReference);
        // The endpoint's count and the provider's own log agree: every call is one fetch of ours.
        assertThat(cached.logged()).isEqualTo(cached.total());
        assertThat(perReference.logged()).isEqualTo(perReference.total());
        // One fetch per secret per cache lifetime and worker JVM: the first start fetches once for all six
        // references; the restarts within the lifetime fetch nothing; the new worker process fetches once.
        assertThat(cached.start()).isEqualTo(1);
        assertThat(cached.connectorRestart()).isZero();
        assertThat(cached.workerRestart()).isEqualTo(1);
        // Without the cache every reference is fetched at least once per phase.
        int everyReferenceOnce = CONNECTORS * REFERENCES_PER_CONNECTOR;
        assertThat(perReference.start()).isGreaterThanOrEqualTo(everyReferenceOnce);
        assertThat(perReference.connectorRestart()).isGreaterThanOrEqualTo(everyReferenceOnce);
        assertThat(perReference.workerRestart()).isGreaterThanOrEqualTo(everyReferenceOnce);
    }

    private static Calls measure(
            LocalStack stack, String label, String groupId, String secret, Map<String, String> overrides) {
        List<String> connectors = new ArrayList<>();
        for (int i = 1; i <= CONNECTORS; i++) {
            connectors.add(groupId + "-" + i);
        }
        ConnectWorker worker = stack.startAnotherWorker(groupId, overrides);
        List<Path> logs = new ArrayList<>(List.of(worker.logFile()));
        try {
            int before = stack.secretsManager().getSecretValueCalls(secret);
            for (String connector : connectors) {
                // By hand, not as a RunningConnector: the connectors outlive the worker they were created on.
                Map<String, String> config =
                        stack.connectorConfig(ConnectorSpec.of(connector, connector, "apicalls", "apicalls\\.pings")
                                .with("database.user", "${secretsmanager:" + secret + ":username}")
                                .with("database.password", "${secretsmanager:" + secret + ":password}"));
                stack.provisionSignals(config);
                worker.rest().putConnector(connector, config);
            }
            int afterStart = awaitSettled(stack, secret, worker, connectors, 1);

            for (String connector : connectors) {
                ConnectRestClient.Response restart = worker.rest()
                        .post("/connectors/" + connector + "/restart?includeTasks=true&onlyFailed=false", null);
                assertThat(restart.status()).as(restart.body()).isBetween(200, 204);
            }
            int afterConnectorRestart = awaitSettled(stack, secret, worker, connectors, 2);

            worker.close();
            worker = stack.startAnotherWorker(groupId, overrides);
            logs.add(worker.logFile());
            int afterWorkerRestart = awaitSettled(stack, secret, worker, connectors, 1);

            for (String connector : connectors) {
                worker.rest().deleteConnector(connector);
            }
            return new Calls(
                    label,
                    secret,
                    afterStart - before,
                    afterConnectorRestart - afterStart,
                    afterWorkerRestart - afterConnectorRestart,
                    logs.stream()
                            .mapToInt(log -> count(log, "Read secret '" + secret + "'"))
                            .sum());
        } finally {
            worker.close();
        }
    }

    /**
     * Waits until every connector's task has been created {@code taskStarts} times by this worker process,
     * all run, and the call count has not moved for {@link #QUIET}.
     */
    private static int awaitSettled(
            LocalStack stack, String secret, ConnectWorker worker, List<String> connectors, int taskStarts) {
        Instant deadline = Instant.now().plus(WAIT);
        for (String connector : connectors) {
            while (count(worker.logFile(), "Creating task " + connector + "-0") < taskStarts) {
                assertThat(Instant.now())
                        .as("task of " + connector + " started " + taskStarts + " times")
                        .isBefore(deadline);
                Pause.between(Duration.ofMillis(250), "task " + connector + "-0 to start");
            }
            worker.rest().awaitRunning(connector, WAIT);
        }
        int calls = stack.secretsManager().getSecretValueCalls(secret);
        Instant quietSince = Instant.now();
        while (Duration.between(quietSince, Instant.now()).compareTo(QUIET) < 0) {
            assertThat(Instant.now())
                    .as("GetSecretValue calls for " + secret + " settle")
                    .isBefore(deadline);
            Pause.between(Duration.ofMillis(250), "GetSecretValue calls for " + secret + " to settle");
            int now = stack.secretsManager().getSecretValueCalls(secret);
            if (now != calls) {
                calls = now;
                quietSince = Instant.now();
            }
        }
        return calls;
    }

    private static int count(Path log, String text) {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(WorkerLog.all(log));
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    private static void report(Calls cached, Calls perReference) throws IOException {
        String text = String.join(
                "\n",
                "Secrets Manager GetSecretValue calls: one worker, " + CONNECTORS + " connectors, each referencing the"
                        + " same secret " + REFERENCES_PER_CONNECTOR + " times (database.user, database.password);"
                        + " phases: start, restart of each connector with its task, restart of the worker process.",
                cached.describe(),
                perReference.describe(),
                String.format(
                        "ratio cache off / cache on: %.1fx (%d / %d calls)",
                        perReference.total() / (double) cached.total(), perReference.total(), cached.total()),
                String.format(
                        "config resolutions by Connect without cache: %d (2 fetches each: %d start, %d"
                                + " connector+task restart, %d worker restart)",
                        resolutions(perReference.total()),
                        resolutions(perReference.start()),
                        resolutions(perReference.connectorRestart()),
                        resolutions(perReference.workerRestart())),
                // A provider that fetches once per get(path, keys) instead of once per key makes one call per
                // resolution.
                String.format(
                        "ratio for a provider fetching once per resolution (not per key): %.1fx (%d / %d calls)",
                        resolutions(perReference.total()) / (double) cached.total(),
                        resolutions(perReference.total()),
                        cached.total()),
                "");
        System.out.print(text);
        Path reports = Files.createDirectories(Path.of("target", "it-reports"));
        Files.writeString(reports.resolve("secrets-manager-api-calls.txt"), text);
    }

    /** Connect resolves both references of a connector in one get(path, keys) call. */
    private static int resolutions(int uncachedCalls) {
        return uncachedCalls / REFERENCES_PER_CONNECTOR;
    }
}
