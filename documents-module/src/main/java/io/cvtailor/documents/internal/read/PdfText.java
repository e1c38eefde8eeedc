package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.internal.parse.DateRanges;
import io.cvtailor.documents.internal.parse.DocLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A PDF's text layer, with positions: glyphs are grouped into rows by baseline, rows into segments
 * at wide gaps, and a page whose segments leave a clear vertical channel is read as two columns
 * (the left column, then the right, between full-width rows), unless the left side is a date
 * gutter, whose dates belong to the rows beside them. Bold comes from the font, "larger" from the
 * size against the page's body text.
 */
public final class PdfText {
  static final int MAX_PAGES = 40;

  /** What stands between a title and an organization on one line. */
  private static final java.util.Set<String> SEPARATORS =
      java.util.Set.of("\u2014", "\u2013", "|", "\u00B7", "-", "@");

  private static final java.util.regex.Pattern FIELD_SEPARATOR =
      java.util.regex.Pattern.compile(" [\u2014\u2013|\u00B7] ");
  private static final int MIN_TEXT_CHARS = 20;

  private PdfText() {}

  /** One glyph as PDFBox placed it. */
  record Glyph(String text, float x, float y, float width, float size, boolean bold) {}

  /**
   * Glyphs on one baseline, cut at wide gaps into segments; {@code startsBold}: its first letter is
   * bold ("<b>Title</b> — Organization").
   */
  private record Segment(
      float x0, float x1, float y, String text, float size, boolean bold, boolean startsBold) {}

  public static List<DocLine> read(byte[] bytes) {
    return read(bytes, null).lines();
  }

  /** The lines of a PDF and, when it was read by OCR, what OCR said of it. */
  public record Read(List<DocLine> lines, PdfOcr.Result ocr) {}

  /**
   * As above; a PDF without a text layer is read by {@code ocr} when it is given (the caller asked
   * for OCR), and refused with the reason otherwise.
   */
  public static Read read(byte[] bytes, PdfOcr ocr) {
    try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBuffer(bytes))) {
      if (pdf.getNumberOfPages() > MAX_PAGES) {
        throw new DocumentRejectedException(
            Kind.TOO_LARGE, "the PDF has more than " + MAX_PAGES + " pages; a CV has a few");
      }
      PdfStreams.checkExpansion(pdf);
      List<DocLine> lines = new ArrayList<>();
      int chars = 0;
      for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
        List<Glyph> glyphs = glyphs(pdf, page);
        for (Glyph g : glyphs) {
          if (!g.text.isBlank()) {
            chars++;
          }
        }
        float width = pdf.getPage(page - 1).getMediaBox().getWidth();
        lines.addAll(layout(glyphs, width));
      }
      if (chars < MIN_TEXT_CHARS) {
        if (ocr != null) {
          PdfStreams.checkImages(pdf);
          PdfOcr.Result result = ocr.read(pdf);
          return new Read(result.lines(), result);
        }
        throw new DocumentRejectedException(
            Kind.NO_TEXT,
            "the PDF has no text layer (it looks like a scan or a picture of a CV), so there is no"
                + " text to read and we do not guess. Ask for OCR explicitly (POST"
                + " /api/v1/imports?ocr=true; slower, and every entry needs checking), export the"
                + " CV again as PDF from the program it was written in, upload the DOCX or ODT,"
                + " or run OCR on the scan yourself (for example ocrmypdf) and upload the"
                + " result.");
      }
      return new Read(lines, null);
    } catch (InvalidPasswordException e) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE,
          "the PDF is encrypted with a password; save or print it as a PDF without a password and"
              + " upload that");
    } catch (IOException e) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE, "the PDF is damaged or not a PDF: " + e.getMessage());
    }
  }

  private static List<Glyph> glyphs(PDDocument pdf, int page) throws IOException {
    List<Glyph> glyphs = new ArrayList<>();
    PDFTextStripper stripper =
        new PDFTextStripper() {
          @Override
          protected void processTextPosition(TextPosition p) {
            glyphs.add(
                new Glyph(
                    ligatures(p.getUnicode()),
                    p.getXDirAdj(),
                    p.getYDirAdj(),
                    p.getWidthDirAdj(),
                    p.getFontSizeInPt(),
                    isBold(p.getFont())));
          }
        };
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    stripper.getText(pdf);
    return glyphs;
  }

  /** Typographic ligatures (U+FB00–FB06, "ﬁ") as their letters, so "ﬁeld" reads "field". */
  static String ligatures(String text) {
    if (text == null) {
      return "";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uFB00' && c <= '\uFB06') {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
      }
    }
    return text;
  }

  static boolean isBold(PDFont font) {
    if (font == null) {
      return false;
    }
    String name = font.getName() == null ? "" : font.getName().toLowerCase(java.util.Locale.ROOT);
    if (name.contains("bold")
        || name.contains("black")
        || name.contains("heavy")
        || name.contains("semibold")) {
      return true;
    }
    PDFontDescriptor descriptor = font.getFontDescriptor();
    return descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 600);
  }

  static List<DocLine> layout(List<Glyph> glyphs, float pageWidth) {
    if (glyphs.isEmpty()) {
      return List.of();
    }
    List<Glyph> sorted = new ArrayList<>(glyphs);
    sorted.sort(Comparator.comparingDouble((Glyph g) -> g.y).thenComparingDouble(g -> g.x));
    // Rows: glyphs whose baselines are within a third of their size.
    List<List<Glyph>> rows = new ArrayList<>();
    List<Glyph> row = new ArrayList<>();
    float rowY = Float.NaN;
    for (Glyph g : sorted) {
      if (!row.isEmpty() && Math.abs(g.y - rowY) > Math.max(1.5f, g.size * 0.35f)) {
        rows.add(row);
        row = new ArrayList<>();
      }
      if (row.isEmpty()) {
        rowY = g.y;
      }
      row.add(g);
    }
    rows.add(row);
    List<List<Segment>> segmentRows = new ArrayList<>();
    List<Float> sizes = new ArrayList<>();
    for (List<Glyph> r : rows) {
      r.sort(Comparator.comparingDouble(g -> g.x));
      List<Segment> segments = segments(r);
      if (!segments.isEmpty()) {
        segmentRows.add(segments);
        for (Segment s : segments) {
          sizes.add(s.size);
        }
      }
    }
    // Page numbers ("1 / 2", "Page 2 of 3") are the printer's, not the CV's.
    segmentRows.removeIf(
        r ->
            r.size() == 1
                && r.get(0)
                    .text
                    .strip()
                    .matches(
                        "(?i)((page|seite|página|page|sida|side)\\s+)?\\d{1,3}(\\s*(/|of|von|de|sur|av)\\s*\\d{1,3})?"));
    sizes.sort(Float::compare);
    float bodySize = sizes.isEmpty() ? 10 : sizes.get(sizes.size() / 2);
    float split = columnSplit(segmentRows, pageWidth);
    List<DocLine> lines = new ArrayList<>();
    if (split < 0) {
      float lastY = Float.NaN;
      for (List<Segment> r : joinWrappedBoldRows(segmentRows)) {
        lines.add(line(r, bodySize, gap(lastY, r.get(0).y, bodySize)));
        lastY = r.get(0).y;
      }
      return lines;
    }
    // Two columns: between full-width rows, all of the left column, then all of the right.
    List<List<Segment>> left = new ArrayList<>();
    List<List<Segment>> right = new ArrayList<>();
    for (List<Segment> r : segmentRows) {
      boolean crosses = r.stream().anyMatch(s -> s.x0 < split && s.x1 > split);
      if (crosses) {
        flush(lines, left, right, bodySize);
        lines.add(line(r, bodySize, true));
        continue;
      }
      List<Segment> l = r.stream().filter(s -> s.x1 <= split).toList();
      List<Segment> rr = r.stream().filter(s -> s.x0 >= split).toList();
      if (!l.isEmpty()) {
        left.add(l);
      }
      if (!rr.isEmpty()) {
        right.add(rr);
      }
    }
    flush(lines, left, right, bodySize);
    return lines;
  }

  /**
   * A line wrapped by the program that wrote the PDF is one line again when it is an entry's title
   * line: a line that starts bold, whose next line (right below, same indent and size) begins with
   * a word that would not have fit at its end — the way a renderer breaks lines. So "Time to
   * antibiotics ... cohort study — Nordic / Journal of Acute Care Nursing" and "Title — Org ·
   * 2019-05 – / present" read as written, and a long bold title over two lines is one title. Body
   * text (not bold) is left to the parser, which joins wrapped sentences itself.
   */
  static List<List<Segment>> joinWrappedBoldRows(List<List<Segment>> rows) {
    float left = Float.MAX_VALUE;
    float right = 0;
    for (List<Segment> r : rows) {
      for (Segment s : r) {
        left = Math.min(left, s.x0);
        right = Math.max(right, s.x1);
      }
    }
    float nearRight = right - 0.2f * (right - left);
    List<List<Segment>> joined = new ArrayList<>();
    for (List<Segment> r : rows) {
      List<Segment> previous = joined.isEmpty() ? null : joined.get(joined.size() - 1);
      if (previous != null
          && previous.size() == 1
          && r.size() == 1
          && previous.get(0).startsBold
          && ((previous.get(0).bold && r.get(0).bold)
              // a plain continuation: only of a "Title — Organization" line, whose organization
              // goes on (a plain line under a bold title is otherwise its own field)
              || (!r.get(0).startsBold && FIELD_SEPARATOR.matcher(previous.get(0).text).find()))
          // A line's size is its largest glyph's: the rest of a line that mixes sizes ("Title —
          // Org · <small>dates</small>") may be smaller, never larger.
          && r.get(0).size < previous.get(0).size + 0.5f
          && r.get(0).size > previous.get(0).size * 0.7f
          && Math.abs(previous.get(0).x0 - r.get(0).x0) < 2f
          && r.get(0).y - previous.get(0).y <= previous.get(0).size * 1.6f
          && previous.get(0).x1 >= nearRight
          && wrapped(previous.get(0), r.get(0), right)) {
        Segment a = previous.get(0);
        Segment b = r.get(0);
        joined.set(
            joined.size() - 1,
            List.of(
                new Segment(
                    a.x0,
                    Math.max(a.x1, b.x1),
                    a.y,
                    a.text + " " + b.text,
                    a.size,
                    a.bold,
                    a.startsBold)));
      } else {
        joined.add(r);
      }
    }
    return joined;
  }

  /**
   * The first word of {@code next} (its width estimated from the segment's mean letter width) and a
   * space would have passed the right edge of the text after {@code line}: the line was broken
   * there for want of room.
   */
  static boolean wrapped(Segment line, Segment next, float right) {
    String text = next.text.strip();
    if (text.isEmpty() || line.text.isEmpty()) {
      return false;
    }
    int space = text.indexOf(' ');
    String firstWord = space < 0 ? text : text.substring(0, space);
    float perChar = (next.x1 - next.x0) / text.length();
    float needed = (firstWord.length() + 1) * perChar;
    return line.x1 + needed > right + 0.5f;
  }

  private static boolean gap(float lastY, float y, float bodySize) {
    return !Float.isNaN(lastY) && y - lastY > bodySize * 2.2f;
  }

  private static void flush(
      List<DocLine> lines, List<List<Segment>> left, List<List<Segment>> right, float bodySize) {
    for (List<List<Segment>> column : List.of(left, right)) {
      float lastY = Float.NaN;
      boolean first = true;
      for (List<Segment> r : column) {
        lines.add(line(r, bodySize, first || gap(lastY, r.get(0).y, bodySize)));
        lastY = r.get(0).y;
        first = false;
      }
    }
    left.clear();
    right.clear();
  }

  /** A row as one line; bold when most of its letters are (a bold title beside plain dates). */
  private static DocLine line(List<Segment> row, float bodySize, boolean gapBefore) {
    StringBuilder text = new StringBuilder();
    int boldLetters = 0;
    int largeLetters = 0;
    int letters = 0;
    for (Segment s : row) {
      if (text.length() > 0) {
        text.append('\t');
      }
      text.append(s.text);
      int n = s.text.replaceAll("[^\\p{L}]", "").length();
      letters += n;
      if (s.bold) {
        boldLetters += n;
      }
      if (s.size >= bodySize * 1.15f) {
        largeLetters += n;
      }
    }
    return new DocLine(
        text.toString(),
        letters > 0 && boldLetters * 2 > letters,
        letters > 0 && largeLetters * 2 > letters,
        0,
        false,
        gapBefore);
  }

  /** Glyphs of a row cut where the gap is wider than about two spaces. */
  private static List<Segment> segments(List<Glyph> row) {
    List<Segment> segments = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    float x0 = 0;
    float x1 = 0;
    float size = 0;
    int boldLetters = 0;
    int letters = 0;
    boolean firstBold = false;
    // The bold run a segment starts with, and whether it ends at a field separator ("<b>Computer
    // Engineering</b> — Chalmers University of Technology": a bold title, however long the rest).
    boolean inBoldStart = false;
    boolean boldStartAtSeparator = false;
    String lastMark = "";
    float y = row.get(0).y;
    for (Glyph g : row) {
      float space = Math.max(g.size * 0.25f, 1f);
      if (text.length() > 0 && g.x - x1 > space * 4.5f) {
        segments.add(
            new Segment(
                x0,
                x1,
                y,
                text.toString().strip(),
                size,
                boldRun(letters, boldLetters, firstBold) || boldStartAtSeparator,
                firstBold));
        text.setLength(0);
      }
      if (text.length() == 0) {
        x0 = g.x;
        size = 0;
        letters = 0;
        boldLetters = 0;
        firstBold = false;
        inBoldStart = false;
        boldStartAtSeparator = false;
        lastMark = "";
      } else if (g.x - x1 > space * 0.8f
          && !g.text.isBlank()
          && text.charAt(text.length() - 1) != ' ') {
        text.append(' ');
      }
      text.append(g.text);
      x1 = Math.max(x1, g.x + g.width);
      if (text.length() == g.text.length()) {
        x1 = g.x + g.width;
      }
      size = Math.max(size, g.size);
      if (Character.isLetter(g.text.isEmpty() ? ' ' : g.text.charAt(0))) {
        if (letters == 0) {
          firstBold = g.bold;
          inBoldStart = g.bold;
        } else if (inBoldStart && !g.bold) {
          inBoldStart = false;
          boldStartAtSeparator = SEPARATORS.contains(lastMark);
        }
        letters++;
        if (g.bold) {
          boldLetters++;
        }
      }
      if (!g.text.isBlank()) {
        lastMark = g.text.strip();
      }
    }
    if (text.length() > 0 && !text.toString().isBlank()) {
      segments.add(
          new Segment(
              x0,
              x1,
              y,
              text.toString().strip(),
              size,
              boldRun(letters, boldLetters, firstBold) || boldStartAtSeparator,
              firstBold));
    }
    segments.removeIf(s -> s.text.isBlank());
    return segments;
  }

  /**
   * Bold when most letters are, or when it starts bold and a good part is: "<b>Title</b> — Acme
   * Health Trust" is a bold title beside a plain organization.
   */
  static boolean boldRun(int letters, int boldLetters, boolean firstBold) {
    return letters > 0
        && (boldLetters * 2 > letters || (firstBold && boldLetters * 5 >= letters * 2));
  }

  /**
   * The x of a vertical channel that no segment crosses in most rows, between a fifth and four
   * fifths of the page, with text on both sides in several rows; -1 when there is none or when the
   * left side is a column of dates (a date gutter is read with its rows).
   */
  private static float columnSplit(List<List<Segment>> rows, float pageWidth) {
    if (rows.size() < 8) {
      return -1;
    }
    int width = (int) Math.ceil(pageWidth);
    int[] crossing = new int[width + 1];
    for (List<Segment> r : rows) {
      for (Segment s : r) {
        for (int x = Math.max(0, (int) s.x0); x <= Math.min(width, (int) s.x1); x++) {
          crossing[x]++;
        }
      }
    }
    int allowed = Math.max(2, rows.size() / 12);
    int bestStart = -1;
    int bestLength = 0;
    int start = -1;
    for (int x = (int) (pageWidth * 0.2); x <= (int) (pageWidth * 0.8); x++) {
      if (crossing[x] <= allowed) {
        if (start < 0) {
          start = x;
        }
        if (x - start + 1 > bestLength) {
          bestLength = x - start + 1;
          bestStart = start;
        }
      } else {
        start = -1;
      }
    }
    if (bestLength < 8) {
      return -1;
    }
    float split = bestStart + bestLength / 2f;
    int leftRows = 0;
    int rightRows = 0;
    int leftDates = 0;
    for (List<Segment> r : rows) {
      boolean hasLeft = false;
      boolean hasRight = false;
      boolean leftIsDate = true;
      for (Segment s : r) {
        if (s.x1 <= split) {
          hasLeft = true;
          leftIsDate &= isDateOnly(s.text);
        } else if (s.x0 >= split) {
          hasRight = true;
        }
      }
      if (hasLeft) {
        leftRows++;
        if (leftIsDate) {
          leftDates++;
        }
      }
      if (hasRight) {
        rightRows++;
      }
    }
    if (leftRows < 4 || rightRows < 4) {
      return -1;
    }
    if (leftDates * 2 >= leftRows) {
      return -1;
    }
    return split;
  }

  private static boolean isDateOnly(String text) {
    return DateRanges.find(text)
        .map(
            f ->
                text.substring(0, f.start()).isBlank()
                    && text.substring(f.end()).replaceAll("[\\s,.;:|]", "").isEmpty())
        .orElse(false);
  }
}
