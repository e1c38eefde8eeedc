package io.cvtailor.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.documents.fixtures.EntryMatching;
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
        String text = EntryMatching.normalise(cv.text());
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
              assertThat(text)
                  .as("%s %s: %s", persona.key(), layout, item)
                  .contains(EntryMatching.normalise(line));
            }
          }
        }
        int found = 0;
        List<String> missing = new ArrayList<>();
        for (Layouts.Label label : doc.labels()) {
          boolean hit =
              cv.items().stream()
                  .anyMatch(
                      i ->
                          EntryMatching.normalise(i.title())
                              .equals(EntryMatching.normalise(label.title())));
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

  /**
   * Writes the labelled set that {@code ./cvtailor eval --imports DIR} scores: every persona in
   * every layout, each document beside its {@code .labels.json}. Into {@code target/imports-eval}
   * on every build; {@code -Dimports.eval.out=eval/imports} refreshes the committed copy.
   */
  @Test
  void writes_the_labelled_set() throws java.io.IOException {
    java.nio.file.Path out =
        java.nio.file.Path.of(System.getProperty("imports.eval.out", "target/imports-eval"));
    if (!out.isAbsolute() && System.getProperty("imports.eval.out") != null) {
      out = Persona.projectRoot().resolve(out);
    }
    java.nio.file.Files.createDirectories(out);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    int written = 0;
    for (Persona persona : Persona.all()) {
      for (String layout : Layouts.LAYOUTS) {
        Layouts.Rendered doc = Layouts.render(persona, layout);
        java.nio.file.Files.write(out.resolve(doc.name()), doc.bytes());
        com.fasterxml.jackson.databind.node.ObjectNode labels = json.createObjectNode();
        labels.put("file", doc.name());
        labels.put("media_type", doc.mediaType());
        labels.put("layout", layout);
        labels.put("persona", persona.key());
        com.fasterxml.jackson.databind.node.ArrayNode entries = labels.putArray("labels");
        for (Layouts.Label label : doc.labels()) {
          com.fasterxml.jackson.databind.node.ObjectNode e = entries.addObject();
          e.put("artifact_type", label.type());
          e.put("title", label.title());
          e.put("organization", label.organization());
          e.put("started_on", label.startedOn());
          e.put("ended_on", label.endedOn());
        }
        String base = doc.name().substring(0, doc.name().lastIndexOf('.'));
        json.writerWithDefaultPrettyPrinter()
            .writeValue(out.resolve(base + ".labels.json").toFile(), labels);
        written++;
      }
    }
    assertThat(written).isEqualTo(Persona.all().size() * Layouts.LAYOUTS.size());
  }
}
