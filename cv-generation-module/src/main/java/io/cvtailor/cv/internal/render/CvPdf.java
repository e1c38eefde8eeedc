package io.cvtailor.cv.internal.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments.PageSize;
import io.cvtailor.cv.CvTheme;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jsoup.helper.W3CDom;

/**
 * The HTML CV as a PDF (openhtmltopdf on PDFBox), with DejaVu Sans embedded as a subset so accented
 * Latin, Greek and Cyrillic names render. DejaVu Sans has no CJK glyphs: such characters are not
 * drawn. The fonts ship in the WAR ({@code fonts/} beside this class, with their licence, the
 * Bitstream Vera licence, which allows redistributing them with software), so the PDF looks the
 * same on every machine and needs no system package.
 */
final class CvPdf {
  static final String REGULAR = "fonts/DejaVuSans.ttf";
  static final String BOLD = "fonts/DejaVuSans-Bold.ttf";

  // Read once (1.4 MB): every PDF embeds a subset of them.
  private static final byte[] REGULAR_FONT = font(REGULAR);
  private static final byte[] BOLD_FONT = font(BOLD);

  private CvPdf() {}

  static byte[] render(Cv cv, PageSize pageSize, CvTheme theme) {
    org.w3c.dom.Document dom = new W3CDom().fromJsoup(CvHtml.document(cv, pageSize, theme));
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFont(
        () -> new ByteArrayInputStream(REGULAR_FONT),
        CvHtml.FONT_FAMILY,
        400,
        FontStyle.NORMAL,
        true);
    builder.useFont(
        () -> new ByteArrayInputStream(BOLD_FONT), CvHtml.FONT_FAMILY, 700, FontStyle.NORMAL, true);
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

  private static byte[] font(String name) {
    try (InputStream in = CvPdf.class.getResourceAsStream(name)) {
      if (in == null) {
        // without an embedded font accented letters would print as '#': refuse instead
        throw new IllegalStateException("The PDF font " + name + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
