package dev.rectifier.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.util.Objects;
import java.util.spi.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector API loops' methods {@code run} and {@code prelu} stay too big for C2 to inline into a
 * caller (more than HotSpot's FreqInlineSize, 325 bytes of bytecode), so that it is always compiled
 * on its own and its vector calls are intrinsified, however deep its caller (see {@code
 * FloatVectorLoops.run}). Read with javap, from the class file, which tests need not load.
 */
class VectorLoopsInliningTest {
  private static final int FREQ_INLINE_SIZE = 325;

  @ParameterizedTest
  @CsvSource({
    "FloatVectorLoops, static void run(",
    "DoubleVectorLoops, static void run(",
    "FloatVectorLoops, static void prelu(",
    "DoubleVectorLoops, static void prelu(",
    "ShortVectorLoops, static void convert(",
    "ShortVectorLoops, static void select("
  })
  void theVectorMethodsAreTooBigToInline(String simpleName, String method) {
    URL classFile =
        Objects.requireNonNull(Kernels.class.getResource(simpleName + ".class"), simpleName);
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    StringWriter out = new StringWriter();
    int exit =
        javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", classFile.toString());
    assertTrue(exit == 0, out::toString);
    int lastOffset = lastInstructionOffset(out.toString(), method);
    assertTrue(
        lastOffset > FREQ_INLINE_SIZE,
        () ->
            simpleName + " " + method + " has " + (lastOffset + 1) + " bytes of bytecode at most");
  }

  /**
   * The offset of the last instruction of the method whose javap header contains {@code header}.
   */
  private static int lastInstructionOffset(String javap, String header) {
    String[] lines = javap.split("\n");
    int last = -1;
    boolean inMethod = false;
    for (String line : lines) {
      if (line.contains(header)) {
        inMethod = true;
      } else if (inMethod && line.isBlank()) {
        break;
      } else if (inMethod && line.matches("\\s+\\d+: .*")) {
        last = Integer.parseInt(line.trim().split(":")[0]);
      }
    }
    assertTrue(last >= 0, () -> "no method " + header + " in\n" + javap);
    return last;
  }
}
