package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.measure.app.ApiClient;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Everything a benchmark run measured: tables printed as they complete, one CSV per table and one
 * PNG per chart in the output directory, and all of it in one JSON document at the end.
 */
public final class BenchReport {
  private final Path outDir;
  private final ObjectNode json = ApiClient.JSON.createObjectNode();
  private final ObjectNode tables = json.putObject("tables");

  public BenchReport(Path outDir, Map<String, Object> run) throws IOException {
    this.outDir = outDir;
    Files.createDirectories(outDir);
    json.set("run", ApiClient.JSON.valueToTree(run));
  }

  public Path outDir() {
    return outDir;
  }

  /** A table that is printed, written as {@code <id>.csv} and added to the JSON under its id. */
  public Table table(String id, String title, String... columns) {
    return new Table(id, title, List.of(columns));
  }

  /** A line chart written as {@code <id>.png}; each series is a list of (x, y) points. */
  public void chart(
      String id,
      String title,
      String xLabel,
      String yLabel,
      boolean logX,
      Map<String, List<double[]>> series) {
    XYSeriesCollection data = new XYSeriesCollection();
    series.forEach(
        (name, points) -> {
          XYSeries line = new XYSeries(name, false);
          points.forEach(p -> line.add(p[0], p[1]));
          data.addSeries(line);
        });
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    if (logX) {
      LogAxis axis = new LogAxis(xLabel);
      axis.setBase(10);
      axis.setSmallestValue(1e-3);
      // Ticks at powers of 2 (the unit is in log space): readable labels over a small range.
      axis.setTickUnit(new NumberTickUnit(Math.log10(2)));
      axis.setNumberFormatOverride(new DecimalFormat("0.##"));
      plot.setDomainAxis(axis);
    } else {
      ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    }
    try {
      ChartUtils.saveChartAsPNG(outDir.resolve(id + ".png").toFile(), chart, 900, 540);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A single headline figure, e.g. {@code report.figure("hnsw", "build_seconds_100k", 42.1)}. */
  public void figure(String group, String name, Object value) {
    ObjectNode node = json.withObjectProperty("figures").withObjectProperty(group);
    node.set(name, ApiClient.JSON.valueToTree(rounded(value)));
  }

  public void writeJson(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
  }

  /** Formats a figure for humans: integers plainly, small values with more decimals. */
  static String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        return "-";
      }
      double abs = Math.abs(d);
      if (abs >= 100) {
        return String.format(Locale.ROOT, "%.0f", d);
      } else if (abs >= 10) {
        return String.format(Locale.ROOT, "%.1f", d);
      } else if (abs >= 1) {
        return String.format(Locale.ROOT, "%.2f", d);
      }
      return String.format(Locale.ROOT, "%.3f", d);
    }
    return String.valueOf(value);
  }

  /** Machine-readable values keep 4 significant digits: more would be noise, not precision. */
  static Object rounded(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return null;
      }
      return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).doubleValue();
    }
    return value;
  }

  /** Rows are added as they are measured; {@link #print()} shows and saves the whole table. */
  public final class Table {
    private final String id;
    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Table(String id, String title, List<String> columns) {
      this.id = id;
      this.title = title;
      this.columns = columns;
    }

    public Table row(Object... values) {
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(id + ": " + values.length + " values for " + columns);
      }
      rows.add(List.of(values));
      return this;
    }

    /** Prints the table, writes its CSV and records it in the JSON document. */
    public void print() {
      List<Integer> widths = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        int width = columns.get(c).length();
        for (List<Object> row : rows) {
          width = Math.max(width, format(row.get(c)).length());
        }
        widths.add(width);
      }
      StringBuilder text = new StringBuilder("\n").append(title).append('\n');
      appendLine(text, new ArrayList<>(columns), widths);
      for (List<Object> row : rows) {
        appendLine(text, row.stream().map(BenchReport::format).toList(), widths);
      }
      System.out.print(text);
      System.out.flush();

      StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
      ObjectNode node = tables.putObject(id);
      node.put("title", title);
      ArrayNode jsonRows = node.putArray("rows");
      for (List<Object> row : rows) {
        Map<String, Object> object = new LinkedHashMap<>();
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
          Object value = rounded(row.get(c));
          object.put(columns.get(c), value);
          cells.add(String.valueOf(value));
        }
        jsonRows.add(ApiClient.JSON.valueToTree(object));
        csv.append(String.join(",", cells)).append('\n');
      }
      try {
        Files.writeString(outDir.resolve(id + ".csv"), csv);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void appendLine(StringBuilder text, List<String> cells, List<Integer> widths) {
      for (int c = 0; c < cells.size(); c++) {
        String cell = cells.get(c);
        text.append(
            c == 0
                ? String.format("%-" + widths.get(c) + "s", cell)
                : String.format("  %" + widths.get(c) + "s", cell));
      }
      text.append('\n');
    }
  }
}
