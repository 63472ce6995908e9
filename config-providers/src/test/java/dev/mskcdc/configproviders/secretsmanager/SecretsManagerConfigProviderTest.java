package dev.mskcdc.configproviders.secretsmanager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.AwsStub;
import dev.mskcdc.configproviders.MutableClock;
import dev.mskcdc.configproviders.RecordingInterceptor;
import dev.mskcdc.configproviders.aws.SharedCache;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mskcdc.configproviders.AwsStub.awsError;
import static dev.mskcdc.configproviders.AwsStub.getSecretValue;
import static dev.mskcdc.configproviders.AwsStub.json;
import static dev.mskcdc.configproviders.AwsStub.secretBinary;
import static dev.mskcdc.configproviders.AwsStub.secretString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Component tests: the real SDK against a loopback server speaking the Secrets Manager protocol. */
class SecretsManagerConfigProviderTest {

    static final String DB_SECRET = "{\"username\":\"cdc_user\",\"password\":\"pa55-word\",\"host\":\"db.internal\"}";

    private final MutableClock clock = new MutableClock();
    private final SharedCache cache = new SharedCache(clock);
    private final List<ConfigProvider> providers = new ArrayList<>();
    private AwsStub aws;

    @BeforeEach
    void start() {
        aws = new AwsStub();
    }

    @AfterEach
    void stop() throws IOException {
        for (ConfigProvider provider : providers) {
            provider.close();
        }
        aws.close();
    }

    private SecretsManagerConfigProvider provider(Map<String, Object> extra) {
        Map<String, Object> settings = aws.settings();
        settings.putAll(extra);
        SecretsManagerConfigProvider provider = new SecretsManagerConfigProvider(cache);
        provider.configure(settings);
        providers.add(provider);
        return provider;
    }

    private SecretsManagerConfigProvider provider() {
        return provider(Map.of());
    }

    /** Resolves through Kafka's own ConfigTransformer, so references are split exactly as Connect splits them. */
    private static ConfigTransformerResult transform(ConfigProvider provider, Map<String, String> config) {
        return new ConfigTransformer(Map.of("secretsmanager", provider)).transform(config);
    }

    private static String resolve(ConfigProvider provider, String value) {
        return transform(provider, Map.of("value", value)).data().get("value");
    }

    @Test
    void resolvesUsernameAndPasswordWithOneCall() {
        aws.secret("prod/db", DB_SECRET);
        ConfigTransformerResult result = transform(
                provider(),
                Map.of(
                        "database.user", "${secretsmanager:prod/db:username}",
                        "database.password", "${secretsmanager:prod/db:password}"));

        assertThat(result.data())
                .containsEntry("database.user", "cdc_user")
                .containsEntry("database.password", "pa55-word");
        assertThat(aws.secretRequests("prod/db")).isEqualTo(1);
    }

    @Test
    void noAwsCallAndNoCredentialLookupAtConfigure() {
        Map<String, Object> noCredentialsNoRegion = new HashMap<>();
        noCredentialsNoRegion.put("endpoint", aws.endpoint());
        noCredentialsNoRegion.put("role.arn", "arn:aws:iam::123456789012:role/reader");
        noCredentialsNoRegion.put("sts.endpoint", aws.endpoint());
        SecretsManagerConfigProvider provider = new SecretsManagerConfigProvider(cache);
        providers.add(provider);

        provider.configure(noCredentialsNoRegion);

        assertThat(aws.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void credentialsAndRegionAreLookedUpAtTheFirstFetchNotAtConfigure() {
        Assumptions.assumeTrue(
                Stream.of(
                                "AWS_ACCESS_KEY_ID",
                                "AWS_REGION",
                                "AWS_DEFAULT_REGION",
                                "AWS_PROFILE",
                                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                                "AWS_WEB_IDENTITY_TOKEN_FILE")
                        .allMatch(name -> System.getenv(name) == null),
                "needs an environment without AWS credentials or region");
        // Instance metadata is the last link of both default chains; skip it so the chains fail fast here.
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            SecretsManagerConfigProvider noCredentials = new SecretsManagerConfigProvider(cache);
            providers.add(noCredentials);
            noCredentials.configure(Map.of("region", AwsStub.REGION, "endpoint", aws.endpoint()));
            SecretsManagerConfigProvider noRegion = new SecretsManagerConfigProvider(cache);
            providers.add(noRegion);
            noRegion.configure(
                    Map.of("endpoint", aws.endpoint(), "access.key.id", "AKIDTEST", "secret.access.key", "x"));

            assertThatThrownBy(() -> resolve(noCredentials, "${secretsmanager:prod/db:password}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("No AWS credentials found to read secret 'prod/db'");
            assertThatThrownBy(() -> resolve(noRegion, "${secretsmanager:prod/db:password}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("No AWS region known")
                    .hasMessageContaining("param.region");
        } finally {
            System.clearProperty("aws.disableEc2Metadata");
        }
        assertThat(aws.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void wholeSecretWithoutKey() {
        aws.secret("plain-token", "just-a-token");
        assertThat(resolve(provider(), "${secretsmanager:plain-token}")).isEqualTo("just-a-token");
    }

    @Test
    void wholeSecretBase64WhenConfigured() {
        aws.secret("jaas", "a \"quoted\" value");
        String resolved = resolve(provider(Map.of("whole.secret.encoding", "base64")), "${secretsmanager:jaas}");
        assertThat(new String(Base64.getDecoder().decode(resolved), StandardCharsets.UTF_8))
                .isEqualTo("a \"quoted\" value");
    }

    @Test
    void binarySecretIsBase64() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 'k'};
        aws.server().stubFor(getSecretValue("keystore").willReturn(secretBinary("keystore", bytes)));
        assertThat(Base64.getDecoder().decode(resolve(provider(), "${secretsmanager:keystore}")))
                .isEqualTo(bytes);
    }

    @Test
    void keyOfBinarySecretIsAnError() {
        aws.server().stubFor(getSecretValue("keystore").willReturn(secretBinary("keystore", new byte[] {1, 2})));
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:keystore:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("binary secret")
                .hasMessageContaining("${secretsmanager:keystore}");
    }

    @Test
    void fullArnSplitByConnectIsRebuilt() {
        String arn = AwsStub.arn("prod/db");
        aws.secret(arn, DB_SECRET);
        SecretsManagerConfigProvider provider = provider();

        assertThat(resolve(provider, "${secretsmanager:" + arn + ":password}")).isEqualTo("pa55-word");
        assertThat(resolve(provider, "${secretsmanager:" + arn + "}")).isEqualTo(DB_SECRET);
        assertThat(aws.secretRequests(arn)).isEqualTo(1);
    }

    @Test
    void urlEncodedArnOfAwsSamplesIsAccepted() {
        String arn = AwsStub.arn("prod/db");
        aws.secret(arn, DB_SECRET);
        String encoded = arn.replace(":", "%3A").replace("/", "%2F");
        assertThat(resolve(provider(), "${secretsmanager:" + encoded + ":username}"))
                .isEqualTo("cdc_user");
    }

    @Test
    void arnOfAnotherServiceIsRejected() {
        assertThatThrownBy(
                        () -> resolve(provider(), "${secretsmanager:arn:aws:ssm:us-east-1:123456789012:parameter/x:k}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a Secrets Manager secret ARN");
    }

    @Test
    void aTtlWithACacheLifetimeUnderTenSecondsIsRefusedAsARestartLoop() {
        assertThatThrownBy(() -> provider(Map.of("ttl.enabled", "true", "cache.ttl.ms", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ttl.enabled=true with cache.ttl.ms=0")
                .hasMessageContaining("at least 10000");
        assertThat(provider(Map.of("ttl.enabled", "true", "cache.ttl.ms", "10000")))
                .isNotNull();
        assertThat(provider(Map.of("ttl.enabled", "false", "cache.ttl.ms", "0")))
                .isNotNull();
    }

    @Test
    void theVersionIdKeyResolvesToTheVersionReadWithOneCallForBothKeys() {
        aws.secret("prod/db", DB_SECRET);
        SecretsManagerConfigProvider provider = provider();

        ConfigData data = provider.get("prod/db", Set.of("password", SecretsManagerConfigProvider.VERSION_ID_KEY));

        assertThat(data.data())
                .containsEntry("password", "pa55-word")
                .containsEntry(SecretsManagerConfigProvider.VERSION_ID_KEY, "v1");
        assertThat(aws.secretRequests("prod/db")).isEqualTo(1);
        assertThat(resolve(provider, "${secretsmanager:prod/db:@VersionId}")).isEqualTo("v1");
    }

    @Test
    void allKeysOfOneGetComeFromOneSecretVersionEvenWhenTheCacheExpiresBetweenThem() {
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .inScenario("rotation")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(secretString("prod/db", "{\"password\":\"before-rotation\"}", "v1"))
                        .willSetStateTo("rotated"));
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .inScenario("rotation")
                        .whenScenarioStateIs("rotated")
                        .willReturn(secretString("prod/db", "{\"password\":\"after-rotation\"}", "v2")));
        // A lifetime of 0 expires the entry before the next read: the worst case of an expiry between two keys.
        SecretsManagerConfigProvider provider = provider(Map.of("cache.ttl.ms", "0"));

        ConfigData data = provider.get("prod/db", Set.of("password", SecretsManagerConfigProvider.VERSION_ID_KEY));

        assertThat(data.data())
                .containsOnly(
                        entry("password", "before-rotation"), entry(SecretsManagerConfigProvider.VERSION_ID_KEY, "v1"));
        assertThat(aws.secretRequests("prod/db")).isEqualTo(1);
    }

    @Test
    void versionStageAndVersionIdSelectors() {
        aws.secret("prod/db", DB_SECRET);
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .withRequestBody(matchingJsonPath("$.VersionStage", equalTo("AWSPREVIOUS")))
                        .willReturn(secretString("prod/db", "{\"password\":\"old-one\"}", "v0")));
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .withRequestBody(matchingJsonPath("$.VersionId", equalTo("v0")))
                        .willReturn(secretString("prod/db", "{\"password\":\"old-one\"}", "v0")));
        SecretsManagerConfigProvider provider = provider();

        assertThat(resolve(provider, "${secretsmanager:prod/db:password}")).isEqualTo("pa55-word");
        assertThat(resolve(provider, "${secretsmanager:prod/db?stage=AWSPREVIOUS:password}"))
                .isEqualTo("old-one");
        assertThat(resolve(provider, "${secretsmanager:prod/db:password?version=v0}"))
                .isEqualTo("old-one");
        String arn = AwsStub.arn("prod/db");
        aws.server()
                .stubFor(getSecretValue(arn)
                        .withRequestBody(matchingJsonPath("$.VersionStage", equalTo("custom")))
                        .willReturn(secretString(arn, "{\"password\":\"custom-one\"}", "v9")));
        assertThat(resolve(provider, "${secretsmanager:" + arn + "?stage=custom:password}"))
                .isEqualTo("custom-one");
    }

    @Test
    void stageAndVersionTogetherIsAnError() {
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db?stage=AWSCURRENT&version=v1:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("both a version stage and a version id");
    }

    @Test
    void awsSamplesTtlSelectorIsRejectedWithTheFix() {
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db:password?ttl=300000}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ttl.enabled=true");
    }

    @Test
    void nestedJsonPathsAndExactKeysWithDots() {
        aws.secret(
                "nested",
                "{\"db\":{\"user\":\"u1\",\"hosts\":[\"h0\",\"h1\"],\"port\":3306},\"a.b\":\"exact\","
                        + "\"a\":{\"b\":\"nested\"}}");
        SecretsManagerConfigProvider provider = provider();

        assertThat(resolve(provider, "${secretsmanager:nested:db.user}")).isEqualTo("u1");
        assertThat(resolve(provider, "${secretsmanager:nested:db.hosts.1}")).isEqualTo("h1");
        assertThat(resolve(provider, "${secretsmanager:nested:db.port}")).isEqualTo("3306");
        assertThat(resolve(provider, "${secretsmanager:nested:db.hosts}")).isEqualTo("[\"h0\",\"h1\"]");
        assertThat(resolve(provider, "${secretsmanager:nested:a.b}")).isEqualTo("exact");
        assertThatThrownBy(() -> resolve(provider, "${secretsmanager:nested:db.pass}"))
                .hasMessageContaining("Keys available under 'db': user, hosts, port");
    }

    @Test
    void missingKeyIsAnErrorListingKeyNamesOnly() {
        aws.secret("prod/db", DB_SECRET);
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db:pasword}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no key 'pasword'")
                .hasMessageContaining("username, password, host")
                .hasMessageNotContaining("pa55-word")
                .hasMessageNotContaining("cdc_user")
                .hasMessageNotContaining("db.internal");
    }

    @Test
    void nonJsonSecretWithKeyDoesNotQuoteTheSecret() {
        aws.secret("raw", "hunter2-not-json");
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:raw:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid JSON (syntax error at line 1, column")
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
    }

    @Test
    void jsonArraySecretWithKeyIsAnError() {
        aws.secret("list", "[\"hunter2\"]");
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:list:0}"))
                .hasMessageContaining("is JSON but not an object")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void notFound() {
        aws.server()
                .stubFor(getSecretValue("prod/nope")
                        .willReturn(awsError(
                                400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.")));
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/nope:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret 'prod/nope' was not found in Secrets Manager")
                .hasMessageContaining("ResourceNotFoundException")
                .hasMessageContaining("'region'");
    }

    @Test
    void accessDeniedNamesTheIamAction() {
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .willReturn(awsError(
                                400, "AccessDeniedException", "User is not authorized to perform this operation")));
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Access denied reading secret 'prod/db'")
                .hasMessageContaining("needs secretsmanager:GetSecretValue on prod/db");
    }

    @Test
    void kmsDecryptFailureNamesKmsDecrypt() {
        aws.server()
                .stubFor(
                        getSecretValue("prod/db")
                                .willReturn(
                                        awsError(
                                                400,
                                                "DecryptionFailure",
                                                "Secrets Manager can't decrypt the protected secret text using the provided KMS key.")));
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("could not decrypt secret 'prod/db'")
                .hasMessageContaining("Grant kms:Decrypt");
    }

    @Test
    void rejectedCredentials() {
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .willReturn(awsError(
                                400,
                                "UnrecognizedClientException",
                                "The security token included in the request is invalid.")));
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db:password}"))
                .hasMessageContaining("rejected the worker's credentials");
    }

    @Test
    void throttledOnEveryAttempt() {
        aws.server()
                .stubFor(getSecretValue("prod/db").willReturn(awsError(400, "ThrottlingException", "Rate exceeded")));
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("throttled the requests for secret 'prod/db' after 3 attempts")
                .hasMessageContaining("max.attempts");
        assertThat(aws.secretRequests("prod/db")).isEqualTo(3);
    }

    @Test
    void throttlingThenSuccessIsRetried() {
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .inScenario("throttle")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(awsError(400, "ThrottlingException", "Rate exceeded"))
                        .willSetStateTo("calm"));
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .inScenario("throttle")
                        .whenScenarioStateIs("calm")
                        .willReturn(secretString("prod/db", DB_SECRET, "v1")));

        assertThat(resolve(provider(), "${secretsmanager:prod/db:password}")).isEqualTo("pa55-word");
        assertThat(aws.secretRequests("prod/db")).isEqualTo(2);
    }

    @Test
    void serverErrorThenSuccessIsRetried() {
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .inScenario("5xx")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(awsError(500, "InternalServiceError", "oops"))
                        .willSetStateTo("ok"));
        aws.server()
                .stubFor(getSecretValue("prod/db")
                        .inScenario("5xx")
                        .whenScenarioStateIs("ok")
                        .willReturn(secretString("prod/db", DB_SECRET, "v1")));

        assertThat(resolve(provider(), "${secretsmanager:prod/db:username}")).isEqualTo("cdc_user");
        assertThat(aws.secretRequests("prod/db")).isEqualTo(2);
    }

    @Test
    void persistentServerError() {
        aws.server().stubFor(getSecretValue("prod/db").willReturn(awsError(503, "ServiceUnavailable", "down")));
        assertThatThrownBy(() -> resolve(provider(), "${secretsmanager:prod/db:username}"))
                .hasMessageContaining("server error")
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void attemptTimeoutNamesTheSettingsAndTheNetworkFix() {
        aws.server()
                .stubFor(getSecretValue("slow")
                        .willReturn(secretString("slow", DB_SECRET, "v1").withFixedDelay(3_000)));
        assertThatThrownBy(() -> resolve(
                        provider(Map.of("attempt.timeout.ms", "200", "max.attempts", "2")),
                        "${secretsmanager:slow:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("attempt.timeout.ms")
                .hasMessageContaining("NAT gateway")
                .hasMessageContaining("com.amazonaws.us-east-1.secretsmanager");
    }

    @Test
    void callTimeoutNamesTheSetting() {
        aws.server()
                .stubFor(getSecretValue("slow")
                        .willReturn(secretString("slow", DB_SECRET, "v1").withFixedDelay(3_000)));
        assertThatThrownBy(() -> resolve(
                        provider(Map.of("call.timeout.ms", "300", "attempt.timeout.ms", "2000")),
                        "${secretsmanager:slow:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("call.timeout.ms");
    }

    @Test
    void unreachableEndpointSuggestsNatGatewayOrVpcEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> resolve(
                        provider(Map.of("endpoint", "http://127.0.0.1:" + closedPort)),
                        "${secretsmanager:prod/db:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Cannot reach Secrets Manager at http://127.0.0.1:" + closedPort)
                .hasMessageContaining("NAT gateway")
                .hasMessageContaining("interface VPC endpoint com.amazonaws.us-east-1.secretsmanager");
    }

    @Test
    void malformedResponses() {
        aws.server()
                .stubFor(getSecretValue("truncated")
                        .willReturn(json(200, "{\"Name\":\"truncated\",\"SecretString\":\"hunter2")));
        aws.server().stubFor(getSecretValue("html").willReturn(json(200, "<html>hunter2</html>")));
        aws.server().stubFor(getSecretValue("empty").willReturn(json(200, "{\"Name\":\"empty\"}")));
        SecretsManagerConfigProvider provider = provider();

        for (String name : List.of("truncated", "html")) {
            assertThatThrownBy(() -> resolve(provider, "${secretsmanager:" + name + ":password}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("could not be read")
                    .hasMessageNotContaining("hunter2")
                    .hasNoCause();
        }
        assertThatThrownBy(() -> resolve(provider, "${secretsmanager:empty:password}"))
                .hasMessageContaining("returned no value for secret 'empty'");
    }

    @Test
    void allowlistRejectsOtherSecretsWithoutCallingAws() {
        aws.secret("prod/db", DB_SECRET);
        aws.secret("admin/root", DB_SECRET);
        SecretsManagerConfigProvider provider =
                provider(Map.of("allowlist", "prod/*, arn:aws:secretsmanager:*:123456789012:secret:prod/*"));

        assertThat(resolve(provider, "${secretsmanager:prod/db:password}")).isEqualTo("pa55-word");
        aws.secret(AwsStub.arn("prod/db"), DB_SECRET);
        assertThat(resolve(provider, "${secretsmanager:" + AwsStub.arn("prod/db") + ":password}"))
                .isEqualTo("pa55-word");
        assertThatThrownBy(() -> resolve(provider, "${secretsmanager:admin/root:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'admin/root' is not in this provider's 'allowlist'");
        assertThat(aws.secretRequests("admin/root")).isZero();
    }

    @Test
    void namePrefixOfJcustenborder() {
        aws.secret("staging/db", DB_SECRET);
        assertThat(resolve(provider(Map.of("secret.prefix", "staging/")), "${secretsmanager:db:username}"))
                .isEqualTo("cdc_user");
    }

    @Test
    void noTtlUnlessOptedIn() {
        aws.secret("prod/db", DB_SECRET);
        ConfigData data = provider().get("prod/db", Set.of("password"));
        assertThat(data.ttl()).isNull();
        assertThat(transform(provider(), Map.of("p", "${secretsmanager:prod/db:password}"))
                        .ttls())
                .isEmpty();
    }

    @Test
    void optedInTtlCountsDownToAFixedExpiry() {
        aws.secret("prod/db", DB_SECRET);
        SecretsManagerConfigProvider provider = provider(Map.of("ttl.enabled", "true", "cache.ttl.ms", "60000"));

        assertThat(provider.get("prod/db", Set.of("password")).ttl()).isEqualTo(60_000L);
        clock.advance(Duration.ofSeconds(10));
        assertThat(provider.get("prod/db", Set.of("password")).ttl()).isEqualTo(50_000L);
        clock.advance(Duration.ofSeconds(45));
        assertThat(transform(provider, Map.of("p", "${secretsmanager:prod/db:password}"))
                        .ttls())
                .containsEntry("prod/db", 5_000L);
        assertThat(aws.secretRequests("prod/db")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        assertThat(provider.get("prod/db", Set.of("password")).ttl()).isEqualTo(60_000L);
        assertThat(aws.secretRequests("prod/db")).isEqualTo(2);
    }

    @Test
    void cacheIsSharedByProviderInstancesWithTheSameSettings() {
        aws.secret("prod/db", DB_SECRET);
        for (int connector = 0; connector < 3; connector++) {
            SecretsManagerConfigProvider provider = provider();
            resolve(provider, "${secretsmanager:prod/db:username}");
            resolve(provider, "${secretsmanager:prod/db:password}");
        }
        assertThat(aws.secretRequests("prod/db")).isEqualTo(1);
    }

    @Test
    void lastGoodValueIsKeptWhenARefreshFails() {
        aws.secret("prod/db", DB_SECRET);
        SecretsManagerConfigProvider provider = provider(Map.of("cache.ttl.ms", "1000"));
        assertThat(resolve(provider, "${secretsmanager:prod/db:password}")).isEqualTo("pa55-word");

        aws.server().resetAll();
        aws.server().stubFor(getSecretValue("prod/db").willReturn(awsError(500, "InternalServiceError", "down")));
        clock.advance(Duration.ofSeconds(2));

        assertThat(resolve(provider, "${secretsmanager:prod/db:password}")).isEqualTo("pa55-word");
        assertThat(aws.secretRequests("prod/db")).isEqualTo(3);
    }

    @Test
    void getPathReturnsEveryTopLevelKey() {
        aws.secret("prod/db", DB_SECRET);
        assertThat(provider().get("prod/db").data())
                .containsOnlyKeys("username", "password", "host")
                .containsEntry("password", "pa55-word");
    }

    private void stubAssumeRole() {
        aws.server()
                .stubFor(post(urlEqualTo("/"))
                        .withRequestBody(containing("Action=AssumeRole"))
                        .willReturn(AwsStub.assumeRoleResponse("ASIATEMPKEY", "temp-session-token")));
        aws.secret("shared/db", DB_SECRET);
    }

    private List<LoggedRequest> assumeRoleRequests() {
        return aws.server()
                .findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(containing("Action=AssumeRole")));
    }

    @Test
    void assumesARoleWithExternalIdAndSignsWithTheTemporaryCredentials() {
        stubAssumeRole();
        SecretsManagerConfigProvider provider = provider(Map.of(
                "role.arn", "arn:aws:iam::210987654321:role/secret-reader",
                "role.external.id", "ext-42",
                "role.session.name", "cdc-worker",
                "sts.endpoint", aws.endpoint()));
        assertThat(aws.server().getAllServeEvents()).isEmpty();

        assertThat(resolve(provider, "${secretsmanager:shared/db:password}")).isEqualTo("pa55-word");

        List<LoggedRequest> assumeRole = assumeRoleRequests();
        assertThat(assumeRole).hasSize(1);
        assertThat(assumeRole.get(0).getBodyAsString())
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fsecret-reader")
                .contains("ExternalId=ext-42")
                .contains("RoleSessionName=cdc-worker");
        LoggedRequest read =
                aws.requests("secretsmanager.GetSecretValue", "shared/db").get(0);
        assertThat(read.getHeader("Authorization")).contains("Credential=ASIATEMPKEY/");
        assertThat(read.getHeader("X-Amz-Security-Token")).isEqualTo("temp-session-token");
    }

    @Test
    void assumedRoleSessionsAreNamedForTheConfigProviderByDefault() {
        stubAssumeRole();
        SecretsManagerConfigProvider provider = provider(
                Map.of("role.arn", "arn:aws:iam::210987654321:role/secret-reader", "sts.endpoint", aws.endpoint()));

        assertThat(resolve(provider, "${secretsmanager:shared/db:password}")).isEqualTo("pa55-word");

        assertThat(assumeRoleRequests())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.getBodyAsString()).contains("RoleSessionName=mskcdc-config-provider"));
    }

    @Test
    void deniedAssumeRoleExplainsTheTrustPolicy() {
        aws.server()
                .stubFor(
                        post(urlEqualTo("/"))
                                .withRequestBody(containing("Action=AssumeRole"))
                                .willReturn(
                                        com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                                .withStatus(403)
                                                .withHeader("Content-Type", "text/xml")
                                                .withBody(
                                                        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not "
                                                                + "authorized to perform: sts:AssumeRole</Message></Error><RequestId>r1</RequestId></ErrorResponse>")));
        SecretsManagerConfigProvider provider = provider(
                Map.of("role.arn", "arn:aws:iam::210987654321:role/secret-reader", "sts.endpoint", aws.endpoint()));

        assertThatThrownBy(() -> resolve(provider, "${secretsmanager:shared/db:password}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Could not assume role 'arn:aws:iam::210987654321:role/secret-reader'")
                .hasMessageContaining("trust policy");
    }

    @Test
    void defaultCredentialsChainIsUsedWithoutStaticKeys() {
        aws.secret("prod/db", DB_SECRET);
        Map<String, Object> settings = new HashMap<>(Map.of("region", AwsStub.REGION, "endpoint", aws.endpoint()));
        System.setProperty("aws.accessKeyId", "AKIDFROMCHAIN");
        System.setProperty("aws.secretAccessKey", "chain-secret");
        try {
            SecretsManagerConfigProvider provider = new SecretsManagerConfigProvider(cache);
            providers.add(provider);
            provider.configure(settings);
            assertThat(resolve(provider, "${secretsmanager:prod/db:username}")).isEqualTo("cdc_user");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(aws.requests("secretsmanager.GetSecretValue", "prod/db")
                        .get(0)
                        .getHeader("Authorization"))
                .contains("Credential=AKIDFROMCHAIN/");
    }

    @Test
    void fipsEndpointIsUsedWhenEnabled() {
        System.setProperty("aws.disableEc2Metadata", "true");
        SecretsManagerConfigProvider provider = new SecretsManagerConfigProvider(cache);
        providers.add(provider);
        provider.configure(Map.of(
                "region",
                "us-east-1",
                "fips.enabled",
                "true",
                "access.key.id",
                "AKIDTEST",
                "secret.access.key",
                "x",
                "connect.timeout.ms",
                "1",
                "max.attempts",
                "1"));
        RecordingInterceptor.HOSTS.clear();
        try {
            // There is no network here, so the call fails; what matters is where it went.
            assertThatThrownBy(() -> resolve(provider, "${secretsmanager:prod/db:password}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("in region us-east-1");
            assertThat(RecordingInterceptor.HOSTS).contains("secretsmanager-fips.us-east-1.amazonaws.com");
        } finally {
            System.clearProperty("aws.disableEc2Metadata");
        }
    }

    @Test
    void invalidSettingsAreRejectedAtConfigure() {
        SecretsManagerConfigProvider provider = new SecretsManagerConfigProvider(cache);
        assertThatThrownBy(() -> provider.configure(Map.of("endpoint", "127.0.0.1:4566")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoint");
        assertThatThrownBy(() -> provider.configure(Map.of("role.arn", "reader")))
                .hasMessageContaining("role.arn");
        assertThatThrownBy(() -> provider.configure(Map.of("NotFoundStrategy", "ignore")))
                .hasMessageContaining("Only 'fail' is supported");
    }
}
