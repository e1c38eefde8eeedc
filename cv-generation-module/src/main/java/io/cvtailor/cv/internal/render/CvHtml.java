package io.cvtailor.cv.internal.render;

import static io.cvtailor.cv.internal.render.CvParts.basics;
import static io.cvtailor.cv.internal.render.CvParts.line;
import static io.cvtailor.cv.internal.render.CvParts.list;
import static io.cvtailor.cv.internal.render.CvParts.present;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments.PageSize;
import io.cvtailor.cv.CvTheme;
import io.cvtailor.kernel.text.Lines;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * The printed CV as a jsoup document: header (name, headline, contact line, links), summary, then
 * the sections in the CV's order. Requirement coverage and relevance are not printed. Text is only
 * ever set with {@link Element#text(String)}, so it is escaped on output.
 */
final class CvHtml {
  /** The family the PDF renderer registers DejaVu Sans under; browsers fall back to their own. */
  static final String FONT_FAMILY = "DejaVu Sans";

  private static final String SEPARATOR = " · ";

  private CvHtml() {}

  /** The document as well-formed XHTML text. */
  static String xhtml(Cv cv, PageSize pageSize) {
    return xhtml(cv, pageSize, CvTheme.of(cv));
  }

  static String xhtml(Cv cv, PageSize pageSize, CvTheme theme) {
    return document(cv, pageSize, theme).outerHtml();
  }

  static Document document(Cv cv, PageSize pageSize) {
    return document(cv, pageSize, CvTheme.of(cv));
  }

  static Document document(Cv cv, PageSize pageSize, CvTheme theme) {
    Document doc = Document.createShell("");
    doc.outputSettings()
        .syntax(Document.OutputSettings.Syntax.xml)
        .escapeMode(Entities.EscapeMode.xhtml)
        .charset(StandardCharsets.UTF_8)
        .prettyPrint(true);
    doc.prependChild(new DocumentType("html", "", ""));
    Element html = doc.selectFirst("html");
    html.attr("xmlns", "http://www.w3.org/1999/xhtml").attr("lang", "en");

    Cv.Basics basics = basics(cv);
    String name = line(basics.name());
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "UTF-8");
    head.appendElement("title").text(name == null ? "CV" : name + " — CV");
    // The tagged PDF's description (PDF/UA asks for one).
    String description = name == null ? "Curriculum vitae" : "Curriculum vitae of " + name;
    head.appendElement("meta").attr("name", "description").attr("content", description);
    head.appendElement("meta").attr("name", "subject").attr("content", description);
    head.appendElement("style").appendChild(new DataNode(css(pageSize) + themeCss(theme)));
    doc.body().addClass("theme-" + theme.value());

    Element body = doc.body();
    Element header = body.appendElement("header");
    if (name != null) {
      header.appendElement("h1").text(name);
    }
    if (present(basics.headline())) {
      header.appendElement("p").addClass("headline").text(line(basics.headline()));
    }
    contact(header, basics);

    if (present(basics.summary())) {
      Element summary = body.appendElement("section").addClass("summary");
      for (String paragraph : Lines.paragraphs(basics.summary())) {
        summary.appendElement("p").text(line(paragraph));
      }
    }

    boolean skillsPrinted = false;
    for (Cv.Section section : list(cv.sections())) {
      if (CvParts.isSkills(section)) {
        if (!skillsPrinted) {
          skills(body, cv);
          skillsPrinted = true;
        }
      } else if (!list(section.items()).isEmpty()) {
        section(body, section);
      }
    }
    if (!skillsPrinted) {
      skills(body, cv);
    }
    return doc;
  }

  private static void contact(Element header, Cv.Basics basics) {
    Element contact = new Element("p").addClass("contact");
    if (present(basics.email())) {
      String email = line(basics.email());
      String href = CvParts.safeUrl("mailto:" + email);
      piece(contact, email, href);
    }
    if (present(basics.phone())) {
      piece(contact, line(basics.phone()), null);
    }
    if (present(basics.location())) {
      piece(contact, line(basics.location()), null);
    }
    for (Cv.Link link : list(basics.links())) {
      String text = CvParts.linkText(link);
      if (text != null) {
        piece(contact, text, CvParts.safeUrl(link.url()));
      }
    }
    if (contact.childNodeSize() > 0) {
      header.appendChild(contact);
    }
  }

  private static void piece(Element contact, String text, String href) {
    if (contact.childNodeSize() > 0) {
      contact.appendText(SEPARATOR);
    }
    if (href != null) {
      contact.appendElement("a").attr("href", href).attr("title", text).text(text);
    } else {
      contact.appendElement("span").text(text);
    }
  }

  private static void section(Element body, Cv.Section section) {
    Element element = body.appendElement("section").addClass("cv-section");
    element.appendElement("h2").text(CvParts.heading(section));
    for (Cv.Item item : list(section.items())) {
      Element div = element.appendElement("div").addClass("item");
      Element head = div.appendElement("div").addClass("item-head");
      // Title, organization, dates in this order in the document, whatever the theme shows: a
      // PDF reader or an applicant-tracking system reads them in that order.
      String title = line(item.title());
      String url = CvParts.safeUrl(item.url());
      if (title != null) {
        Element titleElement = head.appendElement("span").addClass("title");
        if (url != null) {
          titleElement.appendElement("a").attr("href", url).attr("title", title).text(title);
        } else {
          titleElement.text(title);
        }
      }
      if (present(item.organization())) {
        head.appendElement("span").addClass("org").text(line(item.organization()));
      }
      String dates = CvParts.dates(item);
      if (dates != null) {
        head.appendElement("span").addClass("dates").text(dates);
      }
      List<String> highlights = CvParts.texts(item.highlights());
      if (!highlights.isEmpty()) {
        Element ul = div.appendElement("ul");
        highlights.forEach(h -> ul.appendElement("li").text(line(h)));
      }
    }
  }

  private static void skills(Element body, Cv cv) {
    List<String> skills = CvParts.skills(cv);
    if (skills.isEmpty()) {
      return;
    }
    Element section = body.appendElement("section").addClass("cv-section");
    section.appendElement("h2").text("Skills");
    section.appendElement("p").addClass("skills").text(String.join(", ", skills));
  }

  /**
   * What a theme changes on top of the classic print styles (same structure, single column, real
   * headings and lists in every theme, so a reader or an applicant-tracking system sees the same
   * order).
   */
  static String themeCss(CvTheme theme) {
    return switch (theme) {
      case CLASSIC -> "";
      case MODERN ->
          """
          header { border-bottom: none; background: #13293d; color: #ffffff; padding: 10pt 12pt; }
          h1 { color: #ffffff; font-size: 22pt; }
          .headline { color: #9cc7e8; }
          .contact, .contact a { color: #e6eef5; }
          .contact a { text-decoration: underline; }
          h2 {
            text-transform: none;
            letter-spacing: 0;
            font-size: 12pt;
            color: #0f766e;
            border-bottom: none;
            border-left: 3pt solid #0f766e;
            padding-left: 5pt;
          }
          .org { color: #0f766e; }
          .item { margin-bottom: 9pt; }
          """;
      case COMPACT ->
          """
          body { font-size: 8.5pt; line-height: 1.25; }
          header { padding-bottom: 3pt; margin-bottom: 4pt; border-bottom-width: 0.8pt; }
          h1 { font-size: 15pt; }
          .headline { font-size: 9.5pt; margin: 1pt 0 2pt 0; }
          h2 { font-size: 9pt; margin: 6pt 0 2pt 0; }
          .item { margin-bottom: 3pt; }
          .dates { display: inline; font-size: 8pt; }
          .dates::before { content: " · "; color: #888888; }
          ul { margin-top: 1pt; padding-left: 10pt; }
          li { margin-bottom: 0.5pt; }
          """;
    };
  }

  /** Print styles; no '<' or '&' so the style text stays plain in XHTML. */
  private static String css(PageSize pageSize) {
    String size = pageSize == PageSize.LETTER ? "letter" : "A4";
    String font = "'" + FONT_FAMILY + "', 'Helvetica Neue', Arial, sans-serif";
    return """
        @page {
          size: %s;
          margin: 16mm 16mm 18mm 16mm;
          @bottom-right {
            content: counter(page) " / " counter(pages);
            font-family: %s;
            font-size: 7.5pt;
            color: #8a8a8a;
          }
        }
        html, body { margin: 0; padding: 0; }
        body {
          font-family: %s;
          font-size: 9.5pt;
          line-height: 1.4;
          color: #222222;
        }
        @media screen {
          body { max-width: 178mm; margin: 12mm auto; padding: 0 8mm; }
        }
        a { color: #24557a; text-decoration: underline; }
        header { border-bottom: 1.2pt solid #24557a; padding-bottom: 6pt; margin-bottom: 8pt; }
        h1 { font-size: 20pt; line-height: 1.15; margin: 0; color: #13293d; font-weight: bold; }
        .headline { font-size: 11pt; margin: 3pt 0 4pt 0; color: #24557a; }
        .contact { font-size: 8.5pt; margin: 0; color: #444444; }
        .summary p { margin: 0 0 5pt 0; }
        h2 {
          font-size: 10.5pt;
          font-weight: bold;
          text-transform: uppercase;
          letter-spacing: 0.5pt;
          color: #24557a;
          border-bottom: 0.5pt solid #c3ceda;
          padding-bottom: 1pt;
          margin: 11pt 0 5pt 0;
          page-break-after: avoid;
        }
        .item { margin: 0 0 7pt 0; page-break-inside: avoid; }
        .item-head { margin: 0; }
        .title { font-weight: bold; }
        .title a { color: #222222; text-decoration: underline; }
        .org { color: #444444; }
        .title + .org::before { content: " — "; color: #888888; }
        .dates { display: block; color: #555555; font-size: 8.5pt; }
        ul { margin: 2pt 0 0 0; padding-left: 13pt; }
        li { margin: 0 0 1.5pt 0; }
        .skills { margin: 0; }
        """
        .formatted(size, font, font);
  }
}
