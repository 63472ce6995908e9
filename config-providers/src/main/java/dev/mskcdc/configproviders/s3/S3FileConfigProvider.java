package dev.mskcdc.configproviders.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import dev.mskcdc.awsclient.Validators;
import dev.mskcdc.configproviders.aws.AwsConfigProvider;
import dev.mskcdc.configproviders.aws.AwsProviderConfig;
import dev.mskcdc.configproviders.aws.SharedCache;

/**
 * Resolves {@code ${s3:<bucket>/<key>}} to the path of a worker-local copy of the S3 object: a truststore,
 * keystore or CA bundle that a connector setting expects as a file. On MSK Connect no file can be placed on
 * a worker by hand, so this is how a connector gets one.
 */
public class S3FileConfigProvider extends AwsConfigProvider<ObjectReference, Path> {

    private static final Logger log = LoggerFactory.getLogger(S3FileConfigProvider.class);

    public static final String DOWNLOAD_DIR = "download.dir";
    public static final String PATH_STYLE_ACCESS = "path.style.access";

    public static final String OVERVIEW_DOC = "Resolves ${s3:<bucket>/<key>} to the path of a local copy of the S3 "
            + "object, e.g. the RDS CA bundle for database.ssl.mode=verify_identity. The file is named by the SHA-256 "
            + "of its content (so a changed object gets a new path and an unchanged one keeps its path), and only the "
            + "worker's user can read it. aws-samples' ${s3import:<region>:<bucket>/<key>} form is accepted.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef(AwsProviderConfig.commonConfigDef())
            .define(
                    DOWNLOAD_DIR,
                    Type.STRING,
                    "",
                    Validators.pattern("/.*", "empty, or an absolute directory path"),
                    Importance.MEDIUM,
                    "Local directory for downloaded objects, created readable only by the worker's user. "
                            + "Empty: 'mskcdc-s3-import' under java.io.tmpdir.",
                    "S3",
                    1,
                    ConfigDef.Width.LONG,
                    "Download directory")
            .define(
                    PATH_STYLE_ACCESS,
                    Type.BOOLEAN,
                    false,
                    Importance.LOW,
                    "Address buckets as <endpoint>/<bucket>/<key> instead of <bucket>.<endpoint>/<key>; needed by "
                            + "some endpoint overrides (S3-compatible test servers).",
                    "S3",
                    2,
                    ConfigDef.Width.SHORT,
                    "Path-style access");

    private final Map<String, S3Client> clients = new HashMap<>();
    private Path downloadDir;

    public S3FileConfigProvider() {
        this(SharedCache.WORKER);
    }

    /** With a cache of its own; for tests and embedding. */
    public S3FileConfigProvider(SharedCache cache) {
        super(cache, CONFIG_DEF, "S3", "s3");
    }

    @Override
    protected void configureProvider(AwsProviderConfig config) {
        String dir = config.getString(DOWNLOAD_DIR).trim();
        downloadDir = dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "mskcdc-s3-import") : Path.of(dir);
    }

    @Override
    protected ObjectReference parse(String path, String key) {
        return ObjectReference.parse(path, key);
    }

    @Override
    protected Path fetch(ObjectReference reference) {
        GetObjectRequest request = GetObjectRequest.builder()
                .bucket(reference.bucket())
                .key(reference.key())
                .build();
        try (ResponseInputStream<GetObjectResponse> object =
                client(reference.region()).getObject(request)) {
            Path file = store(object, reference);
            log.info("Downloaded {} to {}", reference.describe(), file);
            return file;
        } catch (SdkException e) {
            throw errors().translate(
                            e,
                            reference.describe(),
                            "s3:GetObject",
                            "arn:aws:s3:::" + reference.bucket() + "/" + reference.key());
        } catch (IOException e) {
            throw new ConfigException("Could not save " + reference.describe() + " under '" + downloadDir + "' ("
                    + e.getClass().getSimpleName() + "). Set '" + DOWNLOAD_DIR + "' to a writable directory.");
        }
    }

    /** Writes to a temporary file while hashing, then moves it to its content-addressed name. */
    private Path store(InputStream content, ObjectReference reference) throws IOException {
        createPrivateDirectory(downloadDir);
        Path temp = Files.createTempFile(downloadDir, ".download-", ".tmp");
        try {
            restrictToOwner(temp);
            MessageDigest sha256 = sha256();
            try (InputStream in = new DigestInputStream(content, sha256);
                    OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            Path target =
                    downloadDir.resolve(HexFormat.of().formatHex(sha256.digest()) + "-" + reference.safeFileName());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // Same content already downloaded (another worker thread, or an earlier run).
                Files.deleteIfExists(temp);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            Files.createDirectories(dir);
            restrictToOwner(dir);
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(
                    path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    protected String extract(ObjectReference reference, Path file) {
        if (Files.exists(file)) {
            return file.toString();
        }
        // Something removed the cached copy (e.g. a tmp cleaner): download again.
        return fetch(reference).toString();
    }

    private synchronized S3Client client(String region) {
        return clients.computeIfAbsent(region, r -> {
            S3ClientBuilder builder =
                    clientSettings().apply(S3Client.builder(), credentials().provider());
            if (!r.isEmpty()) {
                builder.region(Region.of(r));
            }
            return builder.forcePathStyle(config().getBoolean(PATH_STYLE_ACCESS))
                    .build();
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            clients.values().forEach(S3Client::close);
            clients.clear();
        }
        super.close();
    }
}
