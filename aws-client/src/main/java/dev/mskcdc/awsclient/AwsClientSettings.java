package dev.mskcdc.awsclient;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** Applies region, endpoint override, timeouts, retries and the URL-connection HTTP client to SDK builders. */
public final class AwsClientSettings {

    private final AwsClientConfig config;

    public AwsClientSettings(AwsClientConfig config) {
        this.config = config;
    }

    /** Configures a service client builder with the configured endpoint override. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apply(
            B builder, AwsCredentialsProvider credentials) {
        return apply(builder, config.endpoint(), credentials);
    }

    <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apply(
            B builder, String endpoint, AwsCredentialsProvider credentials) {
        if (!config.region().isEmpty()) {
            builder.region(Region.of(config.region()));
        }
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        } else if (config.fipsEnabled()) {
            builder.fipsEnabled(true);
        }
        builder.credentialsProvider(credentials);
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(config.connectTimeout())
                .socketTimeout(config.attemptTimeout()));
        builder.overrideConfiguration(overrides());
        return builder;
    }

    private ClientOverrideConfiguration overrides() {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(config.retryBackoff(), config.retryBackoffMax());
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(config.callTimeout())
                .apiCallAttemptTimeout(config.attemptTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.maxAttempts())
                        .backoffStrategy(backoff)
                        .throttlingBackoffStrategy(backoff)
                        .build())
                .build();
    }
}
