package io.cvtailor.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.fixtures.UnusualHeadings;
import io.cvtailor.documents.internal.parse.CvParser;
import io.cvtailor.documents.internal.parse.HeadingClassifier;
import io.cvtailor.documents.internal.parse.ParsedCv;
import io.cvtailor.documents.internal.parse.Section;
import io.cvtailor.documents.internal.read.DocumentReader;
import io.cvtailor.embeddings.internal.provider.LocalOnnxProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unusual headings read by meaning with the real MiniLM model. The cut-off (0.55, in
 * microprofile-config.properties) was chosen on {@link #CHOSEN_ON} — 10 of 14 right, 1 wrong
 * ("Roles" read as skills), no ordinary line taken — and is checked here on {@link #HELD_OUT},
 * headings written down before they were ever scored: 11 of 14 right, none wrong, none of the
 * ordinary lines taken.
 */
class ModelHeadingsTest {
  static final double MIN_SIMILARITY = 0.55;

  static final Map<String, Section> CHOSEN_ON =
      Map.ofEntries(
          Map.entry("Where I've worked", Section.EXPERIENCE),
          Map.entry("Professional journey", Section.EXPERIENCE),
          Map.entry("Roles", Section.EXPERIENCE),
          Map.entry("Academic history", Section.EDUCATION),
          Map.entry("Studies", Section.EDUCATION),
          Map.entry("Things I've built", Section.PROJECTS),
          Map.entry("Open source", Section.PROJECTS),
          Map.entry("Papers", Section.PUBLICATIONS),
          Map.entry("Credentials", Section.CERTIFICATIONS),
          Map.entry("Honours", Section.AWARDS),
          Map.entry("Speaking engagements", Section.TALKS),
          Map.entry("Community involvement", Section.VOLUNTEER),
          Map.entry("Technical toolbox", Section.SKILLS),
          Map.entry("Outside work", Section.IGNORED));

  static final Map<String, Section> HELD_OUT =
      Map.ofEntries(
          Map.entry("Career", Section.EXPERIENCE),
          Map.entry("Employment", Section.EXPERIENCE),
          Map.entry("Jobs", Section.EXPERIENCE),
          Map.entry("Schools attended", Section.EDUCATION),
          Map.entry("Selected projects", Section.PROJECTS),
          Map.entry("Portfolio highlights", Section.PROJECTS),
          Map.entry("Articles and papers", Section.PUBLICATIONS),
          Map.entry("Licences", Section.CERTIFICATIONS),
          Map.entry("Prizes", Section.AWARDS),
          Map.entry("Conference talks", Section.TALKS),
          Map.entry("Pro bono work", Section.VOLUNTEER),
          Map.entry("Core competencies", Section.SKILLS),
          Map.entry("Languages I speak", Section.LANGUAGES),
          Map.entry("Pastimes", Section.IGNORED));

  /** Lines styled like headings that are not: an organization, a title, a project, a place. */
  static final List<String> ORDINARY =
      List.of(
          "Nordic Bank ASA",
          "Lead Platform Engineer",
          "Payments modernisation",
          "Berlin, Germany",
          "Acme Corporation",
          "Senior Data Engineer",
          "Customer onboarding redesign");

  static LocalOnnxProvider model;
  static HeadingClassifier classifier;

  @BeforeAll
  static void load() {
    model = new LocalOnnxProvider();
    List<Section> sections = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    ModelHeadings.DESCRIPTIONS.forEach(
        (section, list) ->
            list.forEach(
                text -> {
                  sections.add(section);
                  texts.add(text);
                }));
    List<float[]> prototypes = model.embed(texts);
    classifier =
        headings ->
            ModelHeadings.nearest(
                sections, prototypes, headings, model.embed(headings), MIN_SIMILARITY);
  }

  @AfterAll
  static void close() throws Exception {
    model.close();
  }

  @Test
  void headingsNotScoredWhenTheCutOffWasChosenAreReadRightAndNoneWrong() {
    Map<String, Section> read = classifier.classify(List.copyOf(HELD_OUT.keySet()));
    long right =
        HELD_OUT.entrySet().stream().filter(e -> read.get(e.getKey()) == e.getValue()).count();
    long wrong =
        HELD_OUT.entrySet().stream()
            .filter(e -> read.containsKey(e.getKey()) && read.get(e.getKey()) != e.getValue())
            .count();
    assertThat(right).as("right of %d: %s", HELD_OUT.size(), read).isGreaterThanOrEqualTo(11);
    assertThat(wrong).as("read wrong: %s", read).isZero();
  }

  @Test
  void ordinaryLinesStyledLikeHeadingsAreNotTakenForSections() {
    assertThat(classifier.classify(ORDINARY)).isEmpty();
  }

  @Test
  void anUnusualHeadingGivesItsEntriesTheirTypeInsteadOfOther() {
    String cv = UnusualHeadings.CV;
    byte[] bytes = cv.getBytes(StandardCharsets.UTF_8);

    ParsedCv without = DocumentReader.read(bytes, "text/plain", "cv.txt");
    ParsedCv with = DocumentReader.read(bytes, "text/plain", "cv.txt", classifier);

    assertThat(types(without)).contains("other").doesNotContain("experience");
    assertThat(types(with)).contains("experience", "education").doesNotContain("other");
    assertThat(with.warnings())
        .anySatisfy(w -> assertThat(w).contains(UnusualHeadings.UNUSUAL).contains("experience"));
  }

  @Test
  void atMostThirtyHeadingsOfOneDocumentAreAskedAbout() {
    StringBuilder cv = new StringBuilder("Mara Lindqvist\n\nEDUCATION\nMSc, KTH, 2012 - 2014\n\n");
    for (int i = 0; i < 100; i++) {
      cv.append("UNUSUAL HEADING NUMBER ").append(i).append("\nSome line of text.\n\n");
    }
    List<Integer> asked = new ArrayList<>();
    CvParser.parse(
        "text",
        io.cvtailor.documents.internal.read.PlainText.read(
            cv.toString().getBytes(StandardCharsets.UTF_8), false),
        headings -> {
          asked.add(headings.size());
          return Map.of();
        });
    assertThat(asked).containsExactly(30);
  }

  private static List<String> types(ParsedCv cv) {
    return cv.items().stream().map(ProposedItem::artifactType).toList();
  }
}
