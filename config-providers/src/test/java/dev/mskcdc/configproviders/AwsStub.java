package dev.mskcdc.configproviders;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A loopback HTTP server speaking the AWS JSON 1.1 (Secrets Manager, SSM), query (STS) and REST-XML (S3)
 * protocols, so the real SDK runs against it through the providers' endpoint override.
 */
public final class AwsStub implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    public AwsStub() {
        server = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Provider settings pointing at this stub with static test credentials. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("region", REGION);
        settings.put("endpoint", endpoint());
        settings.put("access.key.id", "AKIDTEST");
        settings.put("secret.access.key", "test-secret-access-key");
        settings.put("max.attempts", "3");
        settings.put("retry.backoff.ms", "10");
        settings.put("retry.backoff.max.ms", "50");
        return settings;
    }

    public static String arn(String name) {
        return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-AbCdEf";
    }

    // ---- Secrets Manager -------------------------------------------------------------------------

    public static MappingBuilder getSecretValue(String secretId) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(secretId)));
    }

    public static ResponseDefinitionBuilder secretString(String name, String value, String versionId) {
        ObjectNode body = secretBody(name, versionId);
        body.put("SecretString", value);
        return json(200, body.toString());
    }

    public static ResponseDefinitionBuilder secretBinary(String name, byte[] value) {
        ObjectNode body = secretBody(name, "v1");
        body.put("SecretBinary", Base64.getEncoder().encodeToString(value));
        return json(200, body.toString());
    }

    private static ObjectNode secretBody(String name, String versionId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ARN", arn(name));
        body.put("Name", name);
        body.put("VersionId", versionId);
        body.putArray("VersionStages").add("AWSCURRENT");
        body.put("CreatedDate", 1.7E9);
        return body;
    }

    public static ResponseDefinitionBuilder awsError(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        return json(status, body.toString());
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-1234")
                .withBody(body);
    }

    public void secret(String name, String value) {
        server.stubFor(getSecretValue(name).willReturn(secretString(name, value, "v1")));
    }

    public int secretRequests(String secretId) {
        return requests("secretsmanager.GetSecretValue", secretId).size();
    }

    public List<LoggedRequest> requests(String target, String id) {
        return server.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(target))
                .withRequestBody(
                        matchingJsonPath(target.startsWith("AmazonSSM") ? "$.Name" : "$.SecretId", equalTo(id))));
    }

    // ---- SSM -------------------------------------------------------------------------------------

    public static MappingBuilder getParameter(String name) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(matchingJsonPath("$.Name", equalTo(name)));
    }

    public static ResponseDefinitionBuilder parameter(String name, String type, String value, long version) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode parameter = body.putObject("Parameter");
        parameter.put("Name", name);
        parameter.put("Type", type);
        parameter.put("Value", value);
        parameter.put("Version", version);
        parameter.put(
                "ARN",
                "arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter" + (name.startsWith("/") ? "" : "/") + name);
        return json(200, body.toString());
    }

    // ---- S3 --------------------------------------------------------------------------------------

    /** An S3 REST-XML error, e.g. {@code s3Error(404, "NoSuchKey", "The specified key does not exist.")}. */
    public static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>");
    }

    // ---- STS -------------------------------------------------------------------------------------

    public static ResponseDefinitionBuilder assumeRoleResponse(String accessKeyId, String sessionToken) {
        String xml = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<AssumedRoleUser><AssumedRoleId>AROATEST:mskcdc</AssumedRoleId>"
                + "<Arn>arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/mskcdc</Arn></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + accessKeyId
                + "</AccessKeyId><SecretAccessKey>temp-secret</SecretAccessKey>"
                + "<SessionToken>" + sessionToken + "</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
                + "</Credentials></AssumeRoleResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop();
    }
}
