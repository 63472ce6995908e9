package dev.mskcdc.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade MSK Connect forces (plugins cannot be updated in place): delete the connector, install a
 * new plugin version, create the connector again under the same name, on workers sharing the same
 * offsets topic. It must resume streaming where it stopped, without a new snapshot and without loss.
 */
@ExtendWith(LocalStackExtension.class)
class UpgradeIT {

    private static final String CONNECTOR = "upgrade";
    private static final String CLUSTER = "upgrade-cluster";
    private static final String NEXT_VERSION = "0.1.1-upgrade-test";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void recreatedConnectorOnANewPluginVersionResumesWithoutReSnapshot(LocalStack stack) throws IOException {
        stack.database()
                .recreateDatabase(
                        "upgrades",
                        "CREATE TABLE upgrades.items (id INT PRIMARY KEY, label VARCHAR(32))",
                        "INSERT INTO upgrades.items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        ConnectorSpec spec = ConnectorSpec.of(CONNECTOR, "upg", "upgrades", "upgrades\\.items");

        try (ConnectWorker before = stack.startAnotherWorker(CLUSTER, Map.of());
                RunningConnector connector = stack.startConnector(
                        before, spec, RunningConnector.dataTopics("upg"), RunningConnector.Await.SNAPSHOT)) {
            stack.database().execute("INSERT INTO upgrades.items VALUES (4, 'four'), (5, 'five')");
            connector.events().pollUntil(received -> received.size() >= 5, WAIT);
        }
        stack.database()
                .execute(
                        "INSERT INTO upgrades.items VALUES (6, 'six'), (7, 'seven')",
                        "UPDATE upgrades.items SET label = 'ONE' WHERE id = 1");

        Path nextZip = withNewVersion(PluginZip.path(), NEXT_VERSION);
        try (ConnectWorker after = stack.startAnotherWorker(CLUSTER, nextZip, Map.of())) {
            assertThat(Path.of(after.config().get("plugin.path")).resolve("mskcdc-kit-" + NEXT_VERSION))
                    .isDirectory();
            // The offsets the first connector committed: no snapshot again, so RUNNING is all there is to await.
            try (RunningConnector connector = stack.startConnector(
                    after, spec, RunningConnector.dataTopics("upg"), RunningConnector.Await.RUNNING)) {
                List<ChangeEvent> all = connector.events().pollUntil(received -> received.size() >= 8, WAIT);

                Map<String, Long> ops =
                        all.stream().collect(Collectors.groupingBy(ChangeEvent::op, Collectors.counting()));
                assertThat(ops).as("events by op after the upgrade: " + all).containsEntry("r", 3L);
                assertThat(all.subList(5, 8)).extracting(ChangeEvent::op).containsExactly("c", "c", "u");
                assertThat(all.subList(5, 8))
                        .extracting(event -> event.after().path("id").asInt())
                        .containsExactly(6, 7, 1);
            }
        }
    }

    /** The same plugin under a new version: new top-level directory name and manifest version. */
    private static Path withNewVersion(Path zip, String version) throws IOException {
        String oldRoot = PluginZip.topLevelDirectory() + "/";
        String newRoot = "mskcdc-kit-" + version + "/";
        Path target = Files.createDirectories(Path.of("target", "upgrade")).resolve("mskcdc-kit-" + version + ".zip");
        try (ZipFile in = new ZipFile(zip.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : in.stream().toList()) {
                String name = newRoot + entry.getName().substring(oldRoot.length());
                out.putNextEntry(new ZipEntry(name));
                try (InputStream content = in.getInputStream(entry)) {
                    byte[] bytes = content.readAllBytes();
                    if (name.equals(newRoot + "manifest.json")) {
                        String oldVersion = oldRoot.substring("mskcdc-kit-".length(), oldRoot.length() - 1);
                        bytes = new String(bytes, StandardCharsets.UTF_8)
                                .replace("\"version\" : \"" + oldVersion + "\"", "\"version\" : \"" + version + "\"")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    out.write(bytes);
                }
                out.closeEntry();
            }
        }
        return target;
    }
}
