package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.internal.parse.DocLine;
import io.cvtailor.kernel.Deadline;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * OCR of a PDF without a text layer, only when the caller asks for it: each page is rendered by
 * PDFBox and read by Debian's {@code tesseract} as a child process (no shell; one page at a time;
 * bounded in pages, pixels, time per page and output size; temporary files removed). Tesseract's
 * words, with their boxes, go through the same layout as a PDF's glyphs ({@link PdfText#layout}),
 * so rows, gaps and two columns are read the same way; bold is not known.
 */
public final class PdfOcr {
  /** Largest rendered page, in pixels (an A4 page at 300 dpi is about 8.7 million). */
  static final long MAX_PIXELS = 12_000_000L;

  static final int DPI = 300;

  /** What the server allows; from configuration ({@code imports.ocr.*}). */
  public record Settings(
      String command,
      String languages,
      int maxPages,
      Duration pageTime,
      int maxOutputBytes,
      int concurrency,
      Duration queueWait) {}

  /** The lines read and tesseract's mean word confidence (0–100) over the document. */
  public record Result(List<DocLine> lines, double meanConfidence, int pages) {}

  private final Settings settings;
  private final Semaphore running;

  public PdfOcr(Settings settings) {
    this.settings = settings;
    this.running = new Semaphore(Math.max(1, settings.concurrency()), true);
  }

  public Settings settings() {
    return settings;
  }

  /** The executable, when installed: an absolute path as configured or the first on PATH. */
  Path executable() {
    String command = settings.command();
    if (command.contains(File.separator)) {
      Path path = Path.of(command);
      return Files.isExecutable(path) ? path : null;
    }
    String path = System.getenv("PATH");
    for (String dir :
        (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The pages of {@code pdf} read by OCR. */
  public Result read(PDDocument pdf) {
    Path tesseract = executable();
    if (tesseract == null) {
      throw new DocumentRejectedException(
          Kind.NO_TEXT,
          "the PDF has no text layer and OCR was asked for, but OCR is not installed on this"
              + " server: the administrator can install it with 'apt-get install tesseract-ocr'"
              + " (Debian/Ubuntu; or set imports.ocr.command to the tesseract executable). Until"
              + " then, run OCR on the scan yourself (for example ocrmypdf) and upload the"
              + " result.");
    }
    int pages = pdf.getNumberOfPages();
    if (pages > settings.maxPages()) {
      throw new DocumentRejectedException(
          Kind.TOO_LARGE,
          "the scanned PDF has "
              + pages
              + " pages; OCR reads at most "
              + settings.maxPages()
              + " (imports.ocr.max-pages)");
    }
    acquire();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("cvtailor-ocr-");
      PDFRenderer renderer = new PDFRenderer(pdf);
      List<DocLine> lines = new ArrayList<>();
      double confidenceSum = 0;
      int words = 0;
      for (int page = 0; page < pages; page++) {
        Deadline.checkCurrent();
        PDRectangle box = pdf.getPage(page).getCropBox();
        float scale = scale(box.getWidth(), box.getHeight());
        BufferedImage image = renderer.renderImage(page, scale, ImageType.GRAY);
        Path png = dir.resolve("page-" + (page + 1) + ".png");
        ImageIO.write(image, "png", png.toFile());
        image.flush();
        String tsv = run(tesseract, png, page + 1);
        Files.deleteIfExists(png);
        List<PdfText.Glyph> glyphs = new ArrayList<>();
        for (Word w : words(tsv)) {
          glyphs.add(w.glyph(scale));
          confidenceSum += w.confidence;
          words++;
        }
        lines.addAll(PdfText.layout(glyphs, box.getWidth()));
      }
      if (words == 0) {
        throw new DocumentRejectedException(
            Kind.NO_TEXT,
            "the PDF has no text layer and OCR found no words in it (a blank page, a photo, or"
                + " text too small or blurred to read); scan it again at 300 dpi or upload the"
                + " CV as DOCX, ODT or a PDF exported from the program it was written in");
      }
      return new Result(lines, confidenceSum / words, pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      running.release();
      delete(dir);
    }
  }

  /** Points to pixels: 300 dpi, less for a page so large that it would pass MAX_PIXELS. */
  static float scale(float widthPt, float heightPt) {
    float scale = DPI / 72f;
    double pixels = (double) widthPt * scale * heightPt * scale;
    if (pixels > MAX_PIXELS) {
      scale *= (float) Math.sqrt(MAX_PIXELS / pixels);
    }
    return scale;
  }

  private void acquire() {
    Duration wait = settings.queueWait();
    Duration left = Deadline.current().remaining();
    if (left.compareTo(wait) < 0) {
      wait = left;
    }
    try {
      if (!running.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DocumentRejectedException(
            Kind.BUSY,
            "OCR is busy with other scans (imports.ocr.concurrency at a time); nothing was"
                + " kept, try again shortly");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocumentRejectedException(Kind.BUSY, "interrupted while waiting for OCR");
    }
  }

  /** Tesseract on one page image, TSV on stdout; bounded in time and in output. */
  private String run(Path tesseract, Path png, int page) throws IOException {
    Duration limit = settings.pageTime();
    Duration left = Deadline.current().remaining();
    boolean deadlineFirst = left.compareTo(limit) < 0;
    if (deadlineFirst) {
      limit = left;
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                tesseract.toString(),
                png.toString(),
                "stdout",
                "-l",
                settings.languages(),
                "--psm",
                "3",
                "tsv")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // One thread per process: the machine's cores are shared with the requests.
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    Process process = builder.start();
    byte[][] output = new byte[1][];
    boolean[] tooLong = new boolean[1];
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                byte[] bytes = in.readNBytes(settings.maxOutputBytes() + 1);
                if (bytes.length > settings.maxOutputBytes()) {
                  tooLong[0] = true;
                  process.destroyForcibly();
                } else {
                  output[0] = bytes;
                }
              } catch (IOException e) {
                output[0] = null;
              }
            },
            "ocr-output");
    reader.setDaemon(true);
    reader.start();
    try {
      boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        if (deadlineFirst) {
          Deadline.checkCurrent();
        }
        throw new DocumentRejectedException(
            Kind.NO_TEXT,
            "OCR of page "
                + page
                + " took longer than "
                + settings.pageTime().toSeconds()
                + " s (imports.ocr.page-seconds) and was stopped; nothing was kept");
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new DocumentRejectedException(Kind.BUSY, "interrupted during OCR");
    }
    if (tooLong[0]) {
      throw new DocumentRejectedException(
          Kind.TOO_LARGE,
          "OCR of page "
              + page
              + " gave more than "
              + settings.maxOutputBytes() / 1024
              + " KB of text; a CV page has far less");
    }
    if (process.exitValue() != 0 || output[0] == null) {
      throw new DocumentRejectedException(
          Kind.NO_TEXT,
          "OCR failed on page "
              + page
              + " (tesseract exit code "
              + process.exitValue()
              + "); check that tesseract-ocr and its language data for '"
              + settings.languages()
              + "' are installed (apt-get install tesseract-ocr tesseract-ocr-eng)");
    }
    return new String(output[0], StandardCharsets.UTF_8);
  }

  /** One word of tesseract's TSV, in pixels, with the height of its line. */
  record Word(
      String text,
      int left,
      int top,
      int width,
      int lineBottom,
      int lineHeight,
      double confidence) {

    /**
     * As a glyph in points; the line's height stands for the font size, its bottom the baseline.
     */
    PdfText.Glyph glyph(float scale) {
      float size = lineHeight / scale * 0.8f;
      return new PdfText.Glyph(
          text + " ", left / scale, lineBottom / scale, width / scale, size, false);
    }
  }

  /**
   * The words of tesseract's TSV ({@code level page block par line word left top width height conf
   * text}); a line's box (level 4) gives its words their common bottom and height.
   */
  static List<Word> words(String tsv) {
    Map<String, int[]> lineBoxes = new HashMap<>();
    List<String[]> wordRows = new ArrayList<>();
    for (String row : tsv.split("\n")) {
      String[] c = row.split("\t", -1);
      if (c.length < 12 || !c[0].matches("\\d+")) {
        continue;
      }
      int level = Integer.parseInt(c[0]);
      String key = c[1] + "/" + c[2] + "/" + c[3] + "/" + c[4];
      if (level == 4) {
        lineBoxes.put(
            key,
            new int[] {Integer.parseInt(c[7]) + Integer.parseInt(c[9]), Integer.parseInt(c[9])});
      } else if (level == 5 && !c[11].isBlank()) {
        wordRows.add(c);
      }
    }
    List<Word> words = new ArrayList<>();
    for (String[] c : wordRows) {
      int top = Integer.parseInt(c[7]);
      int height = Integer.parseInt(c[9]);
      int[] line =
          lineBoxes.getOrDefault(
              c[1] + "/" + c[2] + "/" + c[3] + "/" + c[4], new int[] {top + height, height});
      double confidence;
      try {
        confidence = Math.max(0, Double.parseDouble(c[10]));
      } catch (NumberFormatException e) {
        confidence = 0;
      }
      words.add(
          new Word(
              c[11].strip(),
              Integer.parseInt(c[6]),
              top,
              Integer.parseInt(c[8]),
              line[0],
              line[1],
              confidence));
    }
    words.sort(Comparator.comparingInt(Word::lineBottom).thenComparingInt(Word::left));
    return words;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is in the temp dir and holds one page image at most
    }
  }
}
