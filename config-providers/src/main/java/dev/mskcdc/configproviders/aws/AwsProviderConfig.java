package dev.mskcdc.configproviders.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings every AWS-backed provider shares: where to call, as whom, how patiently, how long to
 * cache and which references are allowed. Provider-specific settings are added by each provider.
 */
public class AwsProviderConfig extends AbstractConfig {

    public static final String GROUP_CONNECTION = "Connection";
    public static final String GROUP_CREDENTIALS = "Credentials";
    public static final String GROUP_CACHE = "Cache";

    public static final String REGION = "region";
    public static final String ENDPOINT = "endpoint";
    public static final String FIPS_ENABLED = "fips.enabled";
    public static final String CONNECT_TIMEOUT_MS = "connect.timeout.ms";
    public static final String ATTEMPT_TIMEOUT_MS = "attempt.timeout.ms";
    public static final String CALL_TIMEOUT_MS = "call.timeout.ms";
    public static final String MAX_ATTEMPTS = "max.attempts";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

    public static final String ACCESS_KEY_ID = "access.key.id";
    public static final String SECRET_ACCESS_KEY = "secret.access.key";
    public static final String ROLE_ARN = "role.arn";
    public static final String ROLE_EXTERNAL_ID = "role.external.id";
    public static final String ROLE_SESSION_NAME = "role.session.name";
    public static final String STS_ENDPOINT = "sts.endpoint";

    public static final String CACHE_TTL_MS = "cache.ttl.ms";
    public static final String TTL_ENABLED = "ttl.enabled";
    /** The shortest cache lifetime allowed with {@link #TTL_ENABLED}: each lifetime restarts the connector. */
    public static final Duration MINIMUM_TTL_LIFETIME = Duration.ofSeconds(10);

    public static final String ALLOWLIST = "allowlist";

    public static final String DEFAULT_SESSION_NAME = "mskcdc-config-provider";

    /**
     * Where to call, as whom and how patiently: the settings every AWS client in the plugin shares (the
     * providers add their cache settings; the CloudWatch metrics publisher uses these alone).
     */
    public static ConfigDef clientConfigDef() {
        return new ConfigDef()
                .define(
                        REGION,
                        Type.STRING,
                        "",
                        Validators.REGION,
                        Importance.HIGH,
                        "AWS region of the service, e.g. 'us-east-1'. Empty: the SDK's default region chain "
                                + "(AWS_REGION, profile, instance metadata), looked up at the first fetch, never at start-up.",
                        GROUP_CONNECTION,
                        1,
                        ConfigDef.Width.SHORT,
                        "Region")
                .define(
                        ENDPOINT,
                        Type.STRING,
                        "",
                        Validators.HTTP_URL_OR_EMPTY,
                        Importance.MEDIUM,
                        "Endpoint override, e.g. a FIPS endpoint, an interface VPC endpoint "
                                + "('https://vpce-0abc-xyz.<service>.us-east-1.vpce.amazonaws.com') or a local test server. "
                                + "Empty: the service's regional endpoint.",
                        GROUP_CONNECTION,
                        2,
                        ConfigDef.Width.LONG,
                        "Endpoint override")
                .define(
                        FIPS_ENABLED,
                        Type.BOOLEAN,
                        false,
                        Importance.LOW,
                        "Call the service's FIPS 140 endpoint of the region (ignored when '" + ENDPOINT + "' is set).",
                        GROUP_CONNECTION,
                        3,
                        ConfigDef.Width.SHORT,
                        "FIPS endpoint")
                .define(
                        CONNECT_TIMEOUT_MS,
                        Type.LONG,
                        2_000L,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "How long to wait for a TCP connection to the endpoint, in milliseconds.",
                        GROUP_CONNECTION,
                        4,
                        ConfigDef.Width.SHORT,
                        "Connect timeout (ms)")
                .define(
                        ATTEMPT_TIMEOUT_MS,
                        Type.LONG,
                        5_000L,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Time limit for one HTTP attempt, in milliseconds; also the socket read timeout.",
                        GROUP_CONNECTION,
                        5,
                        ConfigDef.Width.SHORT,
                        "Attempt timeout (ms)")
                .define(
                        CALL_TIMEOUT_MS,
                        Type.LONG,
                        20_000L,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Time limit for one API call including all retries, in milliseconds: how long a connector start "
                                + "can wait for a secret, or one metrics publication can take.",
                        GROUP_CONNECTION,
                        6,
                        ConfigDef.Width.SHORT,
                        "Call timeout (ms)")
                .define(
                        MAX_ATTEMPTS,
                        Type.INT,
                        4,
                        ConfigDef.Range.between(1, 20),
                        Importance.LOW,
                        "Attempts per API call (first try plus retries). Throttling, 5xx and network errors are retried "
                                + "with exponential backoff and jitter.",
                        GROUP_CONNECTION,
                        7,
                        ConfigDef.Width.SHORT,
                        "Max attempts")
                .define(
                        RETRY_BACKOFF_MS,
                        Type.LONG,
                        100L,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Base delay of the exponential backoff between attempts, in milliseconds.",
                        GROUP_CONNECTION,
                        8,
                        ConfigDef.Width.SHORT,
                        "Retry backoff (ms)")
                .define(
                        RETRY_BACKOFF_MAX_MS,
                        Type.LONG,
                        20_000L,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Upper bound of the delay between attempts, in milliseconds.",
                        GROUP_CONNECTION,
                        9,
                        ConfigDef.Width.SHORT,
                        "Max retry backoff (ms)")
                .define(
                        ACCESS_KEY_ID,
                        Type.STRING,
                        "",
                        Validators.ACCESS_KEY_ID,
                        Importance.LOW,
                        "Static access key id. Leave empty (recommended) to use the default credentials chain: "
                                + "on MSK Connect that is the connector's service execution role.",
                        GROUP_CREDENTIALS,
                        1,
                        ConfigDef.Width.MEDIUM,
                        "Access key id")
                .define(
                        SECRET_ACCESS_KEY,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        "Static secret access key, used with '" + ACCESS_KEY_ID + "'.",
                        GROUP_CREDENTIALS,
                        2,
                        ConfigDef.Width.MEDIUM,
                        "Secret access key")
                .define(
                        ROLE_ARN,
                        Type.STRING,
                        "",
                        Validators.IAM_ROLE_ARN_OR_EMPTY,
                        Importance.MEDIUM,
                        "IAM role to assume with STS before calling the service, e.g. for resources in another account. "
                                + "Empty: call with the base credentials.",
                        GROUP_CREDENTIALS,
                        3,
                        ConfigDef.Width.LONG,
                        "Role ARN")
                .define(
                        ROLE_EXTERNAL_ID,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        "External id required by the role's trust policy, if any.",
                        GROUP_CREDENTIALS,
                        4,
                        ConfigDef.Width.MEDIUM,
                        "Role external id")
                .define(
                        ROLE_SESSION_NAME,
                        Type.STRING,
                        DEFAULT_SESSION_NAME,
                        Validators.SESSION_NAME,
                        Importance.LOW,
                        "Session name of the assumed role, visible in CloudTrail.",
                        GROUP_CREDENTIALS,
                        5,
                        ConfigDef.Width.MEDIUM,
                        "Role session name")
                .define(
                        STS_ENDPOINT,
                        Type.STRING,
                        "",
                        Validators.HTTP_URL_OR_EMPTY,
                        Importance.LOW,
                        "Endpoint override for STS (e.g. an interface VPC endpoint). Empty: the regional STS endpoint.",
                        GROUP_CREDENTIALS,
                        6,
                        ConfigDef.Width.LONG,
                        "STS endpoint override");
    }

    /** The settings shared by all providers; providers copy it and add their own. */
    public static ConfigDef commonConfigDef() {
        return clientConfigDef()
                .define(
                        CACHE_TTL_MS,
                        Type.LONG,
                        Duration.ofMinutes(10).toMillis(),
                        ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM,
                        "How long a fetched value is served from the worker-wide cache, in milliseconds. All connectors "
                                + "of a worker share one fetch per value per lifetime. If a refresh fails after a "
                                + "successful fetch, the last good value is kept for another lifetime. 0 disables caching.",
                        GROUP_CACHE,
                        1,
                        ConfigDef.Width.SHORT,
                        "Cache lifetime (ms)")
                .define(
                        TTL_ENABLED,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        "Return the remaining cache lifetime to Connect as a TTL. Connect then restarts the connector "
                                + "when the cached value expires, so a rotated secret is picked up without a manual "
                                + "restart. The TTL counts down to the fixed expiry of the cached value; it is never a "
                                + "constant. Off by default because every expiry restarts the connector; needs cache.ttl.ms of at "
                                + "least 10000.",
                        GROUP_CACHE,
                        2,
                        ConfigDef.Width.SHORT,
                        "Return TTL to Connect")
                .define(
                        ALLOWLIST,
                        Type.LIST,
                        "",
                        Validators.PATTERNS,
                        Importance.MEDIUM,
                        "Comma-separated patterns of the names or ARNs this provider may read ('*' matches any "
                                + "characters, e.g. 'prod/db/*,arn:aws:secretsmanager:*:123456789012:secret:prod/db/*'). "
                                + "A reference outside the list fails. Empty: any reference the credentials can read.",
                        GROUP_CACHE,
                        3,
                        ConfigDef.Width.LONG,
                        "Allowlist");
    }

    public AwsProviderConfig(ConfigDef definition, Map<String, ?> props) {
        super(definition, props, false);
    }

    public String region() {
        return getString(REGION).trim();
    }

    public String endpoint() {
        return getString(ENDPOINT).trim();
    }

    public boolean fipsEnabled() {
        return getBoolean(FIPS_ENABLED);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS));
    }

    public Duration attemptTimeout() {
        return Duration.ofMillis(getLong(ATTEMPT_TIMEOUT_MS));
    }

    public Duration callTimeout() {
        return Duration.ofMillis(getLong(CALL_TIMEOUT_MS));
    }

    public int maxAttempts() {
        return getInt(MAX_ATTEMPTS);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
    }

    public String accessKeyId() {
        return getString(ACCESS_KEY_ID).trim();
    }

    public Password secretAccessKey() {
        return getPassword(SECRET_ACCESS_KEY);
    }

    public String roleArn() {
        return getString(ROLE_ARN).trim();
    }

    public Password roleExternalId() {
        return getPassword(ROLE_EXTERNAL_ID);
    }

    public String roleSessionName() {
        return getString(ROLE_SESSION_NAME);
    }

    public String stsEndpoint() {
        return getString(STS_ENDPOINT).trim();
    }

    public Duration cacheTtl() {
        return Duration.ofMillis(getLong(CACHE_TTL_MS));
    }

    public boolean ttlEnabled() {
        return getBoolean(TTL_ENABLED);
    }

    public List<String> allowlist() {
        return getList(ALLOWLIST);
    }
}
