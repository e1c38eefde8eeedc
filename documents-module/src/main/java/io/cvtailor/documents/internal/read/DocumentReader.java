package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.internal.parse.CvParser;
import io.cvtailor.documents.internal.parse.DocLine;
import io.cvtailor.documents.internal.parse.HeadingClassifier;
import io.cvtailor.documents.internal.parse.ParsedCv;
import io.cvtailor.kernel.DeadlineExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the reader from the declared media type, checked against the file's first bytes (a PDF
 * starts with {@code %PDF-}, DOCX, ODT and exports are ZIPs), and turns the document into a parsed
 * CV.
 */
public final class DocumentReader {
  public static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String ODT = "application/vnd.oasis.opendocument.text";
  public static final List<String> ACCEPTED =
      List.of("application/pdf", DOCX, ODT, "text/markdown", "text/plain", "application/zip");

  private DocumentReader() {}

  public static ParsedCv read(byte[] bytes, String mediaType, String fileName) {
    return read(bytes, mediaType, fileName, HeadingClassifier.NONE);
  }

  /** As above; headings the dictionary does not know are offered to {@code headings}. */
  public static ParsedCv read(
      byte[] bytes, String mediaType, String fileName, HeadingClassifier headings) {
    return read(bytes, mediaType, fileName, headings, null);
  }

  /**
   * As above; a PDF without a text layer is read by {@code ocr} when it is not null (the caller
   * asked for OCR): its items carry a lower confidence and the warnings say it was OCR.
   */
  public static ParsedCv read(
      byte[] bytes, String mediaType, String fileName, HeadingClassifier headings, PdfOcr ocr) {
    if (bytes.length == 0) {
      throw new DocumentRejectedException(Kind.NO_TEXT, "the document is empty");
    }
    String type = format(mediaType, fileName);
    try {
      return read(bytes, type, headings, ocr);
    } catch (DocumentRejectedException | DeadlineExceededException e) {
      throw e;
    } catch (RuntimeException e) {
      // A damaged file can trip a parser anywhere (PDFBox, POI, XML): it is the file's fault,
      // answered as such, never as a server error.
      throw new DocumentRejectedException(
          Kind.UNREADABLE, "the " + type + " file is damaged and cannot be read");
    }
  }

  private static ParsedCv read(byte[] bytes, String type, HeadingClassifier headings, PdfOcr ocr) {
    return switch (type) {
      case "pdf" -> {
        if (!startsWith(bytes, "%PDF-") && !containsEarly(bytes, "%PDF-")) {
          throw new DocumentRejectedException(
              Kind.UNREADABLE, "the file is not a PDF (no %PDF header)");
        }
        PdfText.Read pdf = PdfText.read(bytes, ocr);
        ParsedCv parsed = parse("pdf", pdf.lines(), headings);
        yield pdf.ocr() == null ? parsed : readByOcr(parsed, pdf.ocr());
      }
      case "docx" -> {
        if (!SafeZip.isZip(bytes) && !OleFile.isOle(bytes)) {
          throw new DocumentRejectedException(Kind.UNREADABLE, "the file is not a .docx document");
        }
        yield parse("docx", DocxText.read(bytes), headings);
      }
      case "odt" -> {
        if (!SafeZip.isZip(bytes) && !OleFile.isOle(bytes)) {
          throw new DocumentRejectedException(Kind.UNREADABLE, "the file is not an .odt document");
        }
        yield parse("odt", OdtText.read(bytes), headings);
      }
      case "zip" -> {
        if (!SafeZip.isZip(bytes)) {
          throw new DocumentRejectedException(Kind.UNREADABLE, "the file is not a ZIP archive");
        }
        Map<String, byte[]> csv = LinkedInExport.csvFiles(bytes);
        if (!LinkedInExport.looksLikeExport(csv)) {
          throw new DocumentRejectedException(
              Kind.UNSUPPORTED,
              "the ZIP archive is not a LinkedIn data export (no Positions.csv, Education.csv,"
                  + " Skills.csv or Profile.csv)");
        }
        yield LinkedInExport.read(csv);
      }
      case "markdown" -> parse("markdown", PlainText.read(bytes, true), headings);
      case "text" -> {
        if (startsWith(bytes, "%PDF-") || SafeZip.isZip(bytes)) {
          throw new DocumentRejectedException(
              Kind.UNREADABLE, "the file is binary, not text; send it with its own media type");
        }
        yield parse("text", PlainText.read(bytes, false), headings);
      }
      default -> throw new IllegalStateException(type);
    };
  }

  /**
   * OCR's text is a guess at the letters: every item's confidence is lowered (at most 0.6 of what
   * the layout alone would give, less when tesseract was unsure of the words) and the first warning
   * says the document was read by OCR.
   */
  static ParsedCv readByOcr(ParsedCv parsed, PdfOcr.Result ocr) {
    double factor = Math.min(0.6, ocr.meanConfidence() / 100);
    List<ProposedItem> items = new ArrayList<>();
    for (ProposedItem i : parsed.items()) {
      double confidence = i.confidence() == null ? 0.5 : i.confidence();
      items.add(
          new ProposedItem(
              i.title(),
              i.artifactType(),
              i.organization(),
              i.startedOn(),
              i.endedOn(),
              i.description(),
              i.content(),
              i.tags(),
              i.sourceText(),
              Math.round(confidence * factor * 100) / 100.0));
    }
    List<String> warnings = new ArrayList<>();
    warnings.add(
        String.format(
            Locale.ROOT,
            "the PDF has no text layer and was read by OCR (tesseract, %d page%s, mean word"
                + " confidence %.0f%%): letters, dates and names may be misread; check every"
                + " entry against the document",
            ocr.pages(),
            ocr.pages() == 1 ? "" : "s",
            ocr.meanConfidence()));
    warnings.addAll(parsed.warnings());
    return new ParsedCv(parsed.format(), parsed.profile(), items, warnings, parsed.text());
  }

  private static ParsedCv parse(String format, List<DocLine> lines, HeadingClassifier headings) {
    if (lines.stream().allMatch(l -> l.text().isBlank())) {
      throw new DocumentRejectedException(Kind.NO_TEXT, "the document has no text");
    }
    return CvParser.parse(format, lines, headings);
  }

  /** The format from the media type, or from the file name for generic types. */
  static String format(String mediaType, String fileName) {
    String type = mediaType == null ? "" : mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (type.isEmpty() || type.equals("application/octet-stream")) {
      if (name.endsWith(".pdf")) {
        return "pdf";
      }
      if (name.endsWith(".docx")) {
        return "docx";
      }
      if (name.endsWith(".odt")) {
        return "odt";
      }
      if (name.endsWith(".md") || name.endsWith(".markdown")) {
        return "markdown";
      }
      if (name.endsWith(".txt")) {
        return "text";
      }
      if (name.endsWith(".zip")) {
        return "zip";
      }
    }
    return switch (type) {
      case "application/pdf" -> "pdf";
      case DOCX -> "docx";
      case ODT -> "odt";
      case "text/markdown", "text/x-markdown" -> "markdown";
      case "text/plain" -> name.endsWith(".md") || name.endsWith(".markdown") ? "markdown" : "text";
      case "application/zip", "application/x-zip-compressed" -> "zip";
      default ->
          throw new DocumentRejectedException(
              Kind.UNSUPPORTED,
              "documents of type "
                  + (type.isEmpty() ? "(none)" : type)
                  + " are not read; send one of "
                  + String.join(", ", ACCEPTED));
    };
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    if (bytes.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** PDF readers accept up to 1 KB of junk before the header. */
  private static boolean containsEarly(byte[] bytes, String marker) {
    int limit = Math.min(bytes.length - marker.length(), 1024);
    for (int i = 0; i <= limit; i++) {
      boolean match = true;
      for (int j = 0; j < marker.length() && match; j++) {
        match = bytes[i + j] == marker.charAt(j);
      }
      if (match) {
        return true;
      }
    }
    return false;
  }
}
