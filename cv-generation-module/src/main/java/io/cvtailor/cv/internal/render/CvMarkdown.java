package io.cvtailor.cv.internal.render;

import static io.cvtailor.cv.internal.render.CvParts.basics;
import static io.cvtailor.cv.internal.render.CvParts.line;
import static io.cvtailor.cv.internal.render.CvParts.list;
import static io.cvtailor.cv.internal.render.CvParts.present;

import io.cvtailor.cv.Cv;
import io.cvtailor.kernel.text.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CV as Markdown: {@code # Name}, headline, contact line, {@code ## Section}, {@code ### Title
 * — Organization (dates)}, {@code - highlight} bullets and a skills line. User text is escaped so
 * it cannot turn into headings, emphasis, links, lists or HTML.
 */
final class CvMarkdown {
  private static final Pattern INLINE = Pattern.compile("([\\\\`*_\\[\\]<>])");
  private static final Pattern BLOCK_MARK = Pattern.compile("^([#+\\-=])(?=[\\s#+\\-=]|$)");
  private static final Pattern ORDERED = Pattern.compile("^(\\d+)([.)])");

  private CvMarkdown() {}

  static String render(Cv cv) {
    Cv.Basics basics = basics(cv);
    StringBuilder md = new StringBuilder();
    String name = line(basics.name());
    md.append("# ").append(name == null ? "CV" : escape(name)).append("\n\n");
    if (present(basics.headline())) {
      md.append("**").append(escape(line(basics.headline()))).append("**\n\n");
    }
    List<String> contact = new ArrayList<>();
    if (present(basics.email())) {
      contact.add(escape(line(basics.email())));
    }
    if (present(basics.phone())) {
      contact.add(escape(line(basics.phone())));
    }
    if (present(basics.location())) {
      contact.add(escape(line(basics.location())));
    }
    for (Cv.Link link : list(basics.links())) {
      String text = CvParts.linkText(link);
      String url = CvParts.safeUrl(link.url());
      if (text != null) {
        contact.add(url == null ? escape(text) : "[" + escape(text) + "](" + target(url) + ")");
      }
    }
    if (!contact.isEmpty()) {
      md.append(String.join(" · ", contact)).append("\n\n");
    }
    if (present(basics.summary())) {
      for (String paragraph : Lines.paragraphs(basics.summary())) {
        md.append(escape(line(paragraph))).append("\n\n");
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
    return md.toString().stripTrailing() + "\n";
  }

  private static void section(StringBuilder md, Cv.Section section) {
    md.append("## ").append(escape(CvParts.heading(section))).append("\n\n");
    for (Cv.Item item : list(section.items())) {
      StringBuilder heading = new StringBuilder();
      String title = line(item.title());
      String url = CvParts.safeUrl(item.url());
      if (title != null) {
        heading.append(
            url == null ? escape(title) : "[" + escape(title) + "](" + target(url) + ")");
      }
      if (present(item.organization())) {
        heading.append(heading.isEmpty() ? "" : " — ").append(escape(line(item.organization())));
      }
      String dates = CvParts.dates(item);
      if (dates != null) {
        heading.append(heading.isEmpty() ? "" : " ").append("(").append(escape(dates)).append(")");
      }
      md.append("### ").append(heading).append("\n\n");
      List<String> highlights = CvParts.texts(item.highlights());
      for (String highlight : highlights) {
        md.append("- ").append(escape(line(highlight))).append("\n");
      }
      if (!highlights.isEmpty()) {
        md.append("\n");
      }
    }
  }

  private static void skills(StringBuilder md, Cv cv) {
    List<String> skills = CvParts.skills(cv);
    if (!skills.isEmpty()) {
      md.append("## Skills\n\n");
      md.append(String.join(", ", skills.stream().map(CvMarkdown::escapeInline).toList()));
      md.append("\n\n");
    }
  }

  /** One line of user text: inline markup escaped, and what would start a block at its start. */
  static String escape(String text) {
    String escaped = BLOCK_MARK.matcher(escapeInline(text)).replaceFirst("\\\\$1");
    return ORDERED.matcher(escaped).replaceFirst("$1\\\\$2");
  }

  private static String escapeInline(String text) {
    return INLINE.matcher(text).replaceAll("\\\\$1");
  }

  /** A link target Markdown reads to its end: no spaces, parentheses or angle brackets. */
  private static String target(String url) {
    return url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E");
  }
}
