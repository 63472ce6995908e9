package dev.mskcdc.configproviders.ssm;

import org.apache.kafka.common.config.ConfigException;

import dev.mskcdc.configproviders.aws.AwsReference;

/**
 * A parsed {@code ${ssm:<name>}} reference. Connect splits at the first colon; the parts are joined back,
 * so {@code ${ssm:/db/password}}, aws-samples' {@code ${ssm::/db/password}}, an ARN and SSM's own version
 * selectors ({@code /db/password:3}, {@code /db/password:label}) all arrive as the name SSM expects.
 */
final class ParameterReference implements AwsReference {

    private final String name;

    private ParameterReference(String name) {
        this.name = name;
    }

    static ParameterReference parse(String path, String key) {
        String name = path == null || path.isEmpty() ? key : path + ":" + key;
        if (name.isBlank()) {
            throw new ConfigException("An ${ssm:...} reference names no parameter. Write ${ssm:/path/to/parameter} or "
                    + "${ssm:arn:aws:ssm:<region>:<account>:parameter/path/to/parameter}.");
        }
        if (name.startsWith("arn:") && !name.contains(":parameter/")) {
            throw new ConfigException("Reference '${ssm:" + name + "}' is not an SSM parameter ARN. Expected "
                    + "${ssm:arn:<partition>:ssm:<region>:<account>:parameter/<name>}.");
        }
        return new ParameterReference(name.trim());
    }

    /** The name as sent to SSM, possibly with a ':version' or ':label' selector. */
    String name() {
        return name;
    }

    /** The name without SSM's version selector, for the allowlist and IAM messages. */
    @Override
    public String resource() {
        String withoutArn = name.startsWith("arn:") ? name.substring(0, name.indexOf(":parameter") + 1) : "";
        String rest = name.substring(withoutArn.length());
        int selector = rest.indexOf(':');
        return withoutArn + (selector < 0 ? rest : rest.substring(0, selector));
    }

    @Override
    public String cacheKey() {
        return name;
    }

    String describe() {
        return "parameter '" + name + "'";
    }

    @Override
    public String toString() {
        return "ParameterReference[" + name + "]";
    }
}
