package dev.rectifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jocl.CL;
import org.junit.jupiter.api.Test;

/**
 * Every JOCL function the library calls is called inside {@code Jocl.call(() -> ...)} or {@code
 * Jocl.make(s -> ...)}, which read its status the same under either setting of JOCL's exceptions;
 * and the library never sets that setting, which is JVM-wide and the user's. A call outside them
 * fails silently when the user's code has the setting off ({@link JoclSettingTest} shows what
 * follows).
 */
class JoclCallsTest {
  /** A call of a function named like OpenCL's, or of the setting's setter. */
  private static final Pattern CALL =
      Pattern.compile("\\b(cl[A-Z]\\w*|setExceptionsEnabled)\\s*\\(");

  /** The code just before a call that goes through the checker. */
  private static final Pattern CHECKED =
      Pattern.compile("Jocl\\.(?:call\\(\\s*\\(\\)|make\\(\\s*\\w+)\\s*->\\s*\\z");

  @Test
  void everyJoclCallOfTheLibraryGoesThroughJocl() throws Exception {
    Set<String> jocl =
        Arrays.stream(CL.class.getMethods())
            .filter(m -> Modifier.isStatic(m.getModifiers()))
            .map(Method::getName)
            .collect(Collectors.toSet());
    Path library = PackageRulesTest.repositoryRoot().resolve("src/library/java");
    List<String> unchecked = new ArrayList<>();
    int checked = 0;
    for (Path file : PackageRulesTest.javaFiles(library)) {
      String code = PackageRulesTest.code(Files.readString(file, UTF_8));
      Matcher m = CALL.matcher(code);
      while (m.find()) {
        if (!jocl.contains(m.group(1))) {
          continue; // a method of rectifier's, such as clMem()
        }
        String before = code.substring(Math.max(0, m.start() - 200), m.start());
        if (m.group(1).equals("setExceptionsEnabled") || !CHECKED.matcher(before).find()) {
          unchecked.add(library.relativize(file) + ": " + m.group(1));
        } else {
          checked++;
        }
      }
    }
    assertEquals(List.of(), unchecked, "JOCL calls outside Jocl.call or Jocl.make");
    assertEquals(true, checked > 0, "the library's JOCL calls were found");
  }
}
