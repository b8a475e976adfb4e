package dev.rectifier.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** How {@code rectifier bench} writes its results. */
enum OutputFormat {
  /** {@link ResultTable}, for people. */
  TABLE,
  /** RFC 4180 CSV, a header row of {@link BenchResult}'s component names, then a row each. */
  CSV,
  /** A JSON array of objects with {@link BenchResult}'s components; absent values are null. */
  JSON;

  void write(List<BenchResult> results, PrintWriter out) {
    switch (this) {
      case TABLE -> ResultTable.print(results, out);
      case CSV -> csv(results, out);
      case JSON ->
          out.println(
              new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(results));
    }
    out.flush();
  }

  private static void csv(List<BenchResult> results, PrintWriter out) {
    RecordComponent[] columns = BenchResult.class.getRecordComponents();
    List<String> header = new ArrayList<>();
    for (RecordComponent c : columns) {
      header.add(c.getName());
    }
    try {
      CSVPrinter csv =
          CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build().print(out);
      for (BenchResult r : results) {
        List<Object> row = new ArrayList<>();
        for (RecordComponent c : columns) {
          row.add(c.getAccessor().invoke(r));
        }
        csv.printRecord(row);
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read a BenchResult component", e);
    }
  }
}
