package io.cvtailor.cv.internal.render;

import static io.cvtailor.cv.internal.render.CvParts.basics;
import static io.cvtailor.cv.internal.render.CvParts.line;
import static io.cvtailor.cv.internal.render.CvParts.list;
import static io.cvtailor.cv.internal.render.CvParts.present;

import io.cvtailor.cv.Cv;
import io.cvtailor.kernel.text.Lines;
import java.util.List;
import org.commonmark.node.BulletList;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * The CV as Markdown: {@code # Name}, headline, contact line, {@code ## Section}, {@code ### Title
 * — Organization (dates)}, {@code - highlight} bullets and a skills line. The CV is built as a
 * CommonMark document and written by CommonMark's own renderer, so user text is only ever a text
 * node: the renderer escapes what would turn it into headings, emphasis, links, lists or HTML.
 */
final class CvMarkdown {
  private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder().build();

  private CvMarkdown() {}

  static String render(Cv cv) {
    Cv.Basics basics = basics(cv);
    Document md = new Document();
    String name = line(basics.name());
    md.appendChild(heading(1, text(name == null ? "CV" : name)));
    if (present(basics.headline())) {
      StrongEmphasis strong = new StrongEmphasis("**");
      strong.appendChild(text(line(basics.headline())));
      md.appendChild(paragraph(strong));
    }
    Paragraph contact = new Paragraph();
    if (present(basics.email())) {
      contactPiece(contact, text(line(basics.email())));
    }
    if (present(basics.phone())) {
      contactPiece(contact, text(line(basics.phone())));
    }
    if (present(basics.location())) {
      contactPiece(contact, text(line(basics.location())));
    }
    for (Cv.Link link : list(basics.links())) {
      String text = CvParts.linkText(link);
      if (text != null) {
        contactPiece(contact, linkOrText(text, CvParts.safeUrl(link.url())));
      }
    }
    if (contact.getFirstChild() != null) {
      md.appendChild(contact);
    }
    if (present(basics.summary())) {
      for (String paragraph : Lines.paragraphs(basics.summary())) {
        md.appendChild(paragraph(text(line(paragraph))));
      }
    }

    boolean skillsPrinted = false;
    for (Cv.Section section : list(cv.sections())) {
      if (CvParts.isSkills(section)) {
        if (!skillsPrinted) {
          skills(md, cv);
          skillsPrinted = true;
        }
      } else if (!list(section.items()).isEmpty()) {
        section(md, section);
      }
    }
    if (!skillsPrinted) {
      skills(md, cv);
    }
    return RENDERER.render(md).stripTrailing() + "\n";
  }

  private static void section(Document md, Cv.Section section) {
    md.appendChild(heading(2, text(CvParts.heading(section))));
    for (Cv.Item item : list(section.items())) {
      Heading heading = new Heading();
      heading.setLevel(3);
      String title = line(item.title());
      if (title != null) {
        heading.appendChild(linkOrText(title, CvParts.safeUrl(item.url())));
      }
      if (present(item.organization())) {
        String org = line(item.organization());
        heading.appendChild(text(heading.getFirstChild() == null ? org : " — " + org));
      }
      String dates = CvParts.dates(item);
      if (dates != null) {
        String inBrackets = "(" + dates + ")";
        heading.appendChild(text(heading.getFirstChild() == null ? inBrackets : " " + inBrackets));
      }
      md.appendChild(heading);
      List<String> highlights = CvParts.texts(item.highlights());
      if (!highlights.isEmpty()) {
        BulletList bullets = new BulletList();
        bullets.setTight(true);
        for (String highlight : highlights) {
          ListItem bullet = new ListItem();
          bullet.appendChild(paragraph(text(line(highlight))));
          bullets.appendChild(bullet);
        }
        md.appendChild(bullets);
      }
    }
  }

  private static void skills(Document md, Cv cv) {
    List<String> skills = CvParts.skills(cv);
    if (!skills.isEmpty()) {
      md.appendChild(heading(2, text("Skills")));
      md.appendChild(paragraph(text(String.join(", ", skills))));
    }
  }

  /** One line of user text as Markdown (a paragraph of it, as the renderer escapes it). */
  static String escape(String text) {
    Document md = new Document();
    md.appendChild(paragraph(text(text)));
    return RENDERER.render(md).strip();
  }

  private static void contactPiece(Paragraph contact, Node piece) {
    if (contact.getFirstChild() != null) {
      contact.appendChild(text(" · "));
    }
    contact.appendChild(piece);
  }

  private static Node linkOrText(String text, String url) {
    if (url == null) {
      return text(text);
    }
    Link link = new Link(target(url), null);
    link.appendChild(text(text));
    return link;
  }

  private static Text text(String literal) {
    return new Text(literal);
  }

  private static Heading heading(int level, Node content) {
    Heading heading = new Heading();
    heading.setLevel(level);
    heading.appendChild(content);
    return heading;
  }

  private static Paragraph paragraph(Node content) {
    Paragraph paragraph = new Paragraph();
    paragraph.appendChild(content);
    return paragraph;
  }

  /**
   * A link target Markdown reads to its end without angle brackets (the renderer would wrap one
   * with spaces or parentheses in {@code <…>}): those characters percent-encoded.
   */
  private static String target(String url) {
    return url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E");
  }
}
