package io.cvtailor.cv.internal.render;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments;
import io.cvtailor.cv.CvTheme;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The formats of a CV. HTML is the source of the PDF; none of them prints the requirement coverage
 * or relevance scores. Stateless and thread-safe.
 */
@ApplicationScoped
public class DefaultCvDocuments implements CvDocuments {
  private final CvPdf pdf;

  /** Uses DejaVu Sans from Debian's fonts-dejavu-core for the PDF. */
  public DefaultCvDocuments() {
    this(CvPdf.DEBIAN_DEJAVU);
  }

  /** Reads DejaVuSans.ttf and DejaVuSans-Bold.ttf from the given directory. */
  DefaultCvDocuments(Path fontDirectory) {
    this.pdf = new CvPdf(fontDirectory);
  }

  @Override
  public String html(Cv cv, CvTheme theme) {
    return CvHtml.xhtml(
        Objects.requireNonNull(cv, "cv").printable(), PageSize.A4, themeOf(cv, theme));
  }

  @Override
  public byte[] pdf(Cv cv, PageSize pageSize, CvTheme theme) {
    return pdf.render(
        Objects.requireNonNull(cv, "cv").printable(),
        pageSize == null ? PageSize.A4 : pageSize,
        themeOf(cv, theme));
  }

  @Override
  public byte[] docx(Cv cv, CvTheme theme) {
    return CvDocx.render(Objects.requireNonNull(cv, "cv").printable(), themeOf(cv, theme));
  }

  @Override
  public String text(Cv cv) {
    return CvText.render(Objects.requireNonNull(cv, "cv").printable());
  }

  private static CvTheme themeOf(Cv cv, CvTheme theme) {
    return theme == null ? CvTheme.of(cv) : theme;
  }

  @Override
  public String markdown(Cv cv) {
    return CvMarkdown.render(Objects.requireNonNull(cv, "cv").printable());
  }

  @Override
  public String jsonResume(Cv cv) {
    return CvJsonResume.render(Objects.requireNonNull(cv, "cv").printable());
  }
}
