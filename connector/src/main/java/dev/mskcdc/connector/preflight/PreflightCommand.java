package dev.mskcdc.connector.preflight;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Command line: {@code preflight --config connector.properties [--config overlay.properties]
 * [--user NAME] [--password-env VARIABLE] [--json]}.
 * Exit status 0 when every check passes (warnings allowed), 1 when one fails, 2 for bad arguments.
 */
public final class PreflightCommand {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: preflight --config FILE [--config FILE ...] [--user NAME] [--password-env VARIABLE] [--json]
              --config FILE          the rendered connector properties; later files override earlier ones and
                                     an empty value removes a key (the local overlay's rule)
              --user NAME            database user, when database.user is a ${secretsmanager:...} reference
              --password-env NAME    environment variable holding the password (never a command-line argument,
                                     which other users of the machine could read)
              --json                 machine-readable report on standard output
            exit status: 0 all checks passed (warnings allowed), 1 a check failed, 2 bad arguments
            """;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<Path> configs = new ArrayList<>();
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        boolean json = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> configs.add(Path.of(value(args, ++i, "--config")));
                    case "--user" -> user = Optional.of(value(args, ++i, "--user"));
                    case "--password-env" ->
                        password = Optional.of(environmentValue(environment, value(args, ++i, "--password-env")));
                    case "--json" -> json = true;
                    case "-h", "--help" -> {
                        out.print(USAGE_TEXT);
                        return PASSED;
                    }
                    default -> throw new PreflightSettingsException("unknown argument '" + args[i] + "'");
                }
            }
            if (configs.isEmpty()) {
                throw new PreflightSettingsException("--config is required");
            }
            PreflightReport report = Preflight.run(ConnectorSettings.from(load(configs), user, password));
            out.print(json ? report.toJson() + "\n" : report.toText());
            return report.passed() ? PASSED : FAILED;
        } catch (PreflightSettingsException e) {
            err.println("preflight: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
    }

    /** Later files override earlier ones; an empty value removes the key, as in the local stack's overlay. */
    static Properties load(List<Path> files) {
        Properties merged = new Properties();
        for (Path file : files) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new PreflightSettingsException("cannot read " + file + ": " + e.getMessage());
            }
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key);
                if (value.isEmpty()) {
                    merged.remove(key);
                } else {
                    merged.setProperty(key, value);
                }
            }
        }
        return merged;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new PreflightSettingsException(option + " needs a value");
        }
        return args[index];
    }

    private static String environmentValue(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw new PreflightSettingsException(
                    "--password-env " + name + ": the environment variable " + name + " is not set");
        }
        return value;
    }

    private PreflightCommand() {}
}
