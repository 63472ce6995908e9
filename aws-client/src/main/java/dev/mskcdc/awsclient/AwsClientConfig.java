package dev.mskcdc.awsclient;

import java.time.Duration;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Where to call, as whom and how patiently: the settings every AWS client of the plugin shares. A user (a config
 * provider, the CloudWatch metrics publisher) adds {@link #configDef} to its own ConfigDef, parses its settings once
 * and reads these through {@code new AwsClientConfig(parsed)}.
 */
public final class AwsClientConfig {

    public static final String GROUP_CONNECTION = "Connection";
    public static final String GROUP_CREDENTIALS = "Credentials";

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

    /**
     * The client settings, for a user's ConfigDef to add its own to. {@code defaultSessionName} names the user's
     * STS sessions in CloudTrail (e.g. 'mskcdc-config-provider'), so each user's calls can be told apart.
     */
    public static ConfigDef configDef(String defaultSessionName) {
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
                        defaultSessionName,
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

    private final AbstractConfig parsed;

    /** @param parsed settings parsed with a ConfigDef that includes {@link #configDef} */
    public AwsClientConfig(AbstractConfig parsed) {
        this.parsed = parsed;
    }

    public String region() {
        return parsed.getString(REGION).trim();
    }

    public String endpoint() {
        return parsed.getString(ENDPOINT).trim();
    }

    public boolean fipsEnabled() {
        return parsed.getBoolean(FIPS_ENABLED);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(parsed.getLong(CONNECT_TIMEOUT_MS));
    }

    public Duration attemptTimeout() {
        return Duration.ofMillis(parsed.getLong(ATTEMPT_TIMEOUT_MS));
    }

    public Duration callTimeout() {
        return Duration.ofMillis(parsed.getLong(CALL_TIMEOUT_MS));
    }

    public int maxAttempts() {
        return parsed.getInt(MAX_ATTEMPTS);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(parsed.getLong(RETRY_BACKOFF_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(parsed.getLong(RETRY_BACKOFF_MAX_MS));
    }

    public String accessKeyId() {
        return parsed.getString(ACCESS_KEY_ID).trim();
    }

    public Password secretAccessKey() {
        return parsed.getPassword(SECRET_ACCESS_KEY);
    }

    public String roleArn() {
        return parsed.getString(ROLE_ARN).trim();
    }

    public Password roleExternalId() {
        return parsed.getPassword(ROLE_EXTERNAL_ID);
    }

    public String roleSessionName() {
        return parsed.getString(ROLE_SESSION_NAME);
    }

    public String stsEndpoint() {
        return parsed.getString(STS_ENDPOINT).trim();
    }
}
