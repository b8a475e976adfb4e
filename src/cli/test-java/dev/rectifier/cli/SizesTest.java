package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class SizesTest {

  @Test
  void suffixesArePowersOfTwo() {
    assertEquals(1024, Sizes.parse("1K"));
    assertEquals(1_048_576, Sizes.parse("1M"));
    assertEquals(65_536, Sizes.parse("64k"));
    assertEquals(16 << 20, Sizes.parse("16M"));
    assertEquals(7, Sizes.parse("7"));
    assertEquals(Sizes.MAX, Sizes.parse(Integer.toString(Sizes.MAX)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"-5", "abc", "0", "0K", "", "K", "1G", "1.5K", "1KB", "2048M", "99999999999"})
  void rejectsWhatIsNotAPositiveCount(String text) {
    assertThrows(TypeConversionException.class, () -> Sizes.parse(text));
  }

  @Test
  void formatsAsItParses() {
    assertEquals("16M", Sizes.format(16 << 20));
    assertEquals("64K", Sizes.format(65_536));
    assertEquals("1536K", Sizes.format(1536 * 1024));
    assertEquals("1000", Sizes.format(1000));
    assertEquals("3", Sizes.format(3));
    for (int n : new int[] {1, 3, 1000, 1024, 1536 * 1024, 16 << 20}) {
      assertEquals(n, Sizes.parse(Sizes.format(n)));
    }
  }
}
