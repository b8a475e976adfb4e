package dev.rectifier.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In a fresh JVM with the Vector API module, the CPU backend's first calls run the plain loops; it
 * runs the Vector API loops once C2 has compiled them, and never in a JVM without C2, whose
 * interpreter and C1 would make an object of every vector: there {@code describe()} names the plain
 * loops and why. The loops it chose allocate nothing: no vector is an object.
 */
class LoopsChoiceTest {
  @ParameterizedTest(name = "JVM options ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "|FloatVectorLoops|Vector API loops (",
        "-XX:TieredStopAtLevel=1|FloatLoops|plain loops (no C2: TieredStopAtLevel=1)",
        "-Xint|FloatLoops|plain loops (no C2: interpreter only (-Xint))",
        "-XX:CompilationMode=quick-only|FloatLoops|plain loops (no C2: CompilationMode=quick-only)"
      })
  void theVectorLoopsRunOnlyOnceC2HasCompiledThem(String option, String chosen, String described)
      throws Exception {
    List<String> options = new ArrayList<>(List.of("--add-modules", Kernels.VECTOR_MODULE));
    if (option != null) {
      options.add(option);
    }
    ChildJvm child =
        ChildJvm.run(LoopsChoiceProbe.class, Map.of(), Duration.ofSeconds(120), options);
    List<String> lines = child.out().lines().toList();
    assertEquals(0, child.exitCode(), child::transcript);
    assertEquals("first=FloatLoops", lines.get(0), child::transcript);
    assertTrue(lines.get(1).startsWith("describe=CPU: Java, "), child::transcript);
    assertTrue(lines.get(1).contains(described), child::transcript);
    assertEquals("chosen=" + chosen, lines.get(2), child::transcript);
    assertEquals("allocated=0", lines.get(3), child::transcript);
  }
}
