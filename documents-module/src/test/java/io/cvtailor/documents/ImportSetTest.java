package io.cvtailor.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.documents.fixtures.Layouts;
import io.cvtailor.documents.fixtures.Persona;
import io.cvtailor.documents.internal.parse.ParsedCv;
import io.cvtailor.documents.internal.read.DocumentReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The sample personas in every layout, read back in-process: at least 95 % of each document's
 * entries are found by title, and every proposed field is text of the document. The full scoring
 * (precision, per-field accuracy) is {@code ./cvtailor eval --imports}, through the real WAR.
 */
class ImportSetTest {

  @Test
  void every_layout_of_every_persona_is_read() {
    List<String> report = new ArrayList<>();
    for (Persona persona : Persona.all()) {
      for (String layout : Layouts.LAYOUTS) {
        Layouts.Rendered doc = Layouts.render(persona, layout);
        ParsedCv cv = DocumentReader.read(doc.bytes(), doc.mediaType(), doc.name());
        String text = norm(cv.text());
        for (io.cvtailor.documents.ProposedItem item : cv.items()) {
          for (String field :
              new String[] {
                item.title(),
                item.organization(),
                item.description(),
                item.content(),
                item.sourceText()
              }) {
            for (String line : field == null ? new String[0] : field.split("\n")) {
              assertThat(text).as("%s %s: %s", persona.key(), layout, item).contains(norm(line));
            }
          }
        }
        int found = 0;
        List<String> missing = new ArrayList<>();
        for (Layouts.Label label : doc.labels()) {
          boolean hit =
              cv.items().stream().anyMatch(i -> norm(i.title()).equals(norm(label.title())));
          if (hit) {
            found++;
          } else {
            missing.add(label.type() + ":" + label.title());
          }
        }
        assertThat((double) found / doc.labels().size())
            .as("%s %s titles found, missing %s", persona.key(), layout, missing)
            .isGreaterThanOrEqualTo(0.95);
        report.add(
            String.format(
                Locale.ROOT,
                "%-8s %-14s labels %2d items %2d titles found %2d missing %s",
                persona.key(),
                layout,
                doc.labels().size(),
                cv.items().size(),
                found,
                missing));
      }
    }
    report.forEach(System.out::println);
    assertThat(report).isNotEmpty();
  }

  static String norm(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
  }
}
