package dev.mskcdc.awsclient;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials an AWS client signs with: the default chain, static keys, or either of those used to
 * assume a role with STS. Nothing here resolves credentials; the SDK does that at the first call.
 */
public final class AwsCredentials implements AutoCloseable {

    private final AwsCredentialsProvider provider;
    private final List<SdkAutoCloseable> closeables = new ArrayList<>();

    public AwsCredentials(AwsClientConfig config, AwsClientSettings settings) {
        AwsCredentialsProvider base = baseCredentials(config);
        if (base instanceof SdkAutoCloseable) {
            closeables.add((SdkAutoCloseable) base);
        }
        if (config.roleArn().isEmpty()) {
            provider = base;
            return;
        }
        StsClientBuilder sts = StsClient.builder();
        settings.apply(sts, config.stsEndpoint(), base);
        StsClient stsClient = sts.build();
        AssumeRoleRequest.Builder request =
                AssumeRoleRequest.builder().roleArn(config.roleArn()).roleSessionName(config.roleSessionName());
        if (config.roleExternalId() != null && !config.roleExternalId().value().isEmpty()) {
            request.externalId(config.roleExternalId().value());
        }
        StsAssumeRoleCredentialsProvider assumeRole = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(stsClient)
                .refreshRequest(request.build())
                .build();
        closeables.add(0, stsClient);
        closeables.add(0, assumeRole);
        provider = assumeRole;
    }

    private static AwsCredentialsProvider baseCredentials(AwsClientConfig config) {
        if (config.accessKeyId().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secretKey =
                config.secretAccessKey() == null ? "" : config.secretAccessKey().value();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), secretKey));
    }

    public AwsCredentialsProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        closeables.forEach(SdkAutoCloseable::close);
    }

    @Override
    public String toString() {
        return "AwsCredentials[" + provider.getClass().getSimpleName() + "]";
    }
}
