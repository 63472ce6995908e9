package dev.mskcdc.configproviders.secretsmanager;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import dev.mskcdc.awsclient.Validators;
import dev.mskcdc.configproviders.aws.AwsConfigProvider;
import dev.mskcdc.configproviders.aws.AwsProviderConfig;
import dev.mskcdc.configproviders.aws.Cached;
import dev.mskcdc.configproviders.aws.LazyClient;
import dev.mskcdc.configproviders.aws.SharedCache;

/**
 * Resolves {@code ${secretsmanager:<secret-name-or-ARN>:<key>}} from AWS Secrets Manager.
 */
public class SecretsManagerConfigProvider extends AwsConfigProvider<SecretReference, SecretValue> {

    private static final Logger log = LoggerFactory.getLogger(SecretsManagerConfigProvider.class);

    public static final String NAME_PREFIX = "name.prefix";
    public static final String WHOLE_SECRET_ENCODING = "whole.secret.encoding";
    /**
     * The key that resolves to the secret version's VersionId (GetSecretValue's {@code VersionId}) instead of a
     * field: it changes with every rotation and reveals nothing of the value.
     */
    public static final String VERSION_ID_KEY = "@VersionId";

    public static final String ENCODING_NONE = "none";
    public static final String ENCODING_BASE64 = "base64";

    public static final String OVERVIEW_DOC = "Resolves ${secretsmanager:<secret-name-or-ARN>:<key>} in worker and "
            + "connector configurations from AWS Secrets Manager. The key is a field of a JSON secret (nested fields "
            + "as a.b.c); without a key, ${secretsmanager:<secret>} is the whole secret (binary secrets as base64). "
            + "Append ?stage=<AWSCURRENT|AWSPREVIOUS|custom> or ?version=<version id> to the secret to pick a version. "
            + "The key @VersionId resolves to the VersionId of the version read, which changes at every rotation "
            + "(the reference connector configuration uses it to restart its task after a rotation). "
            + "Full ARNs are written unencoded. Values are cached per worker; no TTL is returned to Connect unless "
            + "'ttl.enabled=true'. A missing secret or key is an error, never an empty string.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef(AwsProviderConfig.commonConfigDef())
            .define(
                    NAME_PREFIX,
                    Type.STRING,
                    "",
                    Validators.pattern(
                            "[A-Za-z0-9/_+=.@-]+", "characters allowed in secret names: A-Z a-z 0-9 /_+=.@-"),
                    Importance.LOW,
                    "Prefix added to every secret name (not to ARNs), e.g. 'prod/' so that ${secretsmanager:db:password} "
                            + "reads 'prod/db'. Lets one connector configuration serve several environments.",
                    "Secrets Manager",
                    1,
                    ConfigDef.Width.MEDIUM,
                    "Secret name prefix")
            .define(
                    WHOLE_SECRET_ENCODING,
                    Type.STRING,
                    ENCODING_NONE,
                    ConfigDef.ValidString.in(ENCODING_NONE, ENCODING_BASE64),
                    Importance.LOW,
                    "Encoding of a text secret referenced as a whole (${secretsmanager:<secret>}): 'none' returns it "
                            + "as stored, 'base64' returns it base64-encoded (for values with characters that need "
                            + "escaping, e.g. in a JAAS config). Binary secrets are always base64.",
                    "Secrets Manager",
                    2,
                    ConfigDef.Width.SHORT,
                    "Whole-secret encoding");

    private final LazyClient<SecretsManagerClient> client = new LazyClient<>(() -> clientSettings()
            .apply(SecretsManagerClient.builder(), credentials().provider())
            .build());
    private String namePrefix;
    private boolean base64WholeSecrets;

    public SecretsManagerConfigProvider() {
        this(SharedCache.WORKER);
    }

    /** With a cache of its own; for tests and embedding. */
    public SecretsManagerConfigProvider(SharedCache cache) {
        super(cache, CONFIG_DEF, "Secrets Manager", "secretsmanager");
    }

    @Override
    protected void configureProvider(AwsProviderConfig config) {
        namePrefix = config.getString(NAME_PREFIX);
        base64WholeSecrets = ENCODING_BASE64.equals(config.getString(WHOLE_SECRET_ENCODING));
    }

    @Override
    protected SecretReference parse(String path, String key) {
        return SecretReference.parse(path, key, namePrefix);
    }

    @Override
    protected SecretValue fetch(SecretReference reference) {
        GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(reference.secretId());
        if (reference.versionStage() != null) {
            request.versionStage(reference.versionStage());
        }
        if (reference.versionId() != null) {
            request.versionId(reference.versionId());
        }
        GetSecretValueResponse response;
        try {
            response = client.get().getSecretValue(request.build());
        } catch (SdkException e) {
            throw errors().translate(e, reference.describe(), "secretsmanager:GetSecretValue", reference.secretId());
        }
        if (response.secretString() == null && response.secretBinary() == null) {
            throw new ConfigException("Secrets Manager returned no value for " + reference.describe()
                    + ". Store a value in that version of the secret.");
        }
        log.info("Read {} (version id {}) from Secrets Manager", reference.describe(), response.versionId());
        return new SecretValue(response.secretString(), response.secretBinary(), response.versionId());
    }

    @Override
    protected String extract(SecretReference reference, SecretValue secret) {
        if (reference.jsonKey().equals(VERSION_ID_KEY)) {
            return secret.versionId();
        }
        if (reference.jsonKey().isEmpty()) {
            if (secret.isBinary()) {
                return Base64.getEncoder().encodeToString(secret.binary().asByteArray());
            }
            return base64WholeSecrets
                    ? Base64.getEncoder().encodeToString(secret.text().getBytes(StandardCharsets.UTF_8))
                    : secret.text();
        }
        if (secret.isBinary()) {
            throw new ConfigException(reference.describe() + " is a binary secret, so key '" + reference.jsonKey()
                    + "' cannot be looked up in it. Reference the whole secret (base64): ${secretsmanager:"
                    + reference.secretId() + "}.");
        }
        return SecretJson.lookup(
                SecretJson.parseObject(secret.text(), reference.describe()), reference.jsonKey(), reference.describe());
    }

    /** Every top-level field of a JSON secret. */
    @Override
    public ConfigData get(String path) {
        if (path == null || path.isEmpty() || "arn".equals(path)) {
            throw new ConfigException("Secrets Manager provider: get(path) needs a secret name as the path.");
        }
        SecretReference reference = parse(path, "");
        Cached<SecretValue> cached = cached(reference, config().cacheTtl());
        if (cached.value().isBinary()) {
            throw new ConfigException(reference.describe() + " is binary and has no keys.");
        }
        Map<String, String> fields = SecretJson.topLevel(
                SecretJson.parseObject(cached.value().text(), reference.describe()), reference.describe());
        return configData(fields, cached.expiresAt());
    }

    @Override
    public void close() {
        client.close();
        super.close();
    }
}
