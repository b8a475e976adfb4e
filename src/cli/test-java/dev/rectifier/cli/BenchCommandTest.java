package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rectifier.DeviceArray;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.measure.HostBaselines;
import dev.rectifier.opencl.OpenClRuntime;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BenchCommandTest {
  private static final String[] QUICK = {"--repeats", "2", "--warmup", "1", "--warmup-ms", "0"};

  @TempDir Path dir;

  @Test
  void jsonHasAVerifiedObjectPerOpPrecisionSizeAndBackend() {
    CliRun run =
        bench(
            "--sizes",
            "1K,3",
            "--ops",
            "relu,leaky-relu-grad",
            "--precision",
            "float,double",
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals("", run.err(), run.transcript());
    JsonArray rows = JsonParser.parseString(run.out()).getAsJsonArray();
    List<String> backends = openClAvailable() ? List.of("cpu", "opencl") : List.of("cpu");
    assertEquals(2 * 2 * 2 * backends.size(), rows.size(), run.transcript());
    Set<String> seen = new TreeSet<>();
    for (JsonElement e : rows) {
      JsonObject row = e.getAsJsonObject();
      for (String field :
          List.of(
              "op",
              "backend",
              "device",
              "precision",
              "size",
              "medianNs",
              "gbps",
              "copyFraction",
              "speedupVsCpu",
              "maxUlpDiff")) {
        assertTrue(row.has(field), field + " in " + row);
      }
      seen.add(
          row.get("op").getAsString()
              + " "
              + row.get("precision").getAsString()
              + " "
              + row.get("size").getAsInt()
              + " "
              + row.get("backend").getAsString());
      assertEquals(0, row.get("maxUlpDiff").getAsLong(), row.toString());
      assertTrue(row.get("verified").getAsBoolean(), row.toString());
      assertTrue(row.get("medianNs").getAsDouble() > 0, row.toString());
      assertTrue(row.get("copyGbps").getAsDouble() > 0, row.toString());
      int copyThreads = row.get("copyThreads").getAsInt();
      assertTrue(
          HostBaselines.threadCounts(HostBaselines.backendThreads()).contains(copyThreads),
          row.toString());
      assertEquals(
          "host copy loop, " + HostBaselines.threads(copyThreads),
          row.get("copyBaseline").getAsString(),
          row.toString());
      double expectedGbps =
          row.get("size").getAsLong() * bytesPerElement(row) / row.get("medianNs").getAsDouble();
      assertEquals(
          expectedGbps, row.get("gbps").getAsDouble(), 1e-9 * expectedGbps, row.toString());
      if (row.get("backend").getAsString().equals("cpu")) {
        assertEquals(1.0, row.get("speedupVsCpu").getAsDouble(), row.toString());
      }
    }
    assertEquals(rows.size(), seen.size(), "one object per case and backend: " + seen);
  }

  @Test
  void aChainTimesKOpsOnDeviceArraysAndVerifiesTheirResult() {
    for (JsonObject row :
        verifiedRows(
            2 * 3,
            "--chain",
            "5",
            "--sizes",
            "1000",
            "--ops",
            "leaky-relu,leaky-relu-grad",
            "--precision",
            "float,half,bfloat16",
            "--alpha",
            "-0.75")) {
      assertTrue(row.get("timing").getAsString().contains("5 chained ops"), row.toString());
      assertTrue(row.get("kernelMedianNs").isJsonNull(), "no kernel line for a chain: " + row);
      double expectedGbps = 5 * 1000 * bytesPerElement(row) / row.get("medianNs").getAsDouble();
      assertEquals(
          expectedGbps, row.get("gbps").getAsDouble(), 1e-9 * expectedGbps, row.toString());
    }
  }

  @Test
  void buffersTimeCallsOnDirectBuffersAndVerifyTheirOutput() {
    for (JsonObject row :
        verifiedRows(
            8,
            "--buffers",
            "--sizes",
            "1000",
            "--ops",
            "relu,leaky-relu-grad",
            "--precision",
            "float,double,half,bfloat16")) {
      assertTrue(
          row.get("timing").getAsString().contains("direct java.nio buffers"), row.toString());
    }
    CliRun withChain = CliRun.of("bench", "--buffers", "--chain", "2");
    assertEquals(2, withChain.exitCode(), withChain.transcript());
    assertTrue(withChain.err().contains("'--buffers'"), withChain.transcript());
  }

  private static final List<String> KERNEL_FIELDS =
      List.of(
          "kernelMedianNs",
          "kernelP10Ns",
          "kernelP90Ns",
          "kernelGbps",
          "kernelElementsPerSecond",
          "deviceCopyGbps",
          "kernelCopyFraction",
          "kernelSpeedupVsCpu");

  @Test
  void openClRowsHaveKernelTimesAgainstTheDeviceCopyAndCpuRowsNone() {
    CliRun run =
        bench(
            "--sizes",
            "64K",
            "--ops",
            "relu,relu-grad",
            "--precision",
            "float,double",
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.transcript());
    int openClRows = 0;
    for (JsonElement e : JsonParser.parseString(run.out()).getAsJsonArray()) {
      JsonObject row = e.getAsJsonObject();
      boolean cpu = row.get("backend").getAsString().equals("cpu");
      boolean hasDeviceClock = !cpu && !row.get("kernelMedianNs").isJsonNull();
      for (String field : KERNEL_FIELDS) {
        assertTrue(row.has(field), field + " in " + row);
        if (cpu) {
          assertTrue(row.get(field).isJsonNull(), field + " in " + row);
        } else if (hasDeviceClock) {
          assertTrue(row.get(field).getAsDouble() > 0, field + " in " + row);
        }
      }
      if (hasDeviceClock) {
        openClRows++;
        double medianNs = row.get("kernelMedianNs").getAsDouble();
        assertTrue(row.get("kernelP10Ns").getAsDouble() <= medianNs, row.toString());
        assertTrue(row.get("kernelP90Ns").getAsDouble() >= medianNs, row.toString());
        double gbps = row.get("size").getAsLong() * bytesPerElement(row) / medianNs;
        assertEquals(gbps, row.get("kernelGbps").getAsDouble(), 1e-9 * gbps, row.toString());
        assertEquals(
            gbps / row.get("deviceCopyGbps").getAsDouble(),
            row.get("kernelCopyFraction").getAsDouble(),
            1e-9,
            row.toString());
        assertEquals(KernelTimer.COPY_DESCRIPTION, row.get("deviceCopyBaseline").getAsString());
        assertTrue(row.get("verified").getAsBoolean(), row.toString());
      }
    }
    if (openClAvailable()) {
      assertTrue(openClRows >= 2, "float rows at least have a device clock: " + run.out());
    }
  }

  @Test
  void thePlotIsAnSvgWhenItsNameSaysSo() throws IOException {
    Path svg = dir.resolve("bench.SVG");
    CliRun run = bench("--sizes", "1K,4K", "--ops", "relu", "--plot", svg.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    org.w3c.dom.Document doc = Pictures.parse(svg);
    assertEquals("svg", doc.getDocumentElement().getTagName());
    String text = doc.getDocumentElement().getTextContent();
    String version = BenchCommand.class.getPackage().getImplementationVersion();
    assertTrue(text.contains("rectifier " + (version == null ? "dev" : version) + ", "), text);
    assertTrue(text.contains("1 warm-up calls and at least 0 ms of them, then 2 timed"), text);
    assertTrue(text.contains("cpu: CPU: Java"), text);
    assertTrue(text.contains("1K") && text.contains("4K"), text);
  }

  @Test
  void theTableSaysWhereOpenClWinsAndThePlotIsAPng() throws IOException {
    Path png = dir.resolve("bench.png");
    CliRun run = bench("--sizes", "1K,64K", "--ops", "relu", "--plot", png.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("median us"), run.transcript());
    assertTrue(
        run.out()
            .contains(
                HostBaselines.describeCopies(
                    HostBaselines.threadCounts(HostBaselines.backendThreads()))),
        run.transcript());
    if (openClAvailable()) {
      assertTrue(run.out().contains("relu float opencl: "), run.transcript());
      assertTrue(run.out().contains(KernelTimer.COPY_DESCRIPTION), run.transcript());
      assertEquals(
          2, run.out().lines().filter(l -> l.contains("  kernel  ")).count(), run.transcript());
    }
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "not a readable image: " + png);
    assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400, image.toString());
  }

  @Test
  void csvGoesToTheOutputFileWithAHeaderAndARowEach() throws IOException {
    Path csv = dir.resolve("bench.csv");
    CliRun run =
        bench("--sizes", "3", "--backends", "cpu", "--format", "csv", "--output", csv.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals("", run.out(), run.transcript());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(5, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("op,backend,device,precision,size,"), lines.get(0));
    assertTrue(lines.get(1).startsWith("relu,cpu,"), lines.get(1));
    assertTrue(lines.get(0).contains(",kernelMedianNs,"), lines.get(0));
    assertTrue(lines.get(0).endsWith(",kernelCopyFraction,kernelSpeedupVsCpu,cpuFallback"));
  }

  @ParameterizedTest
  @CsvSource({
    "--ops, nope",
    "--sizes, -5",
    "--sizes, abc",
    "--sizes, 0",
    "--precision, quarter",
    "--backends, gpu",
    "--backends, opencl:x",
    "--alpha, NaN",
    "--repeats, 0",
    "--chain, 0",
    "--warmup, -1",
    "--warmup-ms, -1",
    "--format, xml",
    "--plot, bench.jpg",
    "--alpha, 1e39",
    "--alpha, -3.5e38",
  })
  void aBadValueIsAOneLineUsageErrorNamingTheOption(String option, String value) {
    CliRun run = CliRun.of("bench", option, value);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals("", run.out(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'" + option + "'"), run.transcript());
  }

  @ParameterizedTest
  @ValueSource(strings = {Unwritable.MISSING_FOLDER, Unwritable.A_FOLDER, Unwritable.PROC})
  void anOutputThatCannotBeWrittenIsAUsageErrorBeforeAnythingRuns(String kind) throws IOException {
    for (String option : List.of("--output", "--plot")) {
      Path file = Unwritable.path(kind, dir, option.equals("--plot") ? "bench.png" : "bench.csv");
      CliRun run = bench("--sizes", "3", "--backends", "cpu", option, file.toString());
      assertEquals(2, run.exitCode(), run.transcript());
      assertEquals("", run.out(), run.transcript());
      assertEquals(1, run.err().lines().count(), run.transcript());
      assertTrue(run.err().contains("'" + option + "'"), run.transcript());
      assertTrue(run.err().contains(file.toString()), run.transcript());
    }
  }

  @Test
  void checkingTheOutputsLeavesThemAsTheyWere() throws IOException {
    long heap = Runtime.getRuntime().maxMemory();
    assumeTrue(heap < 16L << 30, "a heap of " + heap);
    Path old = Files.writeString(dir.resolve("old.csv"), "old");
    Path fresh = dir.resolve("new.png");
    // the outputs are checked, then the sizes refused
    CliRun run = bench("--sizes", "1024M", "--output", old.toString(), "--plot", fresh.toString());
    assertEquals(2, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("'--sizes'"), run.transcript());
    assertEquals("old", Files.readString(old));
    assertTrue(Files.notExists(fresh), "no file left behind");
    assertEquals(List.of("old.csv"), List.of(dir.toFile().list()));
  }

  @Test
  void anAlphaBeyondFloatIsFineWhenOnlyDoubleIsBenched() {
    CliRun run =
        bench("--sizes", "3", "--backends", "cpu", "--precision", "double", "--alpha", "1e39");
    assertEquals(0, run.exitCode(), run.transcript());
    CliRun both = bench("--sizes", "3", "--precision", "double,float", "--alpha", "1e39");
    assertEquals(2, both.exitCode(), both.transcript());
    assertTrue(both.err().contains("float"), both.transcript());
  }

  @Test
  void sizesTooLargeForTheHeapAreAUsageErrorNamingTheHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    assumeTrue(heap < 16L << 30, "a heap of " + heap);
    CliRun run = bench("--sizes", "1K,1024M", "--ops", "relu,relu-grad");
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals("", run.out(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'--sizes'"), run.transcript());
    assertTrue(run.err().contains("1024M"), run.transcript());
    assertTrue(run.err().contains("in float"), "the largest case: " + run.transcript());
    assertTrue(run.err().contains("heap"), run.transcript());
  }

  @Test
  void aDeviceThatDoesNotExistIsAUsageError() {
    if (!openClAvailable()) {
      return; // without OpenCL, bench skips OpenCL backends with a note instead
    }
    CliRun run = bench("--sizes", "3", "--backends", "cpu,opencl:999");
    assertEquals(2, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("'--backends': opencl:999"), run.transcript());
  }

  @Test
  void preluAndItsGradientAreBenchedAndVerifiedWithTheirChannelsAndInner() {
    for (JsonObject row :
        verifiedRows(
            2 * 2 * 2,
            "--sizes",
            "84,21K",
            "--ops",
            "prelu,prelu-grad",
            "--channels",
            "3",
            "--inner",
            "7",
            "--precision",
            "float,double")) {
      assertEquals(
          row.get("backend").getAsString().equals("opencl"),
          !row.get("kernelMedianNs").isJsonNull(),
          row.toString());
      assertEquals(
          row.get("size").getAsInt() * bytesPerElement(row) / row.get("medianNs").getAsDouble(),
          row.get("gbps").getAsDouble(),
          1e-9,
          row.toString());
    }
    CliRun table = bench("--sizes", "64", "--ops", "prelu", "--backends", "cpu");
    assertEquals(0, table.exitCode(), table.transcript());
    assertTrue(table.out().contains("prelu: 64 channels"), table.transcript());
  }

  @Test
  void halfAndBfloat16RowsAreBenchedAndVerifiedWithTwoBytesAnElement() {
    List<JsonObject> rows =
        verifiedRows(
            4 * 2 * 3,
            "--sizes",
            "84,21K",
            "--ops",
            "relu,leaky-relu-grad,prelu,prelu-grad",
            "--channels",
            "3",
            "--inner",
            "7",
            "--precision",
            "half,float,bfloat16");
    Set<String> precisions = new TreeSet<>();
    for (JsonObject row : rows) {
      precisions.add(row.get("precision").getAsString());
      assertEquals(0, row.get("maxUlpDiff").getAsLong(), row.toString());
      double gbps =
          row.get("size").getAsLong() * bytesPerElement(row) / row.get("medianNs").getAsDouble();
      assertEquals(gbps, row.get("gbps").getAsDouble(), 1e-9 * gbps, row.toString());
      double copyGbps = row.get("copyGbps").getAsDouble();
      assertEquals(gbps / copyGbps, row.get("copyFraction").getAsDouble(), 1e-9, row.toString());
    }
    assertEquals(Set.of("bfloat16", "float", "half"), precisions);
  }

  /**
   * An OpenCL row claims the device only where the device computed it: a precision whose device
   * arrays live on the CPU backend (the device has no program for it) says so, and has no kernel
   * time; one on the device has its kernel time.
   */
  @Test
  void anOpenClRowOfAPrecisionTheDeviceDoesNotRunSaysSoAndHasNoKernelTime() {
    assumeTrue(openClAvailable(), "no OpenCL");
    CliRun run =
        bench(
            "--sizes",
            "1K",
            "--ops",
            "relu,prelu-grad",
            "--precision",
            "float,half,bfloat16",
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.transcript());
    int rows = 0;
    for (JsonElement e : JsonParser.parseString(run.out()).getAsJsonArray()) {
      JsonObject row = e.getAsJsonObject();
      if (!row.get("backend").getAsString().equals("opencl")) {
        continue;
      }
      rows++;
      Precision p = Precision.valueOf(row.get("precision").getAsString().toUpperCase(Locale.ROOT));
      boolean onDevice = arraysLiveOnTheDevice(p);
      assertEquals(!onDevice, row.get("cpuFallback").getAsBoolean(), row.toString());
      assertEquals(
          !onDevice,
          row.get("device").getAsString().contains("on the CPU backend"),
          row.toString());
      for (String field : KERNEL_FIELDS) {
        assertEquals(onDevice, !row.get(field).isJsonNull(), field + " in " + row);
      }
    }
    assertEquals(2 * 3, rows, run.transcript());
  }

  /** Whether an OpenCL Rectifier keeps arrays of {@code p} on its device: they have a cl_mem. */
  static boolean arraysLiveOnTheDevice(Precision p) {
    try (Rectifier r = Rectifier.openCl();
        DeviceArray a = r.allocate(p, 1)) {
      a.clMem();
      return true;
    } catch (IllegalStateException onTheCpuBackend) {
      return false;
    }
  }

  @Test
  void halfAndBfloat16HaveTheirTableRowsCsvRowsAndPanels() throws IOException {
    Path csv = dir.resolve("bench.csv");
    Path svg = dir.resolve("bench.svg");
    CliRun run =
        bench(
            "--sizes",
            "1K",
            "--ops",
            "leaky-relu",
            "--precision",
            "bfloat16,half",
            "--format",
            "csv",
            "--output",
            csv.toString(),
            "--plot",
            svg.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    List<String> lines = Files.readAllLines(csv);
    int backends = openClAvailable() ? 2 : 1;
    assertEquals(1 + 2 * backends, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("leaky-relu,cpu,"), lines.get(1));
    assertTrue(lines.get(1).contains(",bfloat16,1024,"), lines.get(1));
    assertTrue(lines.get(1 + backends).contains(",half,1024,"), lines.get(1 + backends));
    String text = Pictures.parse(svg).getDocumentElement().getTextContent();
    assertTrue(text.contains("leaky-relu, bfloat16") && text.contains("leaky-relu, half"), text);

    CliRun table = bench("--sizes", "1K", "--ops", "relu-grad", "--precision", "half,bfloat16");
    assertEquals(0, table.exitCode(), table.transcript());
    for (String p : List.of("half", "bfloat16")) {
      assertEquals(
          backends,
          table.out().lines().filter(l -> l.matches("relu-grad +" + p + " .* 0  yes")).count(),
          table.transcript());
    }
    assertTrue(table.out().contains("steps between 16-bit values"), table.transcript());
  }

  @Test
  void anAlphaBeyondFloatIsAUsageErrorForTheSixteenBitFormats() {
    for (String p : List.of("half", "bfloat16")) {
      CliRun run = bench("--sizes", "3", "--precision", p, "--alpha", "1e39");
      assertEquals(2, run.exitCode(), run.transcript());
      assertTrue(run.err().contains("'--alpha'"), run.transcript());
    }
  }

  private static double bytesPerElement(JsonObject row) {
    int arrays = row.get("op").getAsString().endsWith("grad") ? 3 : 2;
    return arrays
        * switch (row.get("precision").getAsString()) {
          case "double" -> 8;
          case "float" -> 4;
          default -> 2;
        };
  }

  /**
   * The rows of a bench run with {@code args} and {@code --format json}, once it has exited with 0
   * and given {@code cases} rows for each backend (the CPU backend, and OpenCL where there is one),
   * each verified.
   */
  private static List<JsonObject> verifiedRows(int cases, String... args) {
    String[] json = Arrays.copyOf(args, args.length + 2);
    json[args.length] = "--format";
    json[args.length + 1] = "json";
    CliRun run = bench(json);
    assertEquals(0, run.exitCode(), run.transcript());
    JsonArray rows = JsonParser.parseString(run.out()).getAsJsonArray();
    assertEquals(cases * (openClAvailable() ? 2 : 1), rows.size(), run.transcript());
    List<JsonObject> verified = new ArrayList<>();
    for (JsonElement e : rows) {
      JsonObject row = e.getAsJsonObject();
      assertTrue(row.get("verified").getAsBoolean(), row.toString());
      verified.add(row);
    }
    return verified;
  }

  private static CliRun bench(String... args) {
    String[] all = new String[args.length + QUICK.length + 1];
    all[0] = "bench";
    System.arraycopy(QUICK, 0, all, 1, QUICK.length);
    System.arraycopy(args, 0, all, 1 + QUICK.length, args.length);
    return CliRun.of(all);
  }

  /** Whether bench can open OpenCL; fails where OpenCL is required (CI) and missing. */
  static boolean openClAvailable() {
    try {
      OpenClRuntime.devices();
      return true;
    } catch (OpenClUnavailableException e) {
      assertFalse(OpenClRequirement.required(), "OpenCL is required but missing: " + e);
      return false;
    }
  }
}
