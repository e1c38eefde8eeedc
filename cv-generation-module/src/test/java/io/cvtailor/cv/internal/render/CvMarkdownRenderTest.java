package io.cvtailor.cv.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CvMarkdownRenderTest {
  private final String markdown = new DefaultCvDocuments().markdown(CvFixtures.full());

  @Test
  void hasHeaderSectionsItemsAndBullets() {
    assertThat(markdown)
        .startsWith("# Zoë Łukasiewicz-Ødegård\n\n**Search \\& ranking engineer**\n\n")
        .contains(
            "zoe@example.org · +47 912 34 567 · Tromsø, Norway · [Website](https://zoe.example.org)"
                + " · [GitHub](https://github.com/zoe) · Evil\n")
        .containsSubsequence(
            "## Experience\n",
            "### Staff Search Engineer — Σωκράτης Analytics (2021-03 – present)\n",
            "- Cut p95 query latency from 180 ms to 40 ms with a hybrid BM25 + vector index\n",
            "### Backend Engineer — Nordlys AS (2017-08 – 2021-02)\n",
            "## Projects\n",
            "### [pgvector-tuner](https://github.com/zoe/pgvector-tuner) (2023)\n",
            "## Education\n",
            "- Information retrieval\n",
            "## Talks\n",
            "## Volunteering\n",
            "## Skills\n\nJava, PostgreSQL, Lucene, pgvector\n");
  }

  @Test
  void escapesMarkdownInUserText() {
    assertThat(markdown)
        .contains("- \\# not a heading, \\*not bold\\*, \\[not a link\\](x) \\_nor\\_ this\n")
        .contains(
            "- Blocked \\<script\\>alert('x')\\</script\\> injection \\& fixed output escaping")
        .doesNotContain("<script>", "javascript:");
  }

  @Test
  void anEntityInUserTextStaysText() {
    // CommonMark would read "&lt;" as "<": the renderer escapes the ampersand.
    assertThat(CvMarkdown.escape("a &lt;b&gt; c")).isEqualTo("a \\&lt;b\\&gt; c");
  }

  @Test
  void escapesWhatWouldStartABlock() {
    assertThat(CvMarkdown.escape("# title")).isEqualTo("\\# title");
    assertThat(CvMarkdown.escape("- item")).isEqualTo("\\- item");
    assertThat(CvMarkdown.escape("1. first")).isEqualTo("1\\. first");
    assertThat(CvMarkdown.escape("C# and F#")).isEqualTo("C# and F#");
    assertThat(CvMarkdown.escape("+47 912 34 567")).isEqualTo("+47 912 34 567");
    assertThat(CvMarkdown.escape("---")).isEqualTo("\\---");
  }

  @Test
  void leavesOutCoverageAndRelevance() {
    assertThat(markdown).doesNotContain("REQUIREMENT-MARKER", "EXPLANATION-MARKER");
  }

  /**
   * The escaping patterns are single characters or anchored at the start: linear on the inputs that
   * hurt backtracking most (long runs of the characters they look for).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"1", "#", "<", "-", "\\", "1."})
  void escapingALongRunIsLinear(String unit) {
    String text = unit.repeat(200_000) + "x";
    String escaped =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(2), () -> CvMarkdown.escape(text));
    assertThat(escaped.length()).isLessThanOrEqualTo(2 * text.length() + 2);
  }
}
