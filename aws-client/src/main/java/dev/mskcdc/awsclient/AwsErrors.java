package dev.mskcdc.awsclient;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Turns SDK exceptions into ConfigExceptions a person can act on. The SDK exception is never attached as a
 * cause and client-side SDK messages are never copied: a malformed response's parse error can quote the
 * response body, which may hold the secret.
 */
public final class AwsErrors {

    private static final Set<String> NOT_FOUND = Set.of(
            "ResourceNotFoundException",
            "ParameterNotFound",
            "ParameterVersionNotFound",
            "ParameterVersionLabelNotFound",
            "NoSuchKey",
            "NoSuchBucket",
            "NotFound");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "AccessDenied", "Forbidden");
    private static final Set<String> KMS = Set.of(
            "DecryptionFailure",
            "KMSAccessDeniedException",
            "KMSDisabledException",
            "KMSInvalidStateException",
            "KMSNotFoundException",
            "KMSInvalidKeyUsageException",
            "InvalidKeyId",
            "KMS.DisabledException",
            "KMS.AccessDeniedException");
    private static final Set<String> BAD_CREDENTIALS = Set.of(
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "InvalidSignatureException",
            "SignatureDoesNotMatch",
            "ExpiredTokenException",
            "ExpiredToken",
            "InvalidAccessKeyId",
            "IncompleteSignature",
            "MissingAuthenticationToken");
    private static final Set<String> THROTTLED = Set.of(
            "ThrottlingException",
            "Throttling",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "SlowDown",
            "ThrottledException");

    private static final int MAX_AWS_MESSAGE = 300;

    private final AwsClientConfig config;
    private final String service;
    private final String endpointPrefix;
    private final String settingsPrefix;
    private final String rateAdvice;

    /**
     * @param service        the service as users name it, e.g. "Secrets Manager"
     * @param endpointPrefix the service's endpoint prefix, e.g. "secretsmanager" (for VPC endpoint names)
     * @param settingsPrefix where users write the settings, e.g. "config.providers.&lt;name&gt;.param."
     * @param rateAdvice     what else lowers the user's request rate, appended to the throttling advice
     *                       (e.g. ": values are cached per worker for 'cache.ttl.ms'"), or ""
     */
    public AwsErrors(
            AwsClientConfig config, String service, String endpointPrefix, String settingsPrefix, String rateAdvice) {
        this.config = config;
        this.service = service;
        this.endpointPrefix = endpointPrefix;
        this.settingsPrefix = settingsPrefix;
        this.rateAdvice = rateAdvice;
    }

    /**
     * @param what      what was being read, e.g. "secret 'prod/db'"
     * @param iamAction the IAM action the call needs, e.g. "secretsmanager:GetSecretValue"
     * @param resource  the resource the action is on (name or ARN)
     */
    public ConfigException translate(SdkException e, String what, String iamAction, String resource) {
        if (e instanceof AwsServiceException) {
            return serviceError((AwsServiceException) e, what, iamAction, resource);
        }
        return clientError(e, what);
    }

    private ConfigException serviceError(AwsServiceException e, String what, String iamAction, String resource) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String awsSays = awsMessage(details);
        String tail = " [" + (code.isEmpty() ? "HTTP " + e.statusCode() : code + ", HTTP " + e.statusCode())
                + (e.requestId() == null ? "" : ", request id " + e.requestId()) + "]";
        if (e instanceof StsException) {
            return new ConfigException("Could not assume role '" + config.roleArn() + "' to read " + what
                    + ": sts:AssumeRole failed." + awsSays + " The role's trust policy must allow the worker's "
                    + "principal to call sts:AssumeRole (with the external id in '" + AwsClientConfig.ROLE_EXTERNAL_ID
                    + "' if the policy requires one), and the base credentials must be allowed sts:AssumeRole on the role."
                    + tail);
        }
        if (KMS.contains(code) || mentionsKms(awsSays)) {
            return new ConfigException(service + " could not decrypt " + what + " with its KMS key (kms:Decrypt)."
                    + awsSays + " Grant kms:Decrypt on the secret's customer-managed key to the worker's role, in the "
                    + "role policy and in the key policy, and check the key is enabled." + tail);
        }
        if (NOT_FOUND.contains(code) || e.statusCode() == 404) {
            return new ConfigException(what + " was not found in " + service + " " + where() + "." + awsSays
                    + " Check the name or ARN, the '" + AwsClientConfig.REGION
                    + "' setting, and that it is "
                    + "not scheduled for deletion." + tail);
        }
        if (ACCESS_DENIED.contains(code) || e.statusCode() == 403) {
            return new ConfigException("Access denied reading " + what + ": the worker's role needs " + iamAction
                    + " on " + resource + "." + awsSays + tail);
        }
        if (BAD_CREDENTIALS.contains(code)) {
            return new ConfigException(service + " rejected the worker's credentials while reading " + what + "."
                    + awsSays + " Check the credentials (on MSK Connect: the service execution role; elsewhere "
                    + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or '" + AwsClientConfig.ACCESS_KEY_ID + "') and the "
                    + "worker's clock." + tail);
        }
        if (THROTTLED.contains(code) || e.isThrottlingException() || e.statusCode() == 429) {
            return new ConfigException(service + " throttled the requests for " + what + " after "
                    + config.maxAttempts() + " attempts ('" + AwsClientConfig.MAX_ATTEMPTS + "')." + awsSays
                    + " Raise '" + AwsClientConfig.MAX_ATTEMPTS + "' or '" + AwsClientConfig.RETRY_BACKOFF_MS
                    + "', or lower the request rate" + rateAdvice + "." + tail);
        }
        if (e.statusCode() >= 500) {
            return new ConfigException(service + " failed with a server error reading " + what + " after "
                    + config.maxAttempts() + " attempts ('" + AwsClientConfig.MAX_ATTEMPTS + "')." + awsSays
                    + " Retry later." + tail);
        }
        return new ConfigException(service + " refused to return " + what + "." + awsSays + tail);
    }

    private ConfigException clientError(SdkException e, String what) {
        if (hasCause(e, ApiCallTimeoutException.class)) {
            return new ConfigException("No answer from " + service + " " + where() + " for " + what + " within '"
                    + AwsClientConfig.CALL_TIMEOUT_MS + "'="
                    + config.callTimeout().toMillis() + " ms. "
                    + networkHint());
        }
        if (hasCause(e, ApiCallAttemptTimeoutException.class) || hasCause(e, SocketTimeoutException.class)) {
            return new ConfigException("Timed out reading " + what + " from " + service + " " + where() + " ('"
                    + AwsClientConfig.ATTEMPT_TIMEOUT_MS + "'="
                    + config.attemptTimeout().toMillis() + " ms, '"
                    + AwsClientConfig.CONNECT_TIMEOUT_MS + "'="
                    + config.connectTimeout().toMillis() + " ms, "
                    + config.maxAttempts() + " attempts). " + networkHint());
        }
        if (hasCause(e, ConnectException.class)
                || hasCause(e, UnknownHostException.class)
                || hasCause(e, NoRouteToHostException.class)) {
            return new ConfigException("Cannot reach " + service + " " + where() + " to read " + what + " ("
                    + rootCauseName(e) + "). " + networkHint());
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("Unable to load credentials")) {
            return new ConfigException("No AWS credentials found to read " + what + ". On MSK Connect the connector's "
                    + "service execution role provides them; elsewhere set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a "
                    + "profile, or '" + AwsClientConfig.ACCESS_KEY_ID + "'.");
        }
        if (message.startsWith("Unable to load region")) {
            return new ConfigException("No AWS region known to read " + what + ": set '" + AwsClientConfig.REGION
                    + "' (" + settingsPrefix + AwsClientConfig.REGION + ") or AWS_REGION.");
        }
        return new ConfigException("The response from " + service + " " + where() + " for " + what
                + " could not be read (" + e.getClass().getSimpleName() + "). Check that '" + AwsClientConfig.ENDPOINT
                + "' points at the " + service + " API.");
    }

    private String where() {
        String region = config.region().isEmpty() ? "the default region" : "region " + config.region();
        return config.endpoint().isEmpty() ? "in " + region : "at " + config.endpoint() + " (" + region + ")";
    }

    private String networkHint() {
        String region = config.region().isEmpty() ? "<region>" : config.region();
        return "Connectors on MSK Connect run in your private subnets: give them a route to " + service
                + " through a NAT gateway, or create an interface VPC endpoint com.amazonaws." + region + "."
                + endpointPrefix + " with private DNS enabled and a security group that allows HTTPS (443) from the "
                + "connector's security group.";
    }

    private static String awsMessage(AwsErrorDetails details) {
        if (details == null
                || details.errorMessage() == null
                || details.errorMessage().isBlank()) {
            return "";
        }
        String message = details.errorMessage().strip();
        if (message.length() > MAX_AWS_MESSAGE) {
            message = message.substring(0, MAX_AWS_MESSAGE) + "...";
        }
        return " AWS says: \"" + message + "\".";
    }

    private static boolean mentionsKms(String awsSays) {
        String lower = awsSays.toLowerCase(Locale.ROOT);
        return lower.contains("kms:decrypt") || lower.contains("kms key") || lower.contains("arn:aws:kms:");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootCauseName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
