package dev.mskcdc.configproviders.secretsmanager;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;

import dev.mskcdc.configproviders.aws.AwsReference;
import dev.mskcdc.configproviders.aws.ReferenceQuery;

/**
 * A parsed {@code ${secretsmanager:<name-or-ARN>[?selectors]:<key>}} reference.
 *
 * <p>Connect splits a reference at the first colon after the provider, so an ARN arrives as path "arn" and
 * the rest of the ARN (plus the key) as the key: the ARN is rebuilt from its seven colon-separated parts.
 */
final class SecretReference implements AwsReference {

    static final String STAGE = "stage";
    static final String VERSION = "version";
    private static final Set<String> SELECTORS = Set.of(STAGE, VERSION);
    private static final int ARN_PARTS = 7;

    private final String secretId;
    private final String jsonKey;
    private final String versionStage;
    private final String versionId;

    private SecretReference(String secretId, String jsonKey, String versionStage, String versionId) {
        this.secretId = secretId;
        this.jsonKey = jsonKey;
        this.versionStage = versionStage;
        this.versionId = versionId;
    }

    static SecretReference parse(String path, String key, String namePrefix) {
        String reference = "${secretsmanager:" + (path == null || path.isEmpty() ? "" : path + ":") + key + "}";
        String id;
        String jsonKey;
        // Connect passes "" as the path of ${secretsmanager:<secret>}.
        String decodedPath = path == null || path.isEmpty()
                ? null
                : path.contains("%") ? URLDecoder.decode(path, StandardCharsets.UTF_8) : path;
        if ("arn".equals(decodedPath)) {
            String[] parts = ("arn:" + key).split(":", -1);
            requireSecretArn(parts, reference);
            id = String.join(":", Arrays.copyOfRange(parts, 0, ARN_PARTS));
            jsonKey = String.join(":", Arrays.copyOfRange(parts, ARN_PARTS, parts.length));
        } else if (decodedPath == null) {
            id = key;
            jsonKey = "";
        } else {
            if (decodedPath.startsWith("arn:")) {
                requireSecretArn(decodedPath.split(":", -1), reference);
            }
            id = decodedPath;
            jsonKey = key;
        }
        ReferenceQuery idQuery = ReferenceQuery.parse(id, SELECTORS, reference);
        ReferenceQuery keyQuery = ReferenceQuery.parse(jsonKey, SELECTORS, reference);
        Map<String, String> selectors = new HashMap<>(idQuery.params());
        selectors.putAll(keyQuery.params());
        String secretId = idQuery.base().trim();
        if (secretId.isEmpty()) {
            throw new ConfigException("Reference '" + reference + "' names no secret. Write "
                    + "${secretsmanager:<secret-name-or-ARN>:<json-key>} or ${secretsmanager:<secret-name-or-ARN>}.");
        }
        if (selectors.containsKey(STAGE) && selectors.containsKey(VERSION)) {
            throw new ConfigException("Reference '" + reference + "' selects both a version stage and a version id; "
                    + "use one of ?stage=<AWSCURRENT|AWSPREVIOUS|custom> or ?version=<version id>.");
        }
        if (!secretId.startsWith("arn:")) {
            secretId = namePrefix + secretId;
        }
        return new SecretReference(secretId, keyQuery.base(), selectors.get(STAGE), selectors.get(VERSION));
    }

    private static void requireSecretArn(String[] parts, String reference) {
        if (parts.length < ARN_PARTS || !"secretsmanager".equals(parts[2]) || !"secret".equals(parts[5])) {
            throw new ConfigException(
                    "Reference '" + reference + "' is not a Secrets Manager secret ARN. Expected "
                            + "${secretsmanager:arn:<partition>:secretsmanager:<region>:<account>:secret:<name-suffix>:<json-key>}.");
        }
    }

    String secretId() {
        return secretId;
    }

    /** Empty when the whole secret is referenced. */
    String jsonKey() {
        return jsonKey;
    }

    String versionStage() {
        return versionStage;
    }

    String versionId() {
        return versionId;
    }

    @Override
    public String resource() {
        return secretId;
    }

    @Override
    public String cacheKey() {
        return secretId + "|stage=" + versionStage + "|version=" + versionId;
    }

    /** How messages name the secret, e.g. "secret 'prod/db' (stage AWSPREVIOUS)". */
    String describe() {
        String selector = versionStage != null
                ? " (stage " + versionStage + ")"
                : versionId != null ? " (version id " + versionId + ")" : "";
        return "secret '" + secretId + "'" + selector;
    }

    @Override
    public String toString() {
        return "SecretReference[" + describe() + ", key=" + jsonKey + "]";
    }
}
