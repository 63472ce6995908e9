package dev.mskcdc.configproviders;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mskcdc.configproviders.aws.SharedCache;
import dev.mskcdc.configproviders.s3.S3FileConfigProvider;
import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;
import dev.mskcdc.configproviders.ssm.SsmParameterConfigProvider;
import dev.mskcdc.testsupport.LogCapture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mskcdc.configproviders.AwsStub.awsError;
import static dev.mskcdc.configproviders.AwsStub.getParameter;
import static dev.mskcdc.configproviders.AwsStub.getSecretValue;
import static dev.mskcdc.configproviders.AwsStub.json;
import static dev.mskcdc.configproviders.AwsStub.s3Error;
import static dev.mskcdc.configproviders.AwsStub.secretBinary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every success and error path of the three providers with DEBUG logging on, and checks that no secret
 * value appears in any log line, exception message, stack trace or toString.
 */
class NoSecretLeakTest {

    // Letters and digits only: Jackson quotes an unquoted token up to the first other character.
    private static final String SECRET = "S3cr3tValue9f8e7d";
    private static final String SSM_SECRET = "SsmS3cure4c3b2a";
    private static final String S3_SECRET = "CABundleContent1a2b3c";
    private static final String EXTERNAL_ID = "ExternalId77aa66";
    private static final String STATIC_SECRET_KEY = "StaticSecretKey55ee44";

    @TempDir
    Path downloads;

    private final MutableClock clock = new MutableClock();
    private final List<String> texts = new ArrayList<>();

    @Test
    void noSecretValueInLogsMessagesStackTracesOrToString() throws Exception {
        String logs;
        try (LogCapture capture = new LogCapture();
                AwsStub aws = new AwsStub()) {
            stubSecretsManager(aws);
            stubSsmAndS3(aws);
            SharedCache cache = new SharedCache(clock);
            Map<String, Object> settings = aws.settings();
            settings.put("secret.access.key", STATIC_SECRET_KEY);
            settings.put("cache.ttl.ms", "1000");

            SecretsManagerConfigProvider secrets = new SecretsManagerConfigProvider(cache);
            secrets.configure(settings);
            for (String reference : List.of(
                    "${secretsmanager:leak/json:password}",
                    "${secretsmanager:leak/json:missing}",
                    "${secretsmanager:leak/nested:a.b.missing}",
                    "${secretsmanager:leak/raw:password}",
                    "${secretsmanager:leak/badtoken:password}",
                    "${secretsmanager:leak/binary:password}",
                    "${secretsmanager:leak/truncated:password}",
                    "${secretsmanager:leak/html:password}",
                    "${secretsmanager:leak/nulljson:password}")) {
                resolve(secrets, "secretsmanager", reference);
            }
            // A refresh failing after a good fetch: served from the last good value, with a warning.
            aws.server().stubFor(getSecretValue("leak/json").willReturn(awsError(500, "InternalServiceError", "down")));
            clock.advance(Duration.ofSeconds(2));
            assertThat(resolve(secrets, "secretsmanager", "${secretsmanager:leak/json:password}"))
                    .isEqualTo(SECRET);
            texts.add(secrets.toString());
            texts.add(cache.toString());
            secrets.close();

            Map<String, Object> roleSettings = new HashMap<>(settings);
            roleSettings.put("role.arn", "arn:aws:iam::123456789012:role/reader");
            roleSettings.put("role.external.id", EXTERNAL_ID);
            roleSettings.put("sts.endpoint", aws.endpoint());
            SecretsManagerConfigProvider assumed = new SecretsManagerConfigProvider(new SharedCache(clock));
            assumed.configure(roleSettings);
            resolve(assumed, "secretsmanager", "${secretsmanager:leak/json:password}");
            texts.add(assumed.toString());
            assumed.close();

            SsmParameterConfigProvider ssm = new SsmParameterConfigProvider(cache);
            ssm.configure(settings);
            assertThat(resolve(ssm, "ssm", "${ssm:/leak/password}")).isEqualTo(SSM_SECRET);
            resolve(ssm, "ssm", "${ssm:/leak/missing}");
            texts.add(ssm.toString());
            ssm.close();

            Map<String, Object> s3Settings = new HashMap<>(settings);
            s3Settings.put("download.dir", downloads.toString());
            s3Settings.put("path.style.access", "true");
            S3FileConfigProvider s3 = new S3FileConfigProvider(cache);
            s3.configure(s3Settings);
            assertThat(Path.of(resolve(s3, "s3", "${s3:certs/ca.pem}")))
                    .content(StandardCharsets.UTF_8)
                    .isEqualTo(S3_SECRET);
            resolve(s3, "s3", "${s3:certs/missing.pem}");
            texts.add(s3.toString());
            s3.close();

            logs = capture.text();
        }

        assertThat(logs).contains("Read secret 'leak/json'").contains("keeping the last good value");
        assertThat(texts).anyMatch(t -> t.contains("has no key 'missing'"));
        assertThat(texts).anyMatch(t -> t.contains("is not valid JSON"));
        for (String secret : List.of(SECRET, SSM_SECRET, S3_SECRET, EXTERNAL_ID, STATIC_SECRET_KEY)) {
            assertThat(logs).as("log lines").doesNotContain(secret);
            assertThat(texts)
                    .as("exception messages, stack traces and toString")
                    .noneMatch(t -> t.contains(secret));
        }
    }

    /**
     * An endpoint answering an error with a non-JSON body (never real Secrets Manager, but a misconfigured
     * proxy could): our messages and every INFO+ line stay clean, but the SDK's own DEBUG logger
     * software.amazon.awssdk.protocols.json.JsonContent prints the unparseable body. Hence the README's rule:
     * never run a worker with software.amazon.awssdk at DEBUG.
     */
    @Test
    void unparseableErrorBodyOnlyReachesTheSdksOwnDebugLog() throws Exception {
        List<LogCapture.Event> events;
        try (LogCapture capture = new LogCapture();
                AwsStub aws = new AwsStub()) {
            aws.server().stubFor(getSecretValue("leak/errorbody").willReturn(json(400, "not json " + SECRET)));
            SecretsManagerConfigProvider secrets = new SecretsManagerConfigProvider(new SharedCache(clock));
            secrets.configure(aws.settings());
            resolve(secrets, "secretsmanager", "${secretsmanager:leak/errorbody:password}");
            secrets.close();
            events = capture.events();
        }

        assertThat(texts).isNotEmpty().noneMatch(t -> t.contains(SECRET));
        assertThat(events).filteredOn(e -> e.text().contains(SECRET)).allSatisfy(e -> {
            assertThat(e.level()).isEqualTo("DEBUG");
            assertThat(e.logger()).startsWith("software.amazon.awssdk.");
        });
        assertThat(events)
                .isNotEmpty()
                .filteredOn(e -> !e.level().equals("DEBUG"))
                .noneMatch(e -> e.text().contains(SECRET));
    }

    private String resolve(ConfigProvider provider, String name, String reference) {
        try {
            return new ConfigTransformer(Map.of(name, provider))
                    .transform(Map.of("k", reference))
                    .data()
                    .get("k");
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            texts.add(String.valueOf(e.getMessage()));
            texts.add(e.toString());
            texts.add(trace.toString());
            return null;
        }
    }

    private static void stubSecretsManager(AwsStub aws) {
        aws.secret("leak/json", "{\"username\":\"u\",\"password\":\"" + SECRET + "\"}");
        aws.secret("leak/nested", "{\"a\":{\"b\":{\"c\":\"" + SECRET + "\"}}}");
        aws.secret("leak/raw", SECRET);
        // Jackson would quote this unquoted token in its parse error.
        aws.secret("leak/badtoken", "{\"password\": " + SECRET + "}");
        aws.secret("leak/nulljson", "{\"password\": null, \"other\": \"" + SECRET + "\"}");
        aws.server()
                .stubFor(getSecretValue("leak/binary")
                        .willReturn(secretBinary("leak/binary", SECRET.getBytes(StandardCharsets.UTF_8))));
        aws.server().stubFor(getSecretValue("leak/truncated").willReturn(json(200, "{\"SecretString\":\"" + SECRET)));
        aws.server().stubFor(getSecretValue("leak/html").willReturn(json(200, "<html>" + SECRET + "</html>")));
        aws.server()
                .stubFor(post(urlEqualTo("/"))
                        .withRequestBody(containing("Action=AssumeRole"))
                        .willReturn(AwsStub.assumeRoleResponse("ASIATEMPKEY", "temp-session-token")));
    }

    private static void stubSsmAndS3(AwsStub aws) {
        aws.server()
                .stubFor(getParameter("/leak/password")
                        .willReturn(AwsStub.parameter("/leak/password", "SecureString", SSM_SECRET, 1)));
        aws.server().stubFor(getParameter("/leak/missing").willReturn(awsError(400, "ParameterNotFound", "")));
        aws.server()
                .stubFor(get(urlEqualTo("/certs/ca.pem"))
                        .willReturn(aResponse().withStatus(200).withBody(S3_SECRET)));
        aws.server()
                .stubFor(get(urlEqualTo("/certs/missing.pem"))
                        .willReturn(s3Error(404, "NoSuchKey", "The specified key does not exist.")));
    }
}
