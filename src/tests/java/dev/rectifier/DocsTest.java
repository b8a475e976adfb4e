package dev.rectifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.generator.PrecisionCodeGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a front page, and no relative link or anchor in the repository's Markdown
 * (README.md, docs/, the examples' README) points at nothing: files and folders must exist, and
 * anchors must match a heading of the target by GitHub's slug rules.
 */
class DocsTest {
  /** The README's limit: what it is, the commands, one example, links; the rest is in docs/. */
  static final long README_MAX_BYTES = 12 * 1024;

  private static final Path ROOT = PrecisionCodeGenerator.repositoryRoot(Path.of(""));

  /** An inline link or image: {@code [text](target)} or {@code ![alt](target "title")}. */
  private static final Pattern LINK =
      Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*])*]\\(([^)\\s]*)(?:\\s+\"[^\"]*\")?\\)");

  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

  /** A code span, which may wrap but not cross a blank line. */
  private static final Pattern CODE_SPAN =
      Pattern.compile("`[^`\\n]*(?:\\n(?![ \\t]*\\n)[^`\\n]*)*`");

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

  /** GitHub's line anchors on a source file: {@code #L12} or {@code #L12-L20}. */
  private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");

  @Test
  void readmeIsAtMost12KiB() throws IOException {
    long size = Files.size(ROOT.resolve("README.md"));
    assertTrue(
        size <= README_MAX_BYTES,
        "README.md is "
            + size
            + " bytes, over "
            + README_MAX_BYTES
            + ": move the detail into a document under docs/ and link to it");
  }

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<Path> documents = markdownFiles();
    assertTrue(documents.contains(ROOT.resolve("README.md")), documents.toString());
    assertTrue(documents.contains(ROOT.resolve("docs/contract.md")), documents.toString());
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path document : documents) {
      for (Link link : links(document)) {
        checked++;
        String problem = problem(document, link.target());
        if (problem != null) {
          broken.add(
              ROOT.relativize(document)
                  + ":"
                  + link.line()
                  + ": "
                  + link.target()
                  + ": "
                  + problem);
        }
      }
    }
    assertTrue(checked > 0, "no links found in " + documents);
    assertEquals(List.of(), broken, "broken links");
  }

  @Test
  void slugsFollowGitHubsRules() {
    assertEquals(
        List.of(
            "distribution-the-command-line-without-an-installed-java",
            "prelu-a-slope-per-channel-and-a-weight-gradient-with-the-same-bits-everywhere",
            "rectifiercrossover-k-m",
            "the-kernels-width",
            "the-kernels-width-1",
            "the-kernels-width-2",
            "a--b_c",
            "on-a-gpu"),
        slugs(
            List.of(
                "Distribution: the command line without an installed Java",
                "PReLU: a slope per channel, and a weight gradient with the same bits everywhere",
                "`rectifier.crossover` (K, M)",
                "The kernels' width",
                "The **kernels'** width",
                "The kernels' width",
                "A & b_c",
                "[On a GPU](performance.md)")));
  }

  /** Every Markdown file in the repository, outside build output and hidden folders. */
  private static List<Path> markdownFiles() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
          .filter(
              p -> {
                for (Path part : ROOT.relativize(p)) {
                  String name = part.toString();
                  if (name.startsWith(".") || name.equals("target")) {
                    return false;
                  }
                }
                return true;
              })
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private record Link(int line, String target) {}

  /**
   * The inline links of {@code document}, outside fenced code blocks and code spans; a link may
   * wrap onto the next line.
   */
  private static List<Link> links(Path document) throws IOException {
    String text = String.join("\n", withoutFences(Files.readAllLines(document, UTF_8)));
    Matcher span = CODE_SPAN.matcher(text);
    StringBuilder prose = new StringBuilder(text);
    while (span.find()) {
      for (int i = span.start(); i < span.end(); i++) {
        if (prose.charAt(i) != '\n') {
          prose.setCharAt(i, ' ');
        }
      }
    }
    List<Link> links = new ArrayList<>();
    Matcher m = LINK.matcher(prose);
    while (m.find()) {
      int line = 1 + (int) prose.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      links.add(new Link(line, m.group(1)));
    }
    return links;
  }

  private static List<String> withoutFences(List<String> lines) {
    List<String> kept = new ArrayList<>();
    boolean inFence = false;
    for (String line : lines) {
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        kept.add("");
      } else {
        kept.add(inFence ? "" : line);
      }
    }
    return kept;
  }

  /** Why {@code target}, linked from {@code document}, does not resolve; null when it does. */
  private static String problem(Path document, String target) throws IOException {
    if (target.isEmpty()) {
      return "empty link";
    }
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // http:, https:, mailto: and the like are not checked here
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    if (path.startsWith("/")) {
      return "absolute path: link relative to the document";
    }
    Path file = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
    if (!file.startsWith(ROOT)) {
      return "outside the repository";
    }
    if (!Files.exists(file)) {
      return "no such file or folder " + ROOT.relativize(file);
    }
    if (anchor == null) {
      return null;
    }
    if (!file.toString().endsWith(".md")) {
      return Files.isRegularFile(file) && LINE_ANCHOR.matcher(anchor).matches()
          ? null
          : "anchor on a file that is not Markdown";
    }
    Set<String> slugs = new LinkedHashSet<>(slugs(headings(file)));
    return slugs.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + slugs;
  }

  private static List<String> headings(Path file) throws IOException {
    List<String> headings = new ArrayList<>();
    for (String line : withoutFences(Files.readAllLines(file, UTF_8))) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        headings.add(m.group(2));
      }
    }
    return headings;
  }

  /**
   * GitHub's anchors for {@code headings} in document order: the heading's text as rendered (links
   * to their text; backquotes, asterisks and tags dropped), lowercased, every character but
   * letters, digits, spaces, '-' and '_' dropped, spaces turned into '-'; a repeated slug gets -1,
   * -2, ... in order.
   */
  static List<String> slugs(List<String> headings) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> slugs = new ArrayList<>();
    for (String heading : headings) {
      String text =
          heading
              .replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")
              .replaceAll("[`*]", "")
              .replaceAll("<[^>]*>", "");
      String slug =
          text.toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
              .replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      slugs.add(n == 0 ? slug : slug + "-" + n);
    }
    return slugs;
  }
}
