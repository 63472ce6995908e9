package dev.mskcdc.localstack.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A command line that runs a main class in a new JVM of the same Java installation. */
public final class JavaCommand {

    private JavaCommand() {}

    public static List<String> of(String classpath, List<String> jvmOptions, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
