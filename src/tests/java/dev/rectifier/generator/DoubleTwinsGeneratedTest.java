package dev.rectifier.generator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every double source of the CPU backend ({@code DoubleKernels}, {@code DoubleLoops}, {@code
 * DoubleVectorLoops}) is generated from its float twin by {@link PrecisionCodeGenerator}: this
 * fails when the file on disk is not what the generator makes of the float source, whether the
 * double file was edited by hand or the float one was edited without regenerating. Formatting alone
 * (google-java-format wraps the double code differently) does not count; any other change does.
 */
class DoubleTwinsGeneratedTest {
  static List<String> floatSources() {
    return PrecisionCodeGenerator.FLOAT_SOURCES;
  }

  @ParameterizedTest
  @MethodSource("floatSources")
  void theDoubleTwinIsWhatTheGeneratorMakesOfTheFloatSource(String floatSource) throws IOException {
    Path root = PrecisionCodeGenerator.repositoryRoot(Path.of(""));
    Path floatFile = PrecisionCodeGenerator.find(root, floatSource);
    Path doubleFile = PrecisionCodeGenerator.twinOf(floatFile);
    String generated = PrecisionCodeGenerator.toDouble(Files.readString(floatFile, UTF_8));
    String difference =
        PrecisionCodeGenerator.firstDifference(generated, Files.readString(doubleFile, UTF_8));
    if (difference != null) {
      fail(
          String.format(
              "%s is generated from %s but differs from what PrecisionCodeGenerator makes of it"
                  + " (formatting aside): %s%nDo not edit %s by hand: edit %s and regenerate with"
                  + " scripts/generate (PrecisionCodeGenerator, then mvn spotless:apply).",
              root.relativize(doubleFile),
              floatFile.getFileName(),
              difference,
              doubleFile.getFileName(),
              floatFile.getFileName()));
    }
  }
}
