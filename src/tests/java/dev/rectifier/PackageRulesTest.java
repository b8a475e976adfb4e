package dev.rectifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rectifier.generator.PrecisionCodeGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each package's {@code package-info.java} says, in two lines, what it may use ({@code May use:})
 * and who may use it ({@code May be used by:}, or {@code anyone}), naming packages as {@code {@code
 * dev.rectifier.x}} ({@code .*} for a package and those under it); this fails when a source file of
 * the modules below refers to a package of rectifier's, JOCL or the Vector API that either line
 * forbids. The modules are found under {@code src/}: each one's {@code java/} is held to the rules,
 * except those of the modules of tests alone ({@code src/tests}, {@code src/test-support}). The
 * tests, there and in each module's {@code test-java/}, are not held to them (they use what they
 * test, as the CLI's tests use {@code dev.rectifier.opencl}), but a package they alone hold needs
 * its {@code package-info.java} too.
 */
class PackageRulesTest {
  /** The modules of tests alone: their {@code java/} holds tests, not held to the rules. */
  private static final Set<String> TEST_MODULES = Set.of("tests", "test-support");

  /** A reference to a package the rules govern, in code (an import or a qualified name). */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\b(?:(dev\\.rectifier(?:\\.[a-z]\\w*)*)\\.[A-Z]|(org\\.jocl)\\.|(jdk\\.incubator\\.vector)\\.)");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern NAMED = Pattern.compile("\\{@code ([\\w.]+(?:\\.\\*)?)\\}");

  /** One package's two lines: the packages it may use, and those that may use it (null: any). */
  private record Rules(Set<String> mayUse, Set<String> usedBy) {
    boolean letsUse(String user) {
      return usedBy == null
          || usedBy.stream()
              .anyMatch(
                  p ->
                      p.endsWith(".*")
                          ? user.equals(p.substring(0, p.length() - 2))
                              || user.startsWith(p.substring(0, p.length() - 1))
                          : user.equals(p));
    }
  }

  @Test
  void everyPackageSaysWhatItMayUseAndWhoMayUseIt() throws IOException {
    Path src = repositoryRoot().resolve("src");
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Path> p : packages(src).entrySet()) {
      Path info = p.getValue().resolve("package-info.java");
      if (!Files.exists(info)) {
        missing.add(p.getKey() + ": no package-info.java in " + src.relativize(p.getValue()));
      } else if (rules(info).isEmpty()) {
        missing.add(
            p.getKey() + ": " + src.relativize(info) + " lacks 'May use:' or 'May be used by:'");
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void noPackageUsesWhatItsPackageInfoForbids() throws IOException {
    Path src = repositoryRoot().resolve("src");
    Map<String, Rules> rules = new TreeMap<>();
    for (Map.Entry<String, Path> p : packages(src).entrySet()) {
      rules(p.getValue().resolve("package-info.java")).ifPresent(r -> rules.put(p.getKey(), r));
    }
    List<String> broken = new ArrayList<>();
    for (Path root : heldRoots(src)) {
      for (Path file : javaFiles(root)) {
        String code = code(Files.readString(file, UTF_8));
        Optional<String> user = packageOf(code);
        if (user.isEmpty() || !rules.containsKey(user.get())) {
          continue; // the first test names it
        }
        for (String used : references(code)) {
          if (used.equals(user.get())) {
            continue;
          }
          if (!rules.get(user.get()).mayUse().contains(used)) {
            broken.add(src.relativize(file) + " uses " + used + ", not in its package's May use");
          }
          Rules target = rules.get(used);
          if (target != null && !target.letsUse(user.get())) {
            broken.add(
                src.relativize(file) + " uses " + used + ", whose May be used by leaves it out");
          }
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  /** Every package with Java sources in the modules, or in the tests alone, and its folder. */
  private static Map<String, Path> packages(Path src) throws IOException {
    Map<String, Path> found = new TreeMap<>();
    List<Path> roots = new ArrayList<>(heldRoots(src));
    roots.addAll(testRoots(src));
    for (Path root : roots) {
      for (Path file : javaFiles(root)) {
        if (file.getFileName().toString().equals("module-info.java")) {
          continue;
        }
        Optional<String> name = packageOf(Files.readString(file, UTF_8));
        // A package of the modules keeps its rules there; the tests share its name.
        name.ifPresent(n -> found.putIfAbsent(n, file.getParent()));
      }
    }
    return found;
  }

  /** Each module's {@code java/} but the test modules': the sources held to the rules. */
  private static List<Path> heldRoots(Path src) throws IOException {
    List<Path> roots =
        modules(src).stream()
            .filter(m -> !TEST_MODULES.contains(m.getFileName().toString()))
            .map(m -> m.resolve("java"))
            .filter(Files::isDirectory)
            .toList();
    if (!roots.contains(src.resolve("library").resolve("java"))) {
      throw new IllegalStateException("no src/library/java among the modules found: " + roots);
    }
    return roots;
  }

  /** The tests' sources: the test modules' {@code java/} and each module's {@code test-java/}. */
  private static List<Path> testRoots(Path src) throws IOException {
    List<Path> roots = new ArrayList<>();
    for (Path module : modules(src)) {
      if (TEST_MODULES.contains(module.getFileName().toString())) {
        roots.add(module.resolve("java"));
      }
      roots.add(module.resolve("test-java"));
    }
    return roots.stream().filter(Files::isDirectory).toList();
  }

  /** The folders under {@code src/}, one a module. */
  private static List<Path> modules(Path src) throws IOException {
    try (Stream<Path> dirs = Files.list(src)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The two lines of {@code info}, if it has both. */
  private static Optional<Rules> rules(Path info) {
    if (!Files.exists(info)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(info, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<String> mayUse = line(text, "May use:");
    Optional<String> usedBy = line(text, "May be used by:");
    if (mayUse.isEmpty() || usedBy.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Rules(
            named(mayUse.get()), usedBy.get().contains("anyone") ? null : named(usedBy.get())));
  }

  /** The paragraph of {@code text} that starts with {@code label}, up to the next one. */
  private static Optional<String> line(String text, String label) {
    int start = text.indexOf(label);
    if (start < 0) {
      return Optional.empty();
    }
    int end = text.indexOf("<p>", start);
    int close = text.indexOf("*/", start);
    return Optional.of(text.substring(start, end < 0 || close < end ? close : end));
  }

  private static Set<String> named(String paragraph) {
    Set<String> names = new TreeSet<>();
    String joined =
        paragraph.replaceAll("\\n\\s*\\*\\s*", " ").replaceAll("\\{@code\\s+", "{@code ");
    Matcher m = NAMED.matcher(joined);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The governed packages {@code code} refers to. */
  private static Set<String> references(String code) {
    Set<String> used = new TreeSet<>();
    Matcher m = REFERENCE.matcher(code);
    while (m.find()) {
      used.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return used;
  }

  private static Optional<String> packageOf(String code) {
    Matcher m = PACKAGE.matcher(code);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** {@code source} without its comments, so that prose naming a package does not count. */
  static String code(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }

  static List<Path> javaFiles(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  static Path repositoryRoot() {
    return PrecisionCodeGenerator.repositoryRoot(Path.of("").toAbsolutePath());
  }
}
