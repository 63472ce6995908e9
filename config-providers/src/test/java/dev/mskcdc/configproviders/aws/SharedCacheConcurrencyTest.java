package dev.mskcdc.configproviders.aws;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.AwsStub;
import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;

import static dev.mskcdc.configproviders.AwsStub.getSecretValue;
import static dev.mskcdc.configproviders.AwsStub.secretString;
import static org.assertj.core.api.Assertions.assertThat;

/** Many connectors starting at once in one worker make one Secrets Manager call per secret. */
class SharedCacheConcurrencyTest {

    private static final int THREADS = 24;

    @Test
    void oneInFlightFetchPerSecretAcrossThreadsAndProviderInstances() throws Exception {
        try (AwsStub aws = new AwsStub()) {
            // The delay keeps the first fetch in flight while the other threads arrive.
            aws.server()
                    .stubFor(getSecretValue("prod/db")
                            .willReturn(secretString("prod/db", "{\"password\":\"p\"}", "v1")
                                    .withFixedDelay(400)));
            aws.server()
                    .stubFor(getSecretValue("prod/other")
                            .willReturn(secretString("prod/other", "{\"password\":\"o\"}", "v1")
                                    .withFixedDelay(400)));
            SharedCache cache = new SharedCache(Clock.systemUTC());
            List<SecretsManagerConfigProvider> providers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SecretsManagerConfigProvider provider = new SecretsManagerConfigProvider(cache);
                provider.configure(aws.settings());
                providers.add(provider);
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                SecretsManagerConfigProvider provider = providers.get(i % providers.size());
                String secret = i % 2 == 0 ? "prod/db" : "prod/other";
                results.add(pool.submit(() -> {
                    start.await();
                    return provider.get(secret, Set.of("password")).data().get("password");
                }));
            }
            start.countDown();
            List<String> values = new ArrayList<>();
            for (Future<String> result : results) {
                values.add(result.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            providers.forEach(SecretsManagerConfigProvider::close);

            assertThat(values).hasSize(THREADS).containsOnly("p", "o");
            assertThat(aws.secretRequests("prod/db")).isEqualTo(1);
            assertThat(aws.secretRequests("prod/other")).isEqualTo(1);
        }
    }
}
