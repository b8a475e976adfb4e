package dev.rectifier.cpu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link DoubleLoops} is generated from {@link FloatLoops} by {@link PrecisionCodeGenerator}: this
 * fails when DoubleLoops.java on disk is not what the generator makes of FloatLoops.java, whether
 * DoubleLoops was edited by hand or FloatLoops was edited without regenerating. Formatting alone
 * (google-java-format wraps the double code differently) does not count; any other change does.
 */
class DoubleLoopsGeneratedTest {
  @Test
  void doubleLoopsIsWhatTheGeneratorMakesOfFloatLoops() throws IOException {
    Path root = PrecisionCodeGenerator.repositoryRoot(Path.of(""));
    Path floatFile = PrecisionCodeGenerator.find(root, "dev/rectifier/cpu/FloatLoops.java");
    Path doubleFile = PrecisionCodeGenerator.twinOf(floatFile);
    String generated = PrecisionCodeGenerator.toDouble(Files.readString(floatFile, UTF_8));
    String difference =
        PrecisionCodeGenerator.firstDifference(generated, Files.readString(doubleFile, UTF_8));
    if (difference != null) {
      fail(
          String.format(
              "%s is generated from FloatLoops.java but differs from what PrecisionCodeGenerator"
                  + " makes of it (formatting aside): %s%nDo not edit DoubleLoops.java by hand: edit"
                  + " FloatLoops.java and regenerate with scripts/generate (PrecisionCodeGenerator,"
                  + " then mvn spotless:apply).",
              root.relativize(doubleFile), difference));
    }
  }
}
