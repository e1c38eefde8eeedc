package io.cvtailor.cv;

/** The same CV in the four formats people download. */
public interface CvDocuments {

  /** Paper size of the PDF. */
  enum PageSize {
    A4,
    LETTER
  }

  /** A complete, print-ready HTML page (well-formed XHTML). */
  String html(Cv cv);

  /** A paginated PDF with embedded fonts (any Unicode name renders). */
  byte[] pdf(Cv cv, PageSize pageSize);

  String markdown(Cv cv);

  /** A JSON Resume (v1.0.0 schema) document as JSON text. */
  String jsonResume(Cv cv);
}
