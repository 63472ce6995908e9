package dev.mskcdc.configproviders.s3;

import org.apache.kafka.common.config.ConfigException;

import dev.mskcdc.configproviders.aws.AwsReference;

/**
 * A parsed {@code ${s3:<bucket>/<key>}} reference. Also accepted: {@code ${s3:s3://<bucket>/<key>}} and
 * aws-samples' {@code ${s3import:<region>:<bucket>/<key>}} / {@code ${s3import::<bucket>/<key>}}.
 */
final class ObjectReference implements AwsReference {

    private final String region;
    private final String bucket;
    private final String key;

    private ObjectReference(String region, String bucket, String key) {
        this.region = region;
        this.bucket = bucket;
        this.key = key;
    }

    static ObjectReference parse(String path, String reference) {
        String region = "";
        String location = reference;
        if ("s3".equals(path) && reference.startsWith("//")) {
            location = reference.substring(2);
        } else if (path != null && !path.isEmpty()) {
            region = path.trim();
        }
        int slash = location.indexOf('/');
        if (slash <= 0 || slash == location.length() - 1) {
            throw new ConfigException("Reference '" + reference + "' is not an S3 object. Write ${s3:<bucket>/<key>}, "
                    + "e.g. ${s3:my-certs/rds/global-bundle.pem}, or ${s3:<region>:<bucket>/<key>}.");
        }
        return new ObjectReference(region, location.substring(0, slash), location.substring(slash + 1));
    }

    /** The region to read from; empty means the provider's region. */
    String region() {
        return region;
    }

    String bucket() {
        return bucket;
    }

    String key() {
        return key;
    }

    /** The last path segment, made safe to use in a local file name. */
    String safeFileName() {
        String last = key.substring(key.lastIndexOf('/') + 1);
        return last.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String resource() {
        return bucket + "/" + key;
    }

    @Override
    public String cacheKey() {
        return region + "|" + resource();
    }

    String describe() {
        return "object 's3://" + resource() + "'";
    }

    @Override
    public String toString() {
        return "ObjectReference[s3://" + resource() + (region.isEmpty() ? "" : ", region=" + region) + "]";
    }
}
