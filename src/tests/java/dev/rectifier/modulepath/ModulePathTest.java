package dev.rectifier.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.Rectifier;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library as the module {@code dev.rectifier} on the module path: it runs, and its CPU backend
 * finds the Vector API loops when the JVM adds {@code jdk.incubator.vector} (the module does not
 * read it until the backend adds that edge itself) and the plain loops otherwise.
 */
class ModulePathTest {
  @ParameterizedTest(name = "with jdk.incubator.vector: {0}")
  @ValueSource(booleans = {true, false})
  void theModuleRunsWithEitherLoops(boolean vectorModule) throws Exception {
    List<String> options = new ArrayList<>();
    options.add("-p");
    options.add(location(Rectifier.class) + File.pathSeparator + location(CL.class));
    options.add("--add-modules");
    options.add("dev.rectifier" + (vectorModule ? ",jdk.incubator.vector" : ""));
    ChildJvm child =
        ChildJvm.run(ModulePathProbe.class, Map.of(), Duration.ofSeconds(120), options);
    assertEquals(0, child.exitCode(), child::transcript);
    List<String> lines = child.out().lines().toList();
    assertEquals("module dev.rectifier", lines.get(0), child::transcript);
    // "Vector API loops (" and the vectors' size: the loops were loaded, compiled and run.
    String loops = vectorModule ? "Vector API loops (" : "plain loops";
    assertTrue(lines.get(1).contains(loops), child::transcript);
    assertEquals("dx 1.5 3.0", lines.get(2), child::transcript);
  }

  /** The jar or class folder {@code type} was loaded from. */
  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
