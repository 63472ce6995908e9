package dev.mskcdc.configproviders.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import dev.mskcdc.awsclient.AwsClientConfig;

/**
 * Settings every AWS-backed provider shares: the AWS client settings, how long to cache and which references are
 * allowed. Provider-specific settings are added by each provider.
 */
public class AwsProviderConfig extends AbstractConfig {

    public static final String GROUP_CACHE = "Cache";

    public static final String CACHE_TTL_MS = "cache.ttl.ms";
    public static final String TTL_ENABLED = "ttl.enabled";
    /** The shortest cache lifetime allowed with {@link #TTL_ENABLED}: each lifetime restarts the connector. */
    public static final Duration MINIMUM_TTL_LIFETIME = Duration.ofSeconds(10);

    public static final String ALLOWLIST = "allowlist";

    /** The providers' STS session name, visible in CloudTrail. */
    public static final String DEFAULT_SESSION_NAME = "mskcdc-config-provider";

    /** The settings shared by all providers; providers copy it and add their own. */
    public static ConfigDef commonConfigDef() {
        return AwsClientConfig.configDef(DEFAULT_SESSION_NAME)
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
                        Allowlist.PATTERNS,
                        Importance.MEDIUM,
                        "Comma-separated patterns of the names or ARNs this provider may read ('*' matches any "
                                + "characters, e.g. 'prod/db/*,arn:aws:secretsmanager:*:123456789012:secret:prod/db/*'). "
                                + "A reference outside the list fails. Empty: any reference the credentials can read.",
                        GROUP_CACHE,
                        3,
                        ConfigDef.Width.LONG,
                        "Allowlist");
    }

    private final AwsClientConfig client = new AwsClientConfig(this);

    public AwsProviderConfig(ConfigDef definition, Map<String, ?> props) {
        super(definition, props, false);
    }

    /** Where to call, as whom and how patiently. */
    public AwsClientConfig client() {
        return client;
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
