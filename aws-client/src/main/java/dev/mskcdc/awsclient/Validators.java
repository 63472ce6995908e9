package dev.mskcdc.awsclient;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** ConfigDef validators for the AWS client settings, and {@link #pattern} for its users' own. */
public final class Validators {

    static final ConfigDef.Validator HTTP_URL_OR_EMPTY = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            try {
                URI uri = new URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new ConfigException(
                            name,
                            text,
                            "Expected an absolute http:// or https:// URL with a host, "
                                    + "e.g. https://secretsmanager.us-east-1.amazonaws.com");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, text, "Not a valid URL: " + e.getReason());
            }
        }

        @Override
        public String toString() {
            return "empty, or an http(s) URL";
        }
    };

    private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::\\d{12}:role/.+");

    static final ConfigDef.Validator IAM_ROLE_ARN_OR_EMPTY = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (!text.isEmpty() && !ROLE_ARN.matcher(text).matches()) {
                throw new ConfigException(
                        name, text, "Expected an IAM role ARN such as arn:aws:iam::123456789012:role/secret-reader");
            }
        }

        @Override
        public String toString() {
            return "empty, or arn:<partition>:iam::<account>:role/<name>";
        }
    };

    /** STS accepts 2 to 64 characters of [\w+=,.@-]. */
    static final ConfigDef.Validator SESSION_NAME = ConfigDef.LambdaValidator.with(
            (name, value) -> {
                if (value == null || !value.toString().matches("[\\w+=,.@-]{2,64}")) {
                    throw new ConfigException(
                            name, value, "Expected 2 to 64 characters of letters, digits and +=,.@_-");
                }
            },
            () -> "2-64 characters of [A-Za-z0-9+=,.@_-]");

    static final ConfigDef.Validator REGION =
            pattern("[a-z]{2}(-[a-z]+)+-\\d+", "empty, or a region code such as us-east-1");

    static final ConfigDef.Validator ACCESS_KEY_ID =
            pattern("[A-Za-z0-9]+", "empty, or an access key id (letters and digits)");

    /** Allows empty, or text that matches {@code regex} completely. */
    public static ConfigDef.Validator pattern(String regex, String description) {
        Pattern compiled = Pattern.compile(regex);
        return ConfigDef.LambdaValidator.with(
                (name, value) -> {
                    String text = value == null ? "" : value.toString().trim();
                    if (!text.isEmpty() && !compiled.matcher(text).matches()) {
                        throw new ConfigException(name, value, "Expected " + description);
                    }
                },
                () -> description);
    }

    private Validators() {}
}
