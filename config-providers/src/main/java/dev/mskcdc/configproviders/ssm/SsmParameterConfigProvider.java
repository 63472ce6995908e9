package dev.mskcdc.configproviders.ssm;

import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.Parameter;

import dev.mskcdc.configproviders.aws.AwsConfigProvider;
import dev.mskcdc.configproviders.aws.AwsProviderConfig;
import dev.mskcdc.configproviders.aws.LazyClient;
import dev.mskcdc.configproviders.aws.SharedCache;

/**
 * Resolves {@code ${ssm:<parameter-name-or-ARN>}} from AWS Systems Manager Parameter Store.
 */
public class SsmParameterConfigProvider extends AwsConfigProvider<ParameterReference, String> {

    private static final Logger log = LoggerFactory.getLogger(SsmParameterConfigProvider.class);

    public static final String OVERVIEW_DOC = "Resolves ${ssm:<parameter-name-or-ARN>} in worker and connector "
            + "configurations from AWS Systems Manager Parameter Store (String, StringList and SecureString, "
            + "decrypted). SSM's version selectors work as written: ${ssm:/db/password:3} or "
            + "${ssm:/db/password:prod}. aws-samples' form ${ssm::/db/password} is accepted. Same credentials, "
            + "cache, allowlist and TTL rules as the Secrets Manager provider.";

    public static final ConfigDef CONFIG_DEF = AwsProviderConfig.commonConfigDef();

    private final LazyClient<SsmClient> client = new LazyClient<>(() -> clientSettings()
            .apply(SsmClient.builder(), credentials().provider())
            .build());

    public SsmParameterConfigProvider() {
        this(SharedCache.WORKER);
    }

    /** With a cache of its own; for tests and embedding. */
    public SsmParameterConfigProvider(SharedCache cache) {
        super(cache, CONFIG_DEF, "SSM Parameter Store", "ssm");
    }

    @Override
    protected ParameterReference parse(String path, String key) {
        return ParameterReference.parse(path, key);
    }

    @Override
    protected String fetch(ParameterReference reference) {
        Parameter parameter;
        try {
            parameter = client.get()
                    .getParameter(GetParameterRequest.builder()
                            .name(reference.name())
                            .withDecryption(true)
                            .build())
                    .parameter();
        } catch (SdkException e) {
            throw errors().translate(e, reference.describe(), "ssm:GetParameter", reference.resource());
        }
        log.info("Read {} (version {}) from SSM Parameter Store", reference.describe(), parameter.version());
        return parameter.value();
    }

    @Override
    protected String extract(ParameterReference reference, String value) {
        return value;
    }

    @Override
    public void close() {
        client.close();
        super.close();
    }
}
