package io.cvtailor.cv.internal.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments.PageSize;
import io.cvtailor.cv.CvTheme;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.helper.W3CDom;

/**
 * The HTML CV as a PDF (openhtmltopdf on PDFBox), with DejaVu Sans embedded as a subset so accented
 * Latin, Greek and Cyrillic names render. DejaVu Sans has no CJK glyphs: such characters are not
 * drawn.
 */
final class CvPdf {
  /** Where Debian's fonts-dejavu-core package puts the fonts. */
  static final Path DEBIAN_DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu");

  static final String REGULAR = "DejaVuSans.ttf";
  static final String BOLD = "DejaVuSans-Bold.ttf";

  private final Path fontDirectory;

  CvPdf(Path fontDirectory) {
    this.fontDirectory = fontDirectory;
  }

  byte[] render(Cv cv, PageSize pageSize, CvTheme theme) {
    Path regular = fontDirectory.resolve(REGULAR);
    Path bold = fontDirectory.resolve(BOLD);
    if (!Files.isReadable(regular) || !Files.isReadable(bold)) {
      // without an embedded font accented letters would print as '#': refuse instead
      throw new IllegalStateException(
          "The PDF font DejaVu Sans is missing (need "
              + regular
              + " and "
              + bold
              + "): install Debian's fonts-dejavu-core package (apt-get install -y"
              + " fonts-dejavu-core)");
    }
    org.w3c.dom.Document dom = new W3CDom().fromJsoup(CvHtml.document(cv, pageSize, theme));
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFont(regular.toFile(), CvHtml.FONT_FAMILY, 400, FontStyle.NORMAL, true);
    builder.useFont(bold.toFile(), CvHtml.FONT_FAMILY, 700, FontStyle.NORMAL, true);
    if (pageSize == PageSize.LETTER) {
      builder.useDefaultPageSize(8.5f, 11f, PageSizeUnits.INCHES);
    } else {
      builder.useDefaultPageSize(210f, 297f, PageSizeUnits.MM);
    }
    builder.withProducer("cvtailor");
    // Tagged PDF (PDF/UA): headings, lists and reading order reach screen readers (issue 12).
    builder.usePdfUaAccessibility(true);
    builder.withW3cDocument(dom, "about:blank");
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not render the CV as PDF", e);
    }
    return out.toByteArray();
  }
}
