package dev.mskcdc.configproviders;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import dev.mskcdc.configproviders.aws.SharedCache;
import dev.mskcdc.configproviders.s3.S3FileConfigProvider;
import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;
import dev.mskcdc.configproviders.ssm.SsmParameterConfigProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same providers against LocalStack's real service emulation. Skipped (not passed) where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackProvidersTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
                    DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(
                    LocalStackContainer.Service.SECRETSMANAGER,
                    LocalStackContainer.Service.SSM,
                    LocalStackContainer.Service.S3);

    private static Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("region", LOCALSTACK.getRegion());
        settings.put("endpoint", LOCALSTACK.getEndpoint().toString());
        settings.put("access.key.id", LOCALSTACK.getAccessKey());
        settings.put("secret.access.key", LOCALSTACK.getSecretKey());
        settings.put("path.style.access", "true");
        return settings;
    }

    private static <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
                                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
            B admin(B builder) {
        return builder.endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    private static String resolve(ConfigProvider provider, String name, String reference) {
        return new ConfigTransformer(Map.of(name, provider))
                .transform(Map.of("k", reference))
                .data()
                .get("k");
    }

    @Test
    void secretsManagerNamesArnsVersionsBinaryAndErrors() {
        String arn;
        try (SecretsManagerClient admin = admin(SecretsManagerClient.builder()).build()) {
            arn = admin.createSecret(r -> r.name("ls/db").secretString("{\"username\":\"u\",\"password\":\"old\"}"))
                    .arn();
            admin.putSecretValue(r -> r.secretId("ls/db").secretString("{\"username\":\"u\",\"password\":\"new\"}"));
            admin.createSecret(r -> r.name("ls/bin").secretBinary(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
        }
        SecretsManagerConfigProvider provider = new SecretsManagerConfigProvider(new SharedCache(Clock.systemUTC()));
        provider.configure(settings());
        try {
            assertThat(resolve(provider, "secretsmanager", "${secretsmanager:ls/db:password}"))
                    .isEqualTo("new");
            assertThat(resolve(provider, "secretsmanager", "${secretsmanager:" + arn + ":username}"))
                    .isEqualTo("u");
            assertThat(resolve(provider, "secretsmanager", "${secretsmanager:ls/db?stage=AWSPREVIOUS:password}"))
                    .isEqualTo("old");
            assertThat(Base64.getDecoder().decode(resolve(provider, "secretsmanager", "${secretsmanager:ls/bin}")))
                    .containsExactly(1, 2, 3);
            assertThatThrownBy(() -> resolve(provider, "secretsmanager", "${secretsmanager:ls/nope:password}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("was not found");
            assertThatThrownBy(() -> resolve(provider, "secretsmanager", "${secretsmanager:ls/db:pass}"))
                    .hasMessageContaining("username, password");
        } finally {
            provider.close();
        }
    }

    @Test
    void ssmParameter() {
        try (SsmClient admin = admin(SsmClient.builder()).build()) {
            admin.putParameter(r -> r.name("/ls/db/password").value("pw").type(ParameterType.SECURE_STRING));
        }
        SsmParameterConfigProvider provider = new SsmParameterConfigProvider(new SharedCache(Clock.systemUTC()));
        provider.configure(settings());
        try {
            assertThat(resolve(provider, "ssm", "${ssm:/ls/db/password}")).isEqualTo("pw");
            assertThat(resolve(provider, "ssm", "${ssm:/ls/db/password:1}")).isEqualTo("pw");
        } finally {
            provider.close();
        }
    }

    @Test
    void s3File() {
        try (S3Client admin = admin(S3Client.builder()).forcePathStyle(true).build()) {
            admin.createBucket(r -> r.bucket("ls-certs"));
            admin.putObject(r -> r.bucket("ls-certs").key("rds/global-bundle.pem"), RequestBody.fromString("PEM"));
        }
        S3FileConfigProvider provider = new S3FileConfigProvider(new SharedCache(Clock.systemUTC()));
        provider.configure(settings());
        try {
            assertThat(Path.of(resolve(provider, "s3", "${s3:ls-certs/rds/global-bundle.pem}")))
                    .hasContent("PEM");
        } finally {
            provider.close();
        }
    }
}
