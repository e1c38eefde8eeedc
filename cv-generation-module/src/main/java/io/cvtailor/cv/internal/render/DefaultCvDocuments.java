package io.cvtailor.cv.internal.render;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments;
import io.cvtailor.cv.CvTheme;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * The formats of a CV. HTML is the source of the PDF; none of them prints the requirement coverage
 * or relevance scores. Stateless and thread-safe.
 */
@ApplicationScoped
public class DefaultCvDocuments implements CvDocuments {
  @Override
  public String html(Cv cv, CvTheme theme) {
    return CvHtml.xhtml(
        Objects.requireNonNull(cv, "cv").printable(), PageSize.A4, themeOf(cv, theme));
  }

  @Override
  public byte[] pdf(Cv cv, PageSize pageSize, CvTheme theme) {
    return CvPdf.render(
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
