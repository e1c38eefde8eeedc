package io.cvtailor.cv.internal.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cvtailor.cv.CvDocuments.PageSize;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PDF, read back with PDFBox. DejaVu Sans ships with the module. DejaVu Sans has no CJK glyphs,
 * so the fixture's Chinese name ({@link CvFixtures#CJK}) is not drawn and not asserted; Latin with
 * accents, Greek and Cyrillic are.
 */
class CvPdfRenderTest {
  private static final DefaultCvDocuments DOCUMENTS = new DefaultCvDocuments();
  private static byte[] a4;

  @BeforeAll
  static void render() {
    a4 = DOCUMENTS.pdf(CvFixtures.full(), PageSize.A4);
  }

  private static String text(PDDocument pdf) throws Exception {
    return Normalizer.normalize(new PDFTextStripper().getText(pdf), Normalizer.Form.NFC);
  }

  @Test
  void isAPdf() {
    assertThat(new String(a4, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void a4AndLetterHaveTheirPaperSizes() throws Exception {
    byte[] letter = DOCUMENTS.pdf(CvFixtures.full(), PageSize.LETTER);
    try (PDDocument a4Pdf = Loader.loadPDF(a4);
        PDDocument letterPdf = Loader.loadPDF(letter)) {
      PDRectangle a4Box = a4Pdf.getPage(0).getMediaBox();
      PDRectangle letterBox = letterPdf.getPage(0).getMediaBox();
      assertThat(a4Box.getWidth()).isCloseTo(595.3f, within(1f));
      assertThat(a4Box.getHeight()).isCloseTo(841.9f, within(1f));
      assertThat(letterBox.getWidth()).isCloseTo(612f, within(1f));
      assertThat(letterBox.getHeight()).isCloseTo(792f, within(1f));
    }
  }

  @Test
  void theTextIsThereWithItsAccents() throws Exception {
    try (PDDocument pdf = Loader.loadPDF(a4)) {
      String text = text(pdf);
      assertThat(text)
          .contains(CvFixtures.NAME, CvFixtures.GREEK, CvFixtures.CYRILLIC, "Tromsø")
          .contains("Open-source tool that picks HNSW parameters from a recall target")
          .contains("<script>alert('x')</script>") // printed as text, not run
          .doesNotContain("REQUIREMENT-MARKER", "EXPLANATION-MARKER");
      // a glyph DejaVu Sans lacks prints as '#': the CJK name does (see the class comment), the
      // exact matches above show accented Latin, Greek and Cyrillic do not
      assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo(CvFixtures.NAME + " — CV");
    }
  }

  @Test
  void everyFontIsEmbedded() throws Exception {
    try (PDDocument pdf = Loader.loadPDF(a4)) {
      PDPage page = pdf.getPage(0);
      PDResources resources = page.getResources();
      List<PDFont> fonts = new ArrayList<>();
      for (COSName name : resources.getFontNames()) {
        fonts.add(resources.getFont(name));
      }
      assertThat(fonts).isNotEmpty();
      assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
      assertThat(fonts).allSatisfy(font -> assertThat(font.getName()).contains("DejaVuSans"));
    }
  }

  /** Issue 12: generated PDFs were untagged (openhtmltopdf's PDF/UA mode tags them). */
  @Test
  void thePdfIsTaggedForScreenReaders() throws Exception {
    try (PDDocument pdf = Loader.loadPDF(a4)) {
      assertThat(pdf.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
      assertThat(pdf.getDocumentCatalog().getMarkInfo()).isNotNull();
      assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
      assertThat(pdf.getDocumentCatalog().getLanguage()).isNotBlank();
    }
  }

  @Test
  void aLongCvRunsOverSeveralPages() throws Exception {
    byte[] pdf = DOCUMENTS.pdf(CvFixtures.longCv(), PageSize.A4);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
      String text = text(document);
      assertThat(text).contains("Engineer 1", "Engineer 40", "1 / " + document.getNumberOfPages());
    }
  }
}
