package io.cvtailor.cv.internal.render;

import io.cvtailor.cv.Cv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CV as plain text, for application forms that take no file: the name, headline and contact
 * line, the summary, then upper-case section headings, each item as "Title — Organization" with its
 * dates on the next line and "• " highlights. Nothing is escaped: plain text has no markup.
 */
final class CvText {
  private CvText() {}

  static String render(Cv cv) {
    StringBuilder out = new StringBuilder();
    List<String> contact = new ArrayList<>();
    String pendingTitle = null;
    for (CvLines.Block block : CvLines.blocks(cv)) {
      if (block.kind() != CvLines.Kind.CONTACT && !contact.isEmpty()) {
        out.append(String.join(" · ", contact)).append("\n\n");
        contact.clear();
      }
      if (pendingTitle != null && block.kind() != CvLines.Kind.ORGANIZATION) {
        out.append(pendingTitle).append('\n');
        pendingTitle = null;
      }
      switch (block.kind()) {
        case NAME, HEADLINE -> out.append(block.text()).append('\n');
        case CONTACT -> contact.add(block.text());
        case SUMMARY -> out.append('\n').append(block.text()).append('\n');
        case HEADING -> out.append('\n').append(block.text().toUpperCase(Locale.ROOT)).append('\n');
        case TITLE -> pendingTitle = block.text();
        case ORGANIZATION -> {
          out.append(pendingTitle == null ? "" : pendingTitle + " — ").append(block.text());
          out.append('\n');
          pendingTitle = null;
        }
        case DATES -> out.append(block.text()).append('\n');
        case HIGHLIGHT -> out.append("• ").append(block.text()).append('\n');
        case SKILLS -> out.append(block.text()).append('\n');
      }
    }
    if (!contact.isEmpty()) {
      out.append(String.join(" · ", contact)).append('\n');
    }
    if (pendingTitle != null) {
      out.append(pendingTitle).append('\n');
    }
    return out.toString();
  }
}
