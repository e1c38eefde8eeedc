package io.cvtailor.cv.internal.render;

import io.cvtailor.cv.Cv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** CVs to render: one with every section, Unicode text and HTML-special characters; a long one. */
final class CvFixtures {
  static final String NAME = "Zoë Łukasiewicz-Ødegård";
  static final String GREEK = "Σωκράτης";
  static final String CYRILLIC = "Пётр Чайковский";

  /** DejaVu Sans has no CJK glyphs: this name is in the CV but not asserted in the PDF. */
  static final String CJK = "李小龍";

  static final String SCRIPT_HIGHLIGHT =
      "Blocked <script>alert('x')</script> injection & fixed output escaping";
  static final String MARKDOWN_HIGHLIGHT =
      "# not a heading, *not bold*, [not a link](x) _nor_ this";
  static final String REQUIREMENT = "REQUIREMENT-MARKER five years of Kubernetes operators";
  static final String EXPLANATION = "EXPLANATION-MARKER matched the posting";

  private CvFixtures() {}

  static Cv.Item item(
      String title, String organization, String started, String ended, String... highlights) {
    String dates = started + " – " + (ended == null ? "present" : ended);
    return new Cv.Item(
        1, title, organization, dates, started, ended, null, List.of(highlights), 0.8, EXPLANATION);
  }

  static Cv.Item item(String title, String organization, String date, String url, List<String> hl) {
    return new Cv.Item(2, title, organization, date, date, null, url, hl, 0.5, EXPLANATION);
  }

  static Cv full() {
    List<Cv.Section> sections =
        List.of(
            new Cv.Section(
                "experience",
                List.of(
                    item(
                        "Staff Search Engineer",
                        GREEK + " Analytics",
                        "2021-03",
                        null,
                        "Cut p95 query latency from 180 ms to 40 ms with a hybrid BM25 + vector index",
                        SCRIPT_HIGHLIGHT),
                    item(
                        "Backend Engineer",
                        "Nordlys AS",
                        "2017-08",
                        "2021-02",
                        "Worked with " + CYRILLIC + " on the Oslo–Kyiv data exchange",
                        MARKDOWN_HIGHLIGHT))),
            new Cv.Section(
                "projects",
                List.of(
                    item(
                        "pgvector-tuner",
                        null,
                        "2023",
                        "https://github.com/zoe/pgvector-tuner",
                        List.of(
                            "Open-source tool that picks HNSW parameters from a recall target")))),
            new Cv.Section(
                "publications",
                List.of(
                    item(
                        "Ranking résumés without hallucination",
                        "ACM RecSys",
                        "2022-09-18",
                        "https://doi.org/10.1145/0000000",
                        List.of("Shows that extractive CVs keep recruiters' trust")))),
            new Cv.Section(
                "education",
                List.of(
                    item(
                        "MSc in Computer Science",
                        "Norges teknisk-naturvitenskapelige universitet",
                        "2015-08",
                        "2017-06",
                        "Information retrieval",
                        "Distributed systems"))),
            new Cv.Section(
                "certifications",
                List.of(
                    item(
                        "Certified Kubernetes Administrator", "CNCF", "2020-05", null, List.of()))),
            new Cv.Section(
                "awards",
                List.of(
                    item(
                        "Best Paper",
                        "ECIR",
                        "2019",
                        null,
                        List.of("For work on multilingual query expansion")))),
            new Cv.Section(
                "talks",
                List.of(
                    item(
                        "Vectors in Postgres",
                        "PGConf.EU",
                        "2024-10",
                        null,
                        List.of("Live demo with " + CJK + " and Ελληνικά queries")))),
            new Cv.Section(
                "volunteer",
                List.of(
                    item(
                        "Mentor",
                        "Django Girls Tromsø",
                        "2018",
                        "2020",
                        "Coached 30 first-time programmers"))),
            new Cv.Section(
                "skills",
                List.of(
                    item("Java", null, null, null, List.of()),
                    item("PostgreSQL", null, null, null, List.of()))));
    return new Cv(
        UUID.fromString("00000000-0000-0000-0000-000000000001"),
        Instant.parse("2025-01-02T03:04:05Z"),
        "Search Engineer",
        "Acme",
        "hybrid",
        new Cv.Basics(
            NAME,
            "Search & ranking engineer",
            "zoe@example.org",
            "+47 912 34 567",
            "Tromsø, Norway",
            "Builds search systems that explain themselves.",
            List.of(
                new Cv.Link("Website", "https://zoe.example.org"),
                new Cv.Link("GitHub", "https://github.com/zoe"),
                new Cv.Link("Evil", "javascript:alert(1)"))),
        sections,
        List.of("Java", "Lucene", "pgvector"),
        new Cv.Coverage(List.of(new Cv.Requirement(REQUIREMENT, false, null, 0.2)), 0.0),
        "classic");
  }

  /** 40 experience items: more than a page. */
  static Cv longCv() {
    List<Cv.Item> items = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      items.add(
          item(
              "Engineer " + i,
              "Company " + i,
              "2001-01",
              "2002-01",
              "Delivered project " + i + " on time with a small, focused team of engineers",
              "Reduced operating cost of system " + i + " by a measurable amount",
              "Mentored colleagues and wrote documentation that is still in use today"));
    }
    Cv full = full();
    return new Cv(
        full.id(),
        full.createdAt(),
        full.jobTitle(),
        full.company(),
        full.rankingMethod(),
        full.basics(),
        List.of(new Cv.Section("experience", items)),
        List.of("Java"),
        full.coverage(),
        full.theme());
  }

  /** Every item title and highlight of a CV (skills section titles included). */
  static List<String> titlesAndHighlights(Cv cv) {
    List<String> texts = new ArrayList<>();
    for (Cv.Section section : cv.sections()) {
      for (Cv.Item item : section.items()) {
        texts.add(item.title());
        if (item.highlights() != null) {
          texts.addAll(item.highlights());
        }
      }
    }
    return texts;
  }
}
