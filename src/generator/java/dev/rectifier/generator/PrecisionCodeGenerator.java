package dev.rectifier.generator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the {@code double} twin of a hand-written {@code float} source, as EJML does for its
 * precisions: {@code DoubleLoops.java} is made from {@code FloatLoops.java}. It runs at build time,
 * from a module of its own, and is not shipped. {@code scripts/generate} runs {@link #main} and
 * then formats the output with Spotless; a drift test ({@code DoubleTwinsGeneratedTest}) fails when
 * a generated file on disk is not what {@link #toDouble} makes of its source, formatting aside
 * ({@link #firstDifference}).
 *
 * <p>The transformation is plain text replacement, in order: first the source's own {@link
 * #CONSTANTS} (values and comments that differ by precision; each must match exactly once, so a
 * changed constant fails here instead of going through unconverted), then the {@link #GENERAL}
 * table. A float source therefore keeps to a few conventions:
 *
 * <ul>
 *   <li>its class javadoc has a paragraph beginning "{@code {@link DoubleX} is generated from this
 *       class}", which says how to regenerate; the twin gets a notice in its place that it is
 *       generated and must not be edited by hand;
 *   <li>a local named {@code bits} holds a float's raw bits, and {@code >> 31} spreads their sign;
 *   <li>any other {@code int} that becomes a {@code long}, and every constant whose value depends
 *       on the precision, has an entry in {@link #CONSTANTS}.
 * </ul>
 *
 * Anything float-like left after the replacements ({@code float}, {@code Float...}, {@code
 * ...Float}, a float literal) is an error rather than silently wrong double code.
 */
public final class PrecisionCodeGenerator {
  /** The hand-written float sources, by their path below a source root. */
  static final List<String> FLOAT_SOURCES =
      List.of(
          "dev/rectifier/cpu/FloatKernels.java",
          "dev/rectifier/cpu/FloatLoops.java",
          "dev/rectifier/cpu/FloatPreluSums.java",
          "dev/rectifier/cpu/FloatVectorLoops.java",
          "dev/rectifier/cpu/FloatSegmentLoops.java");

  /**
   * Per float class: its constants whose value (and the comment giving it) differs by precision,
   * and its ints (or int lanes) that must become longs. Applied first; each {@code once} entry must
   * match exactly once.
   */
  static final Map<String, List<Replacement>> CONSTANTS =
      Map.of(
          "FloatSegmentLoops",
          List.of(
              once(word("asFloatBuffer"), "asDoubleBuffer"),
              // alpha is a double already.
              once(Pattern.compile(Pattern.quote("(float) alpha")), "alpha")),
          "FloatLoops",
          List.of(
              // TO_ONE squared takes the smallest positive subnormal to at least 1.
              once(
                  phrase(
                      "2^100: applied twice, it takes the smallest positive subnormal, 2^−149, to"
                          + " 2^51 ≥ 1."),
                  "2^600: applied twice, it takes the smallest positive subnormal, 2^−1074, to"
                      + " 2^126 ≥ 1."),
              once(word("TO_ONE = 0x1p100f"), "TO_ONE = 0x1p600"),
              once(
                  word("int POSITIVE_INFINITY_BITS = 0x7f80_0000"),
                  "long POSITIVE_INFINITY_BITS = 0x7ff0_0000_0000_0000L"),
              // select's mask is as wide as the bits it masks.
              once(word("int notPositive"), "long notPositive")),
          "FloatVectorLoops",
          List.of(
              once(
                  word("int POSITIVE_INFINITY_BITS = 0x7f80_0000"),
                  "long POSITIVE_INFINITY_BITS = 0x7ff0_0000_0000_0000L"),
              once(word("int SIGN_SHIFT = 31"), "int SIGN_SHIFT = 63"),
              // The lanes that hold a float's bits: ints for float, longs for double.
              all(word("IntVector"), "LongVector"),
              all(word("reinterpretAsInts"), "reinterpretAsLongs"),
              all(word("reinterpretAsFloats"), "reinterpretAsDoubles")));

  /** For every float source, in this order, after its {@link #CONSTANTS}. */
  static final List<Replacement> GENERAL =
      List.of(
          // Float's bit conversions: other names, and long bits.
          all(word("Float.floatToRawIntBits"), "Double.doubleToRawLongBits"),
          all(word("Float.floatToIntBits"), "Double.doubleToLongBits"),
          all(word("Float.intBitsToFloat"), "Double.longBitsToDouble"),
          // Conventions: a local named bits holds a float's bits; >> 31 spreads an int's sign bit.
          all(word("int bits"), "long bits"),
          all(Pattern.compile(">> 31\\b"), ">> 63"),
          // Float-prefixed names (FloatLoops, FloatVector, ...), then the wrapper class (isNaN,
          // POSITIVE_INFINITY, VectorSpecies<Float>), then the type, in code and in comments.
          all(Pattern.compile("\\bFloat(?=[A-Z])"), "Double"),
          all(word("Float"), "Double"),
          all(word("float"), "double"),
          // Decimal float literals: 0f, 1f, 0.5f, 1e-3f become 0d, 1d, 0.5d, 1e-3d.
          all(
              Pattern.compile("(?<![\\w.])(\\d[\\d_]*(?:\\.[\\d_]*)?(?:[eE][+-]?[\\d_]+)?)[fF]\\b"),
              "$1d"));

  /** What {@link #toDouble} must not leave behind. */
  private static final Pattern LEFTOVER =
      Pattern.compile(
          "[Ff]loat(?!ing)" // float, Float, FloatX, floatToX, xToFloat; not "floating-point"
              + "|(?<![\\w.])(?:0[xX][\\w.]*[pP][+-]?[\\d_]+|\\.?\\d[\\d_]*(?:\\.[\\d_]*)?"
              + "(?:[eE][+-]?[\\d_]+)?)[fF]\\b"); // a float literal, hexadecimal ones included

  /** The top-level class, interface, enum or record a source declares. */
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "(?m)^(?:(?:public|abstract|final|sealed|non-sealed|strictfp)\\s+)*"
              + "(?:class|interface|enum|record)\\s+(\\w+)");

  /** The float source's paragraph on its twin, up to a blank javadoc line, a tag or the end. */
  private static final Pattern TWIN_PARAGRAPH =
      Pattern.compile(
          "(?s)(?:<p>)?\\{@link (\\w+)\\} is generated from this class"
              + ".*?(?=\\n[ \\t]*\\*[ \\t]*(?:\\n|@)|\\s*\\*/)");

  private PrecisionCodeGenerator() {}

  /**
   * The double twin of {@code floatSource}, not yet formatted ({@code scripts/generate} runs
   * Spotless on it).
   *
   * @throws IllegalArgumentException when the source does not keep to the conventions above
   */
  static String toDouble(String floatSource) {
    String source = floatSource.replace("\r\n", "\n");
    String floatClass = topLevelType(source);
    if (!floatClass.startsWith("Float")) {
      throw new IllegalArgumentException(
          floatClass + " is not a float source: its name must begin with Float");
    }
    String doubleClass = "Double" + floatClass.substring("Float".length());
    for (Replacement r : CONSTANTS.getOrDefault(floatClass, List.of())) {
      source = r.apply(source, floatClass);
    }
    for (Replacement r : GENERAL) {
      source = r.apply(source, floatClass);
    }
    Matcher leftover = LEFTOVER.matcher(source);
    if (leftover.find()) {
      throw new IllegalArgumentException(
          String.format(
              "%s.java near line %d: \"%s\" has no double form in PrecisionCodeGenerator's tables;"
                  + " add an entry (to CONSTANTS if it is a value that differs by precision)",
              floatClass, lineOf(source, leftover.start()), leftover.group()));
    }
    return "// Generated from "
        + floatClass
        + ".java by PrecisionCodeGenerator: do not edit (see the class comment).\n"
        + withGeneratedNotice(source, floatClass, doubleClass);
  }

  /** Replaces the paragraph saying that the twin is generated by one saying that this is it. */
  private static String withGeneratedNotice(String source, String floatClass, String doubleClass) {
    Matcher m = TWIN_PARAGRAPH.matcher(source);
    if (!m.find() || !m.group(1).equals(doubleClass) || m.find()) {
      throw new IllegalArgumentException(
          String.format(
              "%s.java must have exactly one javadoc paragraph beginning \"{@link %s} is generated"
                  + " from this class\", saying how to regenerate %s",
              floatClass, doubleClass, doubleClass));
    }
    m.reset().find();
    String linePrefix = source.substring(source.lastIndexOf('\n', m.start()) + 1, m.start());
    linePrefix = linePrefix.matches("[ \t]*\\*[ \t]*") ? linePrefix : " * ";
    String notice =
        String.join(
            "\n" + linePrefix,
            "<p>Generated from {@code " + floatClass + ".java} by the build-time",
            "{@code PrecisionCodeGenerator}, {@code double} for {@code float}: do not edit this",
            "file by hand. Edit {@link " + floatClass + "} and run {@code scripts/generate}, which",
            "regenerates and formats this file.");
    return source.substring(0, m.start()) + notice + source.substring(m.end());
  }

  /**
   * Regenerates the double twin of every {@link #FLOAT_SOURCES} file, found below the repository
   * that holds the working directory (see {@link #repositoryRoot} and {@link #find}).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 0) {
      System.err.println(
          "usage: PrecisionCodeGenerator (no arguments; run it inside the repository)");
      System.exit(2);
    }
    Path root = repositoryRoot(Path.of("").toAbsolutePath());
    for (String floatSource : FLOAT_SOURCES) {
      Path floatFile = find(root, floatSource);
      Path doubleFile = twinOf(floatFile);
      Files.writeString(doubleFile, toDouble(Files.readString(floatFile, UTF_8)), UTF_8);
      System.out.println(
          "PrecisionCodeGenerator: wrote "
              + root.relativize(doubleFile)
              + " from "
              + floatFile.getFileName());
    }
  }

  /**
   * The nearest directory at or above {@code start} that has {@code kernels/} and {@code .git} (a
   * directory, or a file in a worktree): the repository root, wherever Maven's modules put the
   * working directory.
   */
  public static Path repositoryRoot(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("kernels")) && Files.exists(dir.resolve(".git"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no directory with kernels/ and .git at or above " + start + ": run inside the repository");
  }

  /**
   * The one file below {@code root} whose path ends with {@code relative} (e.g. {@code
   * dev/rectifier/cpu/FloatLoops.java}), wherever the source root is; build output ({@code
   * target/}) and hidden directories are not searched.
   */
  static Path find(Path root, String relative) throws IOException {
    Path suffix = Path.of(relative);
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            String name = dir.getFileName().toString();
            boolean skip = !dir.equals(root) && (name.equals("target") || name.startsWith("."));
            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (file.endsWith(suffix)) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected exactly one **/"
              + relative
              + " outside target/ below "
              + root
              + ", found "
              + found);
    }
    return found.get(0);
  }

  /** The generated file beside {@code floatFile}: FloatX.java gives DoubleX.java. */
  static Path twinOf(Path floatFile) {
    String name = floatFile.getFileName().toString();
    if (!name.startsWith("Float")) {
      throw new IllegalArgumentException(floatFile + ": a float source's name begins with Float");
    }
    return floatFile.resolveSibling("Double" + name.substring("Float".length()));
  }

  /**
   * Where {@code actual} (a file on disk, formatted) first differs from {@code expected} (what
   * {@link #toDouble} made) other than in formatting, or null where they are the same. Formatting
   * is what google-java-format changes when it re-wraps the longer double code: whitespace between
   * tokens, the {@code *} that begins a javadoc line, and a line comment wrapped onto several
   * {@code //} lines. Every token of code and every word of a comment still counts; see {@link
   * #tokens}.
   */
  static String firstDifference(String expected, String actual) {
    List<Token> e = tokens(expected);
    List<Token> a = tokens(actual);
    int i = 0;
    while (i < e.size() && i < a.size() && e.get(i).text.equals(a.get(i).text)) {
      i++;
    }
    if (i == e.size() && i == a.size()) {
      return null;
    }
    int line = i < a.size() ? lineOf(actual, a.get(i).offset) : lineOf(actual, actual.length());
    return String.format(
        "at line %d, the file has%n    %s%nwhere the generator makes%n    %s",
        line, excerpt(a, i), excerpt(e, i));
  }

  private static String excerpt(List<Token> tokens, int at) {
    StringBuilder s = new StringBuilder();
    for (int i = Math.max(0, at - 6); i < Math.min(tokens.size(), at + 6); i++) {
      s.append(i == at ? "»" : "").append(tokens.get(i).text).append(i == at ? "« " : " ");
    }
    return at >= tokens.size() ? s + "»(end of file)«" : s.toString().strip();
  }

  /** A token of {@link #tokens} and its offset in the source. */
  record Token(String text, int offset) {}

  /**
   * Java source as tokens that formatting does not change: words and punctuation of code (a run of
   * operator characters is one token, so {@code - -} differs from {@code --}), string and character
   * literals whole, and comments as their opening mark, their words and their closing mark, without
   * the {@code *} that begins a javadoc line after the first. Consecutive line comments are one
   * comment (one {@code //} token), as google-java-format wraps a long one onto several lines.
   */
  static List<Token> tokens(String source) {
    String s = source.replace("\r\n", "\n");
    List<Token> tokens = new ArrayList<>();
    boolean inLineComments = false;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("//", i)) {
        int end = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
        if (!inLineComments) {
          tokens.add(new Token("//", i));
        }
        addWords(s, i + 2, end, tokens);
        inLineComments = true;
        i = end;
      } else {
        inLineComments = false;
        if (s.startsWith("/*", i)) {
          i = blockComment(s, i, tokens);
        } else if (c == '"' || c == '\'') {
          int end = endOfLiteral(s, i);
          tokens.add(new Token(s.substring(i, end), i));
          i = end;
        } else {
          int end = i + 1;
          if (Character.isJavaIdentifierPart(c)) {
            while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
              end++;
            }
          } else if (isOperator(c)) {
            while (end < s.length()
                && isOperator(s.charAt(end))
                && !s.startsWith("//", end)
                && !s.startsWith("/*", end)) {
              end++;
            }
          }
          tokens.add(new Token(s.substring(i, end), i));
          i = end;
        }
      }
    }
    return tokens;
  }

  private static int blockComment(String s, int start, List<Token> tokens) {
    int close = s.indexOf("*/", start + 2);
    int end = close < 0 ? s.length() : close;
    boolean javadoc = s.startsWith("/**", start) && start + 3 <= end;
    int bodyStart = start + (javadoc ? 3 : 2);
    tokens.add(new Token(javadoc ? "/**" : "/*", start));
    int lineStart = bodyStart;
    while (lineStart <= end) {
      int lineEnd = s.indexOf('\n', lineStart);
      lineEnd = lineEnd < 0 || lineEnd > end ? end : lineEnd;
      int from = lineStart;
      if (lineStart != bodyStart) {
        while (from < lineEnd && Character.isWhitespace(s.charAt(from))) {
          from++;
        }
        if (from < lineEnd && s.charAt(from) == '*') {
          from++;
        }
      }
      addWords(s, from, lineEnd, tokens);
      lineStart = lineEnd + 1;
    }
    if (close >= 0) {
      tokens.add(new Token("*/", close));
    }
    return close < 0 ? s.length() : close + 2;
  }

  private static void addWords(String s, int from, int to, List<Token> tokens) {
    int i = from;
    while (i < to) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
      } else {
        int end = i;
        while (end < to && !Character.isWhitespace(s.charAt(end))) {
          end++;
        }
        tokens.add(new Token(s.substring(i, end), i));
        i = end;
      }
    }
  }

  /** The end of the string, text block or character literal that starts at {@code start}. */
  private static int endOfLiteral(String s, int start) {
    String quote = s.startsWith("\"\"\"", start) ? "\"\"\"" : s.substring(start, start + 1);
    int i = start + quote.length();
    while (i < s.length() && !s.startsWith(quote, i)) {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(s.length(), i + quote.length());
  }

  private static boolean isOperator(char c) {
    return "=<>!~?:&|+-*/^%".indexOf(c) >= 0;
  }

  private static String topLevelType(String source) {
    Matcher m = TOP_LEVEL_TYPE.matcher(source);
    if (!m.find()) {
      throw new IllegalArgumentException("no top-level class, interface, enum or record found");
    }
    return m.group(1);
  }

  private static int lineOf(String s, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** A literal that matches only as whole words at its ends (where it begins or ends with one). */
  private static Pattern word(String literal) {
    return Pattern.compile("\\b" + Pattern.quote(literal) + "\\b");
  }

  /**
   * A javadoc sentence, matched wherever google-java-format wraps it: each space may also be a line
   * break followed by the next line's {@code *}.
   */
  private static Pattern phrase(String text) {
    StringBuilder regex = new StringBuilder();
    for (String w : text.split(" ")) {
      regex.append(regex.length() == 0 ? "" : "\\s+(?:\\*(?!/)\\s*)?").append(Pattern.quote(w));
    }
    return Pattern.compile(regex.toString());
  }

  private static Replacement once(Pattern pattern, String replacement) {
    return new Replacement(pattern, replacement, true);
  }

  private static Replacement all(Pattern pattern, String replacement) {
    return new Replacement(pattern, replacement, false);
  }

  /**
   * A row of a replacement table: every match of {@code pattern} becomes {@code replacement} (with
   * {@code $1} for a group); with {@code exactlyOnce}, a source where it does not match exactly
   * once is refused.
   */
  record Replacement(Pattern pattern, String replacement, boolean exactlyOnce) {
    String apply(String source, String sourceName) {
      Matcher m = pattern.matcher(source);
      int count = 0;
      while (m.find()) {
        count++;
      }
      if (exactlyOnce && count != 1) {
        throw new IllegalArgumentException(
            String.format(
                "%s.java: the replacement of /%s/ must match exactly once and matched %d times;"
                    + " update its entry in PrecisionCodeGenerator.CONSTANTS",
                sourceName, pattern, count));
      }
      return m.reset().replaceAll(replacement);
    }
  }
}
