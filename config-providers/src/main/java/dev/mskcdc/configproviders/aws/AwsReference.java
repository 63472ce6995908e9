package dev.mskcdc.configproviders.aws;

/** One parsed {@code ${provider:path:key}} reference. */
public interface AwsReference {

    /** The name or ARN checked against the allowlist and shown in messages. */
    String resource();

    /** Identifies the fetched object; references that differ only in the part they extract share it. */
    String cacheKey();
}
