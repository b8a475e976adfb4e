package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rectifier.Precision;
import dev.rectifier.verify.SpecialValues;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The special values the library checks every built program on are the ones the tools hand to the
 * tests and the command line: the library cannot depend on the tools, so each holds the list.
 */
class SpecialValuesTest {
  @ParameterizedTest
  @EnumSource(Precision.class)
  void theLibraryChecksProgramsOnTheToolsSpecialValues(Precision p) {
    assertArrayEquals(
        bits(SpecialValues.values(p)), bits(KnownAnswers.specialValues(p)), p.toString());
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}
