package io.cvtailor.cv.internal.render;

import static io.cvtailor.cv.internal.render.CvParts.basics;
import static io.cvtailor.cv.internal.render.CvParts.line;
import static io.cvtailor.cv.internal.render.CvParts.list;
import static io.cvtailor.cv.internal.render.CvParts.present;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments.PageSize;
import io.cvtailor.cv.CvTheme;
import io.cvtailor.kernel.text.Lines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
   * order): {@code theme-<name>.css} beside this class, none for the classic theme.
   */
  static String themeCss(CvTheme theme) {
    return switch (theme) {
      case CLASSIC -> "";
      case MODERN -> MODERN_CSS;
      case COMPACT -> COMPACT_CSS;
    };
  }

  /** Print styles ({@code cv.css} beside this class) for the page size. */
  private static String css(PageSize pageSize) {
    return pageSize == PageSize.LETTER ? PRINT_CSS.replace(A4, "size: letter;") : PRINT_CSS;
  }

  private static final String A4 = "size: A4;";
  private static final String PRINT_CSS = stylesheet("cv.css");
  private static final String MODERN_CSS = stylesheet("theme-modern.css");
  private static final String COMPACT_CSS = stylesheet("theme-compact.css");

  static {
    if (!PRINT_CSS.contains(A4) || !PRINT_CSS.contains("'" + FONT_FAMILY + "'")) {
      throw new IllegalStateException("cv.css must set 'size: A4;' and the family " + FONT_FAMILY);
    }
  }

  /** A style sheet of the class path, without its leading comment (which is for its readers). */
  private static String stylesheet(String name) {
    try (InputStream in = CvHtml.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing style sheet " + name);
      }
      String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (css.startsWith("/*")) {
        css = css.substring(css.indexOf("*/") + 2).stripLeading();
      }
      return css;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
