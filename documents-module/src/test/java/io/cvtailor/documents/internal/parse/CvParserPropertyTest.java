package io.cvtailor.documents.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.documents.ProposedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Never invent: for many random documents (headings in several languages, dates in many forms,
 * bullets, contact lines, styling, separators), every proposed title, organization, description,
 * content, tag and source text is text of the document (whitespace aside; a field of several lines,
 * such as a description made of bullets, line by line).
 */
class CvParserPropertyTest {
  private static final String[] HEADINGS = {
    "Experience", "BERUFSERFAHRUNG", "Formación", "Projets", "Skills", "Kenntnisse", "Publications",
    "Utbildning", "Awards", "Hobbies", "Summary", "Contact", "Weird Section", "LANGUAGES"
  };
  private static final String[] WORDS = {
    "Senior",
    "Engineer",
    "Acme",
    "GmbH",
    "University",
    "of",
    "Bergen",
    "built",
    "led",
    "Kotlin",
    "Java",
    "platform",
    "payments",
    "at",
    "—",
    "|",
    ",",
    "·",
    "Nurse",
    "Lead",
    "data",
    "team",
    "Universidad",
    "Politécnica",
    "Developer",
    "Berlin",
    "Oslo",
    "(part-time)",
    "Master's",
    "and"
  };
  private static final String[] DATES = {
    "Jan 2019 – Present",
    "2019–21",
    "03/2019 - 11/2020",
    "since 2018",
    "seit März 2018",
    "2014",
    "mar. 2021 – actualidad",
    "2012-09 – 2016-07",
    "maj 2015 – augusti 2019"
  };

  @Test
  void every_proposed_field_is_text_of_the_document() {
    Random random = new Random(20261130L);
    for (int doc = 0; doc < 400; doc++) {
      List<DocLine> lines = new ArrayList<>();
      int n = 5 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        lines.add(randomLine(random));
      }
      ParsedCv cv = CvParser.parse("text", lines);
      String text = normalise(cv.text());
      for (ProposedItem item : cv.items()) {
        for (String field :
            new String[] {
              item.title(),
              item.organization(),
              item.description(),
              item.content(),
              item.sourceText()
            }) {
          // A multi-line field (a description of several bullets) holds lines of the document.
          for (String line : field == null ? new String[0] : field.split("\n")) {
            assertThat(text).as("document %d, field of %s", doc, item).contains(normalise(line));
          }
        }
        for (String tag : item.tags()) {
          assertThat(text).contains(normalise(tag));
        }
        assertThat(item.title()).isNotBlank();
      }
      for (String field :
          new String[] {
            cv.profile().name(),
            cv.profile().headline(),
            cv.profile().email(),
            cv.profile().phone(),
            cv.profile().location()
          }) {
        if (field != null) {
          assertThat(text).contains(normalise(field));
        }
      }
    }
  }

  private static DocLine randomLine(Random random) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      String h = HEADINGS[random.nextInt(HEADINGS.length)];
      return new DocLine(
          h, random.nextBoolean(), random.nextBoolean(), random.nextInt(3), false, true);
    }
    if (kind == 1) {
      return DocLine.plain(DATES[random.nextInt(DATES.length)]);
    }
    if (kind == 2) {
      return DocLine.plain("ana@example.org | +47 555 12 345 | Bergen, Norway");
    }
    StringBuilder line = new StringBuilder();
    if (kind == 3) {
      line.append(random.nextBoolean() ? "• " : "- ");
    }
    int words = 1 + random.nextInt(kind == 4 ? 25 : 8);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        line.append(random.nextInt(6) == 0 ? "\t" : " ");
      }
      line.append(WORDS[random.nextInt(WORDS.length)]);
    }
    if (kind == 5) {
      line.append(' ').append(DATES[random.nextInt(DATES.length)]);
    }
    if (random.nextInt(4) == 0) {
      line.append('.');
    }
    return new DocLine(
        line.toString(), random.nextInt(3) == 0, false, 0, kind == 3, random.nextBoolean());
  }

  static String normalise(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
