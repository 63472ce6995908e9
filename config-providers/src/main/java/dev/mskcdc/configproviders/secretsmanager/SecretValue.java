package dev.mskcdc.configproviders.secretsmanager;

import software.amazon.awssdk.core.SdkBytes;

/** The value of one secret version: text or binary. Its toString never shows the content. */
final class SecretValue {

    private final String text;
    private final SdkBytes binary;
    private final String versionId;

    SecretValue(String text, SdkBytes binary, String versionId) {
        this.text = text;
        this.binary = binary;
        this.versionId = versionId;
    }

    boolean isBinary() {
        return text == null;
    }

    String text() {
        return text;
    }

    SdkBytes binary() {
        return binary;
    }

    /** The Secrets Manager VersionId of this value: an identifier, not secret. */
    String versionId() {
        return versionId;
    }

    @Override
    public String toString() {
        return "SecretValue[" + (isBinary() ? "binary" : "text") + ", versionId=" + versionId + ", value=<redacted>]";
    }
}
