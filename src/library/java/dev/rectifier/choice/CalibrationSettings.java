package dev.rectifier.choice;

import dev.rectifier.settings.Setting;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's settings for the calibration: {@code rectifier.crossover} (or {@code
 * RECTIFIER_CROSSOVER}) sets the crossover by hand; {@code rectifier.recalibrate=true} (or {@code
 * RECTIFIER_RECALIBRATE=true}) measures again once per JVM.
 */
final class CalibrationSettings {
  /** Up to ten digits (at most 9,999,999,999 before the unit), then K, M or no unit. */
  private static final Pattern COUNT = Pattern.compile("([0-9]{1,10})([kKmM]?)");

  private CalibrationSettings() {}

  /**
   * The crossover set by hand: a count of elements with an optional K (2^10) or M (2^20), as the
   * command line's sizes are written, or {@code never}; empty when unset.
   *
   * @throws IllegalArgumentException naming the setting if it is anything else, or out of range
   */
  static OptionalInt fromSetting() {
    String value = Setting.CROSSOVER.value();
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    if (value.equalsIgnoreCase("never")) {
      return OptionalInt.of(CalibrationRule.NEVER);
    }
    Matcher count = COUNT.matcher(value);
    long elements = 0;
    if (count.matches()) {
      int unitShift = count.group(2).isEmpty() ? 0 : count.group(2).equalsIgnoreCase("K") ? 10 : 20;
      elements = Long.parseLong(count.group(1)) << unitShift;
    }
    if (elements < 1 || elements > Integer.MAX_VALUE) {
      throw Setting.CROSSOVER.rejected(
          value,
          "must be a number of elements from 1 to "
              + Integer.MAX_VALUE
              + ", optionally with K (2^10) or M (2^20), or never");
    }
    return OptionalInt.of((int) elements);
  }

  /**
   * Whether the user asked to measure again: {@code rectifier.recalibrate} is {@code true}.
   *
   * @throws IllegalArgumentException naming the setting if it is neither true, false nor empty (see
   *     {@link Setting#flag})
   */
  static boolean recalibrationAsked() {
    return Setting.RECALIBRATE.flag(false);
  }
}
