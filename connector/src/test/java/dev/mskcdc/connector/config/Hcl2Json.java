package dev.mskcdc.connector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

/**
 * HashiCorp's HCL2 parser (hashicorp/hcl v2 compiled to WebAssembly, npm {@code @cdktf/hcl2json}, pinned in
 * src/test/resources/terraform/hcl2json/package-lock.json), run with the machine's Node.js. Installed once into
 * target/hcl2json with {@code npm ci}; a test without {@code node} and {@code npm} on the PATH is skipped.
 */
final class Hcl2Json {

    private static final Path SOURCE = Path.of("src/test/resources/terraform/hcl2json");
    private static final Path INSTALL = Path.of("target/hcl2json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each file's body as hcl2json writes it: blocks as arrays of objects, expressions as "${...}" strings. */
    static JsonNode parse(List<Path> files) throws IOException, InterruptedException {
        install();
        List<String> command = new ArrayList<>(
                List.of("node", INSTALL.resolve("parse.js").toAbsolutePath().toString()));
        files.forEach(file -> command.add(file.toAbsolutePath().normalize().toString()));
        Result result = run(command, INSTALL);
        if (result.exitCode != 0) {
            throw new HclSyntaxError(result.stderr.strip());
        }
        return JSON.readTree(result.stdout);
    }

    static final class HclSyntaxError extends RuntimeException {
        HclSyntaxError(String message) {
            super(message);
        }
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed to run the HCL2 parser");
        if (Files.isDirectory(INSTALL.resolve("node_modules/@cdktf/hcl2json"))
                && Files.mismatch(SOURCE.resolve("package-lock.json"), INSTALL.resolve("package-lock.json")) == -1
                && Files.mismatch(SOURCE.resolve("parse.js"), INSTALL.resolve("parse.js")) == -1) {
            return;
        }
        Files.createDirectories(INSTALL);
        for (String file : List.of("package.json", "package-lock.json", "parse.js")) {
            Files.copy(SOURCE.resolve(file), INSTALL.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Result result = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), INSTALL);
        if (result.exitCode != 0) {
            throw new IllegalStateException(
                    "npm ci of @cdktf/hcl2json failed (the npm registry must be reachable): " + result.stderr.strip());
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("hcl2json", ".out");
        Path stderr = Files.createTempFile("hcl2json", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("did not finish in 5 minutes: " + command);
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private Hcl2Json() {}
}
