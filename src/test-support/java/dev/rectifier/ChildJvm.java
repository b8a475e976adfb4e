package dev.rectifier;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@code main} run in a fresh JVM on the test classpath, for what must not touch this one. */
public record ChildJvm(int exitCode, String out, String err) {

  /**
   * Runs {@code main} with this JVM's environment changed by {@code env}: a null value removes the
   * variable.
   */
  public static ChildJvm run(Class<?> main, Map<String, String> env) throws Exception {
    return run(main, env, Duration.ofSeconds(60), List.of());
  }

  /** As {@link #run(Class, Map)}, with JVM options, {@code main}'s arguments, and a time limit. */
  public static ChildJvm run(
      Class<?> main,
      Map<String, String> env,
      Duration limit,
      List<String> jvmOptions,
      String... args)
      throws Exception {
    File out = File.createTempFile("child", ".out");
    File err = File.createTempFile("child", ".err");
    try {
      ProcessBuilder child = new ProcessBuilder(command(main, jvmOptions, args));
      env.forEach(
          (name, value) -> {
            if (value == null) {
              child.environment().remove(name);
            } else {
              child.environment().put(name, value);
            }
          });
      Process process = child.redirectOutput(out).redirectError(err).start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("child JVM did not finish in " + limit);
      }
      return new ChildJvm(
          process.exitValue(),
          Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      out.delete();
      err.delete();
    }
  }

  /** The command line that runs {@code main} in a fresh JVM on the test classpath. */
  public static List<String> command(Class<?> main, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /** Everything the child printed, for assertion messages. */
  public String transcript() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
