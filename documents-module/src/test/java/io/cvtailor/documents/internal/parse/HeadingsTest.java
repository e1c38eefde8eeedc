package io.cvtailor.documents.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadingsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Work Experience|EXPERIENCE",
        "BERUFSERFAHRUNG|EXPERIENCE",
        "Expériences professionnelles :|EXPERIENCE",
        "Experiencia laboral|EXPERIENCE",
        "Experiência profissional|EXPERIENCE",
        "Arbetslivserfarenhet|EXPERIENCE",
        "Arbeidserfaring|EXPERIENCE",
        "Erhvervserfaring|EXPERIENCE",
        "E D U C A T I O N|EDUCATION",
        "Ausbildung|EDUCATION",
        "Formação Académica|EDUCATION",
        "Utdanning|EDUCATION",
        "Uddannelse|EDUCATION",
        "## Skills|SKILLS",
        "Kenntnisse|SKILLS",
        "Compétences|SKILLS",
        "Færdigheder|SKILLS",
        "Sprachkenntnisse|LANGUAGES",
        "Idiomas|LANGUAGES",
        "Veröffentlichungen|PUBLICATIONS",
        "Licenses & Certifications|CERTIFICATIONS",
        "Ehrenamt|VOLUNTEER",
        "Hobbies|IGNORED",
        "Über mich|SUMMARY",
      })
  void known_headings_in_eight_languages(String line, Section section) {
    assertThat(Headings.of(line)).contains(section);
  }

  @ParameterizedTest
  @CsvSource({"Senior Engineer at Acme", "I led the experience design team", "Berlin, Germany"})
  void ordinary_lines_are_not_headings(String line) {
    assertThat(Headings.of(line)).isEmpty();
  }
}
