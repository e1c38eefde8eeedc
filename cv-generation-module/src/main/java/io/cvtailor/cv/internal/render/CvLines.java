package io.cvtailor.cv.internal.render;

import static io.cvtailor.cv.internal.render.CvParts.basics;
import static io.cvtailor.cv.internal.render.CvParts.line;
import static io.cvtailor.cv.internal.render.CvParts.list;
import static io.cvtailor.cv.internal.render.CvParts.present;

import io.cvtailor.cv.Cv;
import io.cvtailor.kernel.text.Lines;
import java.util.ArrayList;
import java.util.List;

/**
 * The CV as the blocks every printed format shows, in reading order: name, headline, contact,
 * summary paragraphs, then per section its heading and per item its title, organization, dates and
 * highlights, and the skills. Plain text and DOCX are written from these blocks, and the read-back
 * tests check that PDF and DOCX show each of them, in this order.
 */
final class CvLines {
  private CvLines() {}

  /** What a block is, so a format can style it. */
  enum Kind {
    NAME,
    HEADLINE,
    CONTACT,
    SUMMARY,
    HEADING,
    TITLE,
    ORGANIZATION,
    DATES,
    HIGHLIGHT,
    SKILLS
  }

  record Block(Kind kind, String text) {}

  static List<Block> blocks(Cv cv) {
    List<Block> blocks = new ArrayList<>();
    Cv.Basics basics = basics(cv);
    add(blocks, Kind.NAME, line(basics.name()));
    add(blocks, Kind.HEADLINE, line(basics.headline()));
    for (String piece : contact(basics)) {
      add(blocks, Kind.CONTACT, piece);
    }
    if (present(basics.summary())) {
      for (String paragraph : Lines.paragraphs(basics.summary())) {
        add(blocks, Kind.SUMMARY, line(paragraph));
      }
    }
    boolean skillsPrinted = false;
    for (Cv.Section section : list(cv.sections())) {
      if (CvParts.isSkills(section)) {
        if (!skillsPrinted) {
          skills(blocks, cv);
          skillsPrinted = true;
        }
        continue;
      }
      if (list(section.items()).isEmpty()) {
        continue;
      }
      add(blocks, Kind.HEADING, CvParts.heading(section));
      for (Cv.Item item : list(section.items())) {
        add(blocks, Kind.TITLE, line(item.title()));
        add(blocks, Kind.ORGANIZATION, line(item.organization()));
        add(blocks, Kind.DATES, CvParts.dates(item));
        for (String highlight : CvParts.texts(item.highlights())) {
          add(blocks, Kind.HIGHLIGHT, line(highlight));
        }
      }
    }
    if (!skillsPrinted) {
      skills(blocks, cv);
    }
    return blocks;
  }

  /** E-mail, phone, location and links ("label: address"), each one piece. */
  static List<String> contact(Cv.Basics basics) {
    List<String> pieces = new ArrayList<>();
    if (present(basics.email())) {
      pieces.add(line(basics.email()));
    }
    if (present(basics.phone())) {
      pieces.add(line(basics.phone()));
    }
    if (present(basics.location())) {
      pieces.add(line(basics.location()));
    }
    for (Cv.Link link : list(basics.links())) {
      String text = CvParts.linkText(link);
      if (text != null) {
        pieces.add(text);
      }
    }
    return pieces;
  }

  private static void skills(List<Block> blocks, Cv cv) {
    List<String> skills = CvParts.skills(cv);
    if (!skills.isEmpty()) {
      add(blocks, Kind.HEADING, "Skills");
      add(blocks, Kind.SKILLS, String.join(", ", skills));
    }
  }

  private static void add(List<Block> blocks, Kind kind, String text) {
    if (text != null && !text.isBlank()) {
      blocks.add(new Block(kind, text));
    }
  }
}
