package io.cvtailor.cv.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments.PageSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The HTML and Markdown renderers under coverage-guided fuzzing, with every text of the CV (name,
 * summary, links, titles, highlights, skills) chosen by the fuzzer. Whatever the person wrote: the
 * HTML has no script, no event handler and no link but http(s) and mailto; the Markdown has no
 * unescaped {@code <}; both stay within a bound linear in the input; nothing throws.
 */
class CvRenderersFuzzTest {
  private static final List<String> SECTIONS =
      List.of("experience", "projects", "publications", "education", "skills", "talks", "other");

  @FuzzTest(maxDuration = "5s")
  // libFuzzer's dictionary format takes no line breaks: the seeds carry those.
  @DictionaryEntries({
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "https://",
    "mailto:",
    "# ",
    "- ",
    "1. ",
    "[x](",
    "<!--",
    "]]>",
    "&amp;",
    "'"
  })
  void anyCvTextRendersSafely(FuzzedDataProvider data) {
    Cv cv = cv(data);
    int input = cv.toString().length();

    String html = CvHtml.xhtml(cv, data.consumeBoolean() ? PageSize.A4 : PageSize.LETTER);
    assertThat(html.length()).isLessThanOrEqualTo(20 * input + 20_000);
    assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
    Document document = Jsoup.parse(html);
    assertThat(document.select("script, iframe, object, embed")).isEmpty();
    for (Element element : document.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        assertThat(attribute.getKey().toLowerCase(Locale.ROOT)).doesNotStartWith("on");
      }
    }
    for (Element link : document.select("[href]")) {
      assertThat(link.attr("href").toLowerCase(Locale.ROOT)).matches("(https?://|mailto:).*");
    }

    String markdown = CvMarkdown.render(cv);
    assertThat(markdown.length()).isLessThanOrEqualTo(4 * input + 2_000);
    for (int i = markdown.indexOf('<'); i >= 0; i = markdown.indexOf('<', i + 1)) {
      assertThat(i).as(markdown).isPositive();
      assertThat(markdown.charAt(i - 1)).as(markdown).isEqualTo('\\');
    }
  }

  private static Cv cv(FuzzedDataProvider data) {
    List<Cv.Link> links = new ArrayList<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      links.add(new Cv.Link(text(data), text(data)));
    }
    Cv.Basics basics =
        new Cv.Basics(
            text(data), text(data), text(data), text(data), text(data), text(data), links);
    List<Cv.Section> sections = new ArrayList<>();
    for (int s = data.consumeInt(0, 3); s > 0; s--) {
      List<Cv.Item> items = new ArrayList<>();
      for (int i = data.consumeInt(0, 3); i > 0; i--) {
        List<String> highlights = new ArrayList<>();
        for (int h = data.consumeInt(0, 3); h > 0; h--) {
          highlights.add(text(data));
        }
        items.add(
            new Cv.Item(
                i,
                text(data),
                text(data),
                text(data),
                text(data),
                text(data),
                text(data),
                highlights,
                data.consumeRegularDouble(0, 1),
                text(data)));
      }
      sections.add(new Cv.Section(data.pickValue(SECTIONS), items));
    }
    List<String> skills = new ArrayList<>();
    for (int i = data.consumeInt(0, 4); i > 0; i--) {
      skills.add(text(data));
    }
    return new Cv(
        UUID.nameUUIDFromBytes(new byte[] {1}),
        Instant.EPOCH,
        text(data),
        text(data),
        "hybrid",
        basics,
        sections,
        skills,
        new Cv.Coverage(List.of(), 0),
        null);
  }

  /** A fuzzed text, sometimes absent. */
  private static String text(FuzzedDataProvider data) {
    return data.consumeBoolean() ? null : data.consumeString(200);
  }
}
