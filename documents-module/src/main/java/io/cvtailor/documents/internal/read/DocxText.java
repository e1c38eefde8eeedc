package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.internal.parse.DocLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A Word document's paragraphs in order, with heading styles, list numbering, bold runs and font
 * sizes; headers first (contact lines often live there). A table row is read across: the first
 * paragraph of each cell joined by tabs (a date cell beside a title cell stays one line), then the
 * cells' other paragraphs.
 */
public final class DocxText {
  private DocxText() {}

  public static List<DocLine> read(byte[] bytes) {
    if (OleFile.isOle(bytes)) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE,
          "the file is encrypted with a password or is an old Word 97-2003 .doc; save it as .docx"
              + " without a password and upload that");
    }
    SafeZip.entries(bytes, name -> false);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      List<Double> sizes = new ArrayList<>();
      List<Raw> raws = new ArrayList<>();
      for (XWPFHeader header : doc.getHeaderList()) {
        for (XWPFParagraph p : header.getParagraphs()) {
          raws.add(raw(doc, p));
        }
      }
      for (IBodyElement element : doc.getBodyElements()) {
        if (element instanceof XWPFParagraph p) {
          raws.add(raw(doc, p));
        } else if (element instanceof XWPFTable table) {
          table(doc, table, raws);
        }
      }
      for (Raw r : raws) {
        if (r.size > 0 && !r.text.isBlank()) {
          sizes.add(r.size);
        }
      }
      sizes.sort(Double::compare);
      double body = sizes.isEmpty() ? 0 : sizes.get(sizes.size() / 2);
      List<DocLine> lines = new ArrayList<>();
      boolean gap = false;
      for (Raw r : raws) {
        if (r.text.isBlank()) {
          gap = true;
          continue;
        }
        for (String part : r.text.split("\\R")) {
          if (!part.isBlank()) {
            lines.add(
                new DocLine(
                    part, r.bold, body > 0 && r.size >= body * 1.15, r.level, r.bullet, gap));
            gap = false;
          }
        }
      }
      return lines;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DocumentRejectedException rejected) {
        throw rejected;
      }
      throw new DocumentRejectedException(
          Kind.UNREADABLE, "the Word document is damaged or not a .docx file: " + e.getMessage());
    }
  }

  private record Raw(String text, boolean bold, double size, int level, boolean bullet) {}

  private static void table(XWPFDocument doc, XWPFTable table, List<Raw> raws) {
    for (XWPFTableRow row : table.getRows()) {
      List<List<XWPFParagraph>> cells = new ArrayList<>();
      for (XWPFTableCell cell : row.getTableCells()) {
        List<XWPFParagraph> paragraphs =
            cell.getParagraphs().stream().filter(p -> !p.getText().isBlank()).toList();
        if (!paragraphs.isEmpty()) {
          cells.add(paragraphs);
        }
      }
      if (cells.isEmpty()) {
        continue;
      }
      StringBuilder first = new StringBuilder();
      boolean bold = false;
      double size = 0;
      int level = 0;
      for (List<XWPFParagraph> cell : cells) {
        Raw r = raw(doc, cell.get(0));
        if (first.length() > 0) {
          first.append('\t');
        }
        first.append(r.text);
        bold |= r.bold;
        size = Math.max(size, r.size);
        level = Math.max(level, r.level);
      }
      raws.add(new Raw(first.toString(), bold, size, level, false));
      for (List<XWPFParagraph> cell : cells) {
        for (int i = 1; i < cell.size(); i++) {
          raws.add(raw(doc, cell.get(i)));
        }
      }
    }
  }

  private static Raw raw(XWPFDocument doc, XWPFParagraph p) {
    String text = p.getText();
    int level = headingLevel(doc, p);
    boolean bullet = p.getNumID() != null;
    boolean bold = true;
    boolean anyLetters = false;
    double size = 0;
    for (XWPFRun run : p.getRuns()) {
      String t = run.text();
      if (t == null || t.isBlank()) {
        continue;
      }
      if (t.chars().anyMatch(Character::isLetter)) {
        anyLetters = true;
        bold &= run.isBold();
      }
      Double s = run.getFontSizeAsDouble();
      if (s != null) {
        size = Math.max(size, s);
      }
    }
    return new Raw(text, anyLetters && bold, size, level, bullet);
  }

  static int headingLevel(XWPFDocument doc, XWPFParagraph p) {
    String styleId = p.getStyleID();
    if (styleId == null) {
      return 0;
    }
    String name = styleId;
    XWPFStyle style = doc.getStyles() == null ? null : doc.getStyles().getStyle(styleId);
    if (style != null && style.getName() != null) {
      name = style.getName();
    }
    String lower = name.toLowerCase(Locale.ROOT).replace(" ", "");
    if (lower.equals("title")) {
      return 1;
    }
    if (lower.startsWith("heading") && lower.length() > 7 && Character.isDigit(lower.charAt(7))) {
      return Math.min(6, lower.charAt(7) - '0');
    }
    if (lower.contains("listparagraph") || lower.contains("listbullet")) {
      return 0;
    }
    return 0;
  }
}
