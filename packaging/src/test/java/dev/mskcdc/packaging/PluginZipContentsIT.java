package dev.mskcdc.packaging;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What users upload to S3: its layout, and that it carries nothing the worker already has. */
class PluginZipContentsIT {

    /** Jars the worker provides, that would let connector authors run code, or test-only code. */
    private static final Pattern FORBIDDEN_JAR = Pattern.compile(
            "(kafka-clients|kafka_2\\.\\d+|connect-api|connect-runtime|connect-json|connect-transforms|slf4j-.*"
                    + "|zstd-jni|snappy-java|lz4-java|groovy.*|graal.*|polyglot.*|js-scriptengine.*|debezium-scripting.*"
                    + "|jackson-core|jackson-databind|jackson-annotations|jackson-datatype-jsr310"
                    + "|netty-nio-client|apache-client|protobuf-java"
                    + "|mskcdc-test-support)-\\d.*\\.jar");

    /** MSK Connect provides it; a ZIP for self-hosted workers carries it only when built with -Pmsk-iam-auth. */
    private static final Pattern MSK_IAM_AUTH_JAR = Pattern.compile("aws-msk-iam-auth-\\d.*\\.jar");

    /** Set by packaging/pom.xml: true when the build ran with -Pmsk-iam-auth. */
    private static final boolean BUNDLES_MSK_IAM_AUTH = Boolean.getBoolean("mskcdc.zip.bundlesMskIamAuth");

    /** Packages that must come from the worker even if some jar shaded them in. */
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
            "org/apache/kafka/clients/",
            "org/apache/kafka/common/",
            "org/apache/kafka/connect/runtime/",
            "org/apache/kafka/connect/json/",
            "org/slf4j/",
            "com/github/luben/zstd/",
            "org/xerial/snappy/",
            "net/jpountz/",
            "groovy/",
            "org/codehaus/groovy/",
            "org/graalvm/",
            "com/fasterxml/jackson/databind/");

    @Test
    void hasOneTopLevelDirectoryWithLibEtcDocAndManifest() {
        List<String> entries = PluginZip.entries();
        String root = PluginZip.topLevelDirectory() + "/";

        assertThat(entries).allSatisfy(entry -> assertThat(entry).startsWith(root));
        assertThat(entries).contains(root + "manifest.json");
        assertThat(entries).anyMatch(entry -> entry.startsWith(root + "lib/") && entry.endsWith(".jar"));
        assertThat(entries).anyMatch(entry -> entry.startsWith(root + "etc/"));
        assertThat(entries).anyMatch(entry -> entry.startsWith(root + "doc/"));
        assertThat(entries)
                .filteredOn(entry -> entry.endsWith(".jar"))
                .allSatisfy(jar -> assertThat(jar).startsWith(root + "lib/"));
    }

    /** A Markdown link target that is neither a URL nor an anchor: a file next to the document. */
    private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\((?!https?:|#|mailto:)([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void everyRelativeLinkInTheShippedDocsResolvesInsideTheZip() {
        List<String> entries = PluginZip.entries();
        List<String> broken = new ArrayList<>();
        for (String document :
                entries.stream().filter(entry -> entry.endsWith(".md")).toList()) {
            Matcher link = RELATIVE_LINK.matcher(PluginZip.read(document));
            while (link.find()) {
                String target =
                        URI.create(document).resolve(link.group(1)).normalize().toString();
                if (!entries.contains(target) && entries.stream().noneMatch(entry -> entry.startsWith(target + "/"))) {
                    broken.add(document + " -> " + link.group(1));
                }
            }
        }
        assertThat(broken)
                .as("links in the ZIP's docs that point to nothing in the ZIP")
                .isEmpty();
    }

    @Test
    void carriesDebeziumMySqlWithItsRuntimeDependenciesAndOurModules() {
        assertThat(PluginZip.libJars())
                .contains(
                        "debezium-connector-mysql-3.6.1.Final.jar",
                        "debezium-connector-binlog-3.6.1.Final.jar",
                        "debezium-ddl-parser-3.6.1.Final.jar",
                        "debezium-storage-kafka-3.6.1.Final.jar",
                        "mysql-binlog-connector-java-0.41.0.jar",
                        "mysql-connector-j-9.1.0.jar",
                        "antlr4-runtime-4.10.1.jar",
                        "mskcdc-connector-" + version() + ".jar",
                        "mskcdc-transforms-" + version() + ".jar",
                        "mskcdc-config-providers-" + version() + ".jar",
                        "mskcdc-aws-client-" + version() + ".jar",
                        "mskcdc-metrics-" + version() + ".jar",
                        "cloudwatch-2.31.78.jar",
                        "aws-query-protocol-2.31.78.jar");
    }

    @Test
    void carriesNoJarTheWorkerProvidesNorAScriptingEngine() {
        assertThat(PluginZip.libJars())
                .noneMatch(jar -> FORBIDDEN_JAR.matcher(jar).matches());
    }

    @Test
    void carriesAwsMskIamAuthOnlyWhenBuiltWithItsProfile() {
        assertThat(PluginZip.libJars().stream()
                        .anyMatch(jar -> MSK_IAM_AUTH_JAR.matcher(jar).matches()))
                .as("aws-msk-iam-auth in lib/ (bundled with -Pmsk-iam-auth only)")
                .isEqualTo(BUNDLES_MSK_IAM_AUTH);
    }

    @Test
    void noJarShadesWorkerPackages() {
        assertThat(PluginZip.classEntriesOfAllJars())
                .noneMatch(entry ->
                        FORBIDDEN_PACKAGES.stream().anyMatch(entry.substring(entry.indexOf('!') + 1)::startsWith));
    }

    @Test
    void manifestFollowsTheComponentArchiveFormat() throws IOException {
        JsonNode manifest =
                new ObjectMapper().readTree(PluginZip.read(PluginZip.topLevelDirectory() + "/manifest.json"));

        assertThat(manifest.path("name").asText()).isEqualTo("mskcdc-kit");
        assertThat(manifest.path("version").asText()).isEqualTo(version());
        assertThat(manifest.path("owner").path("username").asText()).isNotBlank();
        assertThat(manifest.path("component_types"))
                .extracting(JsonNode::asText)
                .contains("source", "transform");
        assertThat(manifest.path("component_version_info")
                        .path("debezium-connector-mysql")
                        .asText())
                .isEqualTo("3.6.1.Final");
    }

    @Test
    void shipsEveryReferenceConfigurationUnderEtc() throws IOException {
        java.nio.file.Path config = java.nio.file.Path.of("..", "connector", "config");
        List<String> expected;
        try (var files = Files.walk(config)) {
            expected = files.filter(Files::isRegularFile)
                    .map(file -> PluginZip.topLevelDirectory() + "/etc/"
                            + config.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
        assertThat(expected).isNotEmpty();
        assertThat(PluginZip.entries()).containsAll(expected);
    }

    /** One line of the generated doc/licenses/THIRD-PARTY.txt: {@code (License) Name (group:artifact:version - url)}. */
    private static final Pattern THIRD_PARTY_LINE =
            Pattern.compile("^\\s*\\((.+?)\\) .* \\(([^:()]+):([^:()]+):([^ ]+) - .*\\)$");

    @Test
    void carriesTheLicenseListAndALicenseTextForEveryBundledJar() {
        String licenses = PluginZip.topLevelDirectory() + "/doc/licenses/";
        java.util.Map<String, String> licenseOfJar = new java.util.HashMap<>();
        java.util.Map<String, String> groupOfJar = new java.util.HashMap<>();
        for (String line : PluginZip.read(licenses + "THIRD-PARTY.txt").lines().toList()) {
            Matcher entry = THIRD_PARTY_LINE.matcher(line);
            if (entry.matches()) {
                licenseOfJar.put(entry.group(3) + "-" + entry.group(4) + ".jar", entry.group(1));
                groupOfJar.put(entry.group(3) + "-" + entry.group(4) + ".jar", entry.group(2));
            }
        }
        List<String> entries = PluginZip.entries();
        List<String> withoutText = new ArrayList<>();
        for (String jar : PluginZip.libJars()) {
            assertThat(licenseOfJar).as("THIRD-PARTY.txt lists " + jar).containsKey(jar);
            String license = licenseOfJar.get(jar);
            assertThat(license).as(jar).doesNotContainIgnoringCase("unknown");
            String artifactId = jar.replaceFirst("-\\d.*$", "");
            boolean ownFiles = entries.stream()
                    .anyMatch(entry -> entry.startsWith(licenses + artifactId + "/") && !entry.endsWith("/"));
            boolean apacheText = license.contains("Apache") && entries.contains(licenses + "Apache-2.0.txt");
            // Debezium's own archive ships the texts for its jars, ANTLR's and the binlog client's.
            boolean debeziumText = (groupOfJar.get(jar).equals("io.debezium") || artifactId.equals("antlr4-runtime"))
                    && entries.contains(licenses + "debezium/debezium-connector-mysql/LICENSE-3rd-PARTIES.txt");
            // MIT No Attribution asks for no copy of its text.
            boolean noTextRequired = license.equals("MIT-0");
            if (!(ownFiles || apacheText || debeziumText || noTextRequired)) {
                withoutText.add(jar + " (" + license + ")");
            }
        }
        assertThat(withoutText)
                .as("bundled jars whose license text the ZIP does not carry")
                .isEmpty();
        assertThat(PluginZip.read(licenses + "mysql-connector-j/LICENSE"))
                .as("GPLv2 with the Universal FOSS Exception")
                .contains("GNU GENERAL PUBLIC LICENSE", "Universal FOSS Exception");
        assertThat(PluginZip.read(licenses + "debezium/debezium-connector-mysql/LICENSE-3rd-PARTIES.txt"))
                .contains("The ANTLR Project");
    }

    private static String version() {
        return PluginZip.topLevelDirectory().substring("mskcdc-kit-".length());
    }
}
