package dev.mskcdc.configproviders.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mskcdc.configproviders.AwsStub;
import dev.mskcdc.configproviders.MutableClock;
import dev.mskcdc.configproviders.aws.SharedCache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.mskcdc.configproviders.AwsStub.s3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3FileConfigProviderTest {

    private static final String BUNDLE =
            "-----BEGIN CERTIFICATE-----\nMIIEBjCCAu6gAwIBAgIJAMc0ZzaSUK51\n-----END CERTIFICATE-----\n";

    @TempDir
    Path workDir;

    private final MutableClock clock = new MutableClock();
    private AwsStub aws;
    private S3FileConfigProvider provider;
    private Path downloads;

    @BeforeEach
    void start() {
        aws = new AwsStub();
        downloads = workDir.resolve("imports");
        Map<String, Object> settings = new HashMap<>(aws.settings());
        settings.put("local_dir", downloads.toString());
        settings.put("path.style.access", "true");
        settings.put("cache.ttl.ms", "60000");
        provider = new S3FileConfigProvider(new SharedCache(clock));
        provider.configure(settings);
    }

    @AfterEach
    void stop() {
        provider.close();
        aws.close();
    }

    private String resolve(String reference) {
        return new ConfigTransformer(Map.of("s3", provider))
                .transform(Map.of("k", reference))
                .data()
                .get("k");
    }

    private void object(String path, String content) {
        aws.server()
                .stubFor(get(urlEqualTo(path))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/x-pem-file")
                                .withBody(content)));
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void downloadsToAFileNamedByContentHashReadableOnlyByTheOwner() throws Exception {
        object("/certs/rds/global-bundle.pem", BUNDLE);

        Path file = Path.of(resolve("${s3:certs/rds/global-bundle.pem}"));

        assertThat(file).hasParent(downloads).hasContent(BUNDLE);
        assertThat(file.getFileName().toString()).isEqualTo(sha256(BUNDLE) + "-global-bundle.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(downloads)))
                .isEqualTo("rwx------");
        try (var listing = Files.list(downloads)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void sameObjectIsDownloadedOncePerCacheLifetimeAndAChangedObjectGetsANewPath() {
        object("/certs/ca.pem", BUNDLE);
        String first = resolve("${s3:certs/ca.pem}");
        assertThat(resolve("${s3:s3://certs/ca.pem}")).isEqualTo(first);
        assertThat(aws.server().findAll(getRequestedFor(urlEqualTo("/certs/ca.pem"))))
                .hasSize(1);

        object("/certs/ca.pem", BUNDLE + "rotated\n");
        clock.advance(Duration.ofMinutes(2));
        String second = resolve("${s3:certs/ca.pem}");

        assertThat(second).isNotEqualTo(first);
        assertThat(Path.of(second)).hasContent(BUNDLE + "rotated\n");
    }

    @Test
    void deletedLocalCopyIsDownloadedAgain() throws IOException {
        object("/certs/ca.pem", BUNDLE);
        Path file = Path.of(resolve("${s3:certs/ca.pem}"));
        Files.delete(file);

        assertThat(Path.of(resolve("${s3:certs/ca.pem}"))).isEqualTo(file).hasContent(BUNDLE);
    }

    @Test
    void awsSamplesRegionPathFormIsAccepted() {
        object("/certs/ca.pem", BUNDLE);
        assertThat(Path.of(resolve("${s3:us-east-1:certs/ca.pem}"))).hasContent(BUNDLE);
        assertThat(Path.of(resolve("${s3::certs/ca.pem}"))).hasContent(BUNDLE);
    }

    @Test
    void notFoundAndAccessDenied() {
        aws.server()
                .stubFor(get(urlEqualTo("/certs/missing.pem"))
                        .willReturn(s3Error(404, "NoSuchKey", "The specified key does not exist.")));
        aws.server()
                .stubFor(get(urlEqualTo("/certs/private.pem"))
                        .willReturn(s3Error(403, "AccessDenied", "Access Denied")));

        assertThatThrownBy(() -> resolve("${s3:certs/missing.pem}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("object 's3://certs/missing.pem' was not found in S3");
        assertThatThrownBy(() -> resolve("${s3:certs/private.pem}"))
                .hasMessageContaining("needs s3:GetObject on arn:aws:s3:::certs/private.pem");
    }

    @Test
    void referenceWithoutKeyIsAnError() {
        assertThatThrownBy(() -> resolve("${s3:just-a-bucket}"))
                .hasMessageContaining("is not an S3 object. Write ${s3:<bucket>/<key>}");
    }
}
