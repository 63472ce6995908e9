package dev.mskcdc.configproviders.ssm;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.AwsStub;
import dev.mskcdc.configproviders.MutableClock;
import dev.mskcdc.configproviders.aws.SharedCache;

import static dev.mskcdc.configproviders.AwsStub.awsError;
import static dev.mskcdc.configproviders.AwsStub.getParameter;
import static dev.mskcdc.configproviders.AwsStub.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SsmParameterConfigProviderTest {

    private AwsStub aws;
    private SsmParameterConfigProvider provider;

    @BeforeEach
    void start() {
        aws = new AwsStub();
        provider = provider(Map.of());
    }

    private SsmParameterConfigProvider provider(Map<String, Object> extra) {
        Map<String, Object> settings = aws.settings();
        settings.putAll(extra);
        SsmParameterConfigProvider ssm = new SsmParameterConfigProvider(new SharedCache(new MutableClock()));
        ssm.configure(settings);
        return ssm;
    }

    @AfterEach
    void stop() {
        provider.close();
        aws.close();
    }

    private String resolve(String reference) {
        return resolve(provider, reference);
    }

    private static String resolve(SsmParameterConfigProvider ssm, String reference) {
        return new ConfigTransformer(Map.of("ssm", ssm))
                .transform(Map.of("k", reference))
                .data()
                .get("k");
    }

    @Test
    void readsADecryptedSecureStringOnce() {
        aws.server()
                .stubFor(getParameter("/cdc/db/password")
                        .willReturn(parameter("/cdc/db/password", "SecureString", "pw", 3)));

        assertThat(resolve("${ssm:/cdc/db/password}")).isEqualTo("pw");
        assertThat(resolve("${ssm::/cdc/db/password}")).isEqualTo("pw");
        assertThat(aws.requests("AmazonSSM.GetParameter", "/cdc/db/password"))
                .hasSize(1)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("\"WithDecryption\":true"));
    }

    @Test
    void versionAndLabelSelectorsReachSsmAsWritten() {
        aws.server()
                .stubFor(getParameter("/cdc/db/password:2")
                        .willReturn(parameter("/cdc/db/password", "SecureString", "old", 2)));
        aws.server()
                .stubFor(getParameter("/cdc/db/password:prod")
                        .willReturn(parameter("/cdc/db/password", "SecureString", "labelled", 3)));

        assertThat(resolve("${ssm:/cdc/db/password:2}")).isEqualTo("old");
        assertThat(resolve("${ssm::/cdc/db/password:prod}")).isEqualTo("labelled");
        // Connect asks ${ssm:/cdc/db/password:2} and ${ssm:/cdc/db/password:prod} as one path with two keys.
        assertThat(provider.get("/cdc/db/password", Set.of("2", "prod")).data())
                .containsOnly(entry("2", "old"), entry("prod", "labelled"));
    }

    @Test
    void arnSplitByConnectIsRebuilt() {
        String arn = "arn:aws:ssm:us-east-1:123456789012:parameter/cdc/db/password";
        aws.server().stubFor(getParameter(arn).willReturn(parameter("/cdc/db/password", "SecureString", "shared", 1)));
        assertThat(resolve("${ssm:" + arn + "}")).isEqualTo("shared");
    }

    @Test
    void allowlistIgnoresTheVersionSelector() {
        aws.server()
                .stubFor(getParameter("/cdc/db/password:2")
                        .willReturn(parameter("/cdc/db/password", "SecureString", "old", 2)));
        SsmParameterConfigProvider restricted = provider(Map.of("allowlist", "/cdc/*"));
        try {
            assertThat(resolve(restricted, "${ssm:/cdc/db/password:2}")).isEqualTo("old");
            assertThatThrownBy(() -> resolve(restricted, "${ssm:/admin/root}"))
                    .hasMessageContaining("'/admin/root' is not in this provider's 'allowlist'");
        } finally {
            restricted.close();
        }
    }

    @Test
    void notFound() {
        aws.server().stubFor(getParameter("/nope").willReturn(awsError(400, "ParameterNotFound", "")));
        assertThatThrownBy(() -> resolve("${ssm:/nope}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parameter '/nope' was not found in SSM Parameter Store");
    }

    @Test
    void accessDeniedNamesSsmGetParameter() {
        aws.server()
                .stubFor(getParameter("/cdc/x").willReturn(awsError(400, "AccessDeniedException", "not authorized")));
        assertThatThrownBy(() -> resolve("${ssm:/cdc/x}")).hasMessageContaining("needs ssm:GetParameter on /cdc/x");
    }

    @Test
    void kmsFailureNamesKmsDecrypt() {
        aws.server()
                .stubFor(
                        getParameter("/cdc/x")
                                .willReturn(
                                        awsError(
                                                400,
                                                "AccessDeniedException",
                                                "User is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/abc")));
        assertThatThrownBy(() -> resolve("${ssm:/cdc/x}"))
                .hasMessageContaining("could not decrypt parameter '/cdc/x'")
                .hasMessageContaining("Grant kms:Decrypt");
    }

    @Test
    void anArnOfAnotherKindIsRejected() {
        assertThatThrownBy(() -> resolve("${ssm:arn:aws:secretsmanager:us-east-1:123456789012:secret:x}"))
                .hasMessageContaining("is not an SSM parameter ARN");
    }
}
