package io.cvtailor.cv;

/**
 * The same CV in the formats people download. HTML, PDF and DOCX are printed in a {@link CvTheme};
 * the methods without one use the CV's own theme.
 */
public interface CvDocuments {

  /** Paper size of the PDF. */
  enum PageSize {
    A4,
    LETTER
  }

  /** A complete, print-ready HTML page (well-formed XHTML). */
  String html(Cv cv, CvTheme theme);

  default String html(Cv cv) {
    return html(cv, CvTheme.of(cv));
  }

  /** A paginated PDF with embedded fonts (any Unicode name renders). */
  byte[] pdf(Cv cv, PageSize pageSize, CvTheme theme);

  default byte[] pdf(Cv cv, PageSize pageSize) {
    return pdf(cv, pageSize, CvTheme.of(cv));
  }

  /** An editable Word document: real headings, list paragraphs and named styles. */
  byte[] docx(Cv cv, CvTheme theme);

  /** Plain text (UTF-8), for pasting into application forms. */
  String text(Cv cv);

  String markdown(Cv cv);

  /** A JSON Resume (v1.0.0 schema) document as JSON text. */
  String jsonResume(Cv cv);
}
