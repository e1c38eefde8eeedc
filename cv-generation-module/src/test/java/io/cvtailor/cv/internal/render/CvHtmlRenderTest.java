package io.cvtailor.cv.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.cv.Cv;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CvHtmlRenderTest {
  private final DefaultCvDocuments documents = new DefaultCvDocuments();
  private final Cv cv = CvFixtures.full();

  private static Document parseXml(String xhtml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void isWellFormedXhtmlWithEveryTitleAndHighlight() throws Exception {
    String html = documents.html(cv);

    Document xml = parseXml(html); // throws on anything not well-formed
    assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("html");
    assertThat(xml.getDocumentElement().getNamespaceURI())
        .isEqualTo("http://www.w3.org/1999/xhtml");
    String text = xml.getDocumentElement().getTextContent();
    assertThat(text).contains(CvFixtures.titlesAndHighlights(cv));
    assertThat(text)
        .contains(CvFixtures.NAME, "Search & ranking engineer", "zoe@example.org", "Tromsø, Norway")
        .contains("Builds search systems that explain themselves.")
        .contains(CvFixtures.GREEK, CvFixtures.CYRILLIC, CvFixtures.CJK)
        .contains("2021-03 – present");
  }

  @Test
  void escapesUserText() {
    String html = documents.html(cv);

    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert('x')&lt;/script&gt;");
    assertThat(html).contains("injection &amp; fixed").contains("Search &amp; ranking engineer");
    assertThat(html).doesNotContain("javascript:"); // a link that is not http(s) is printed as text
    assertThat(html).contains("href=\"https://github.com/zoe\"", "href=\"mailto:zoe@example.org\"");
  }

  @Test
  void printsSectionsInOrderAndSkillsAsAList() {
    String html = documents.html(cv);

    assertThat(html)
        .containsSubsequence(
            "<h1>Zoë Łukasiewicz-Ødegård</h1>",
            ">Experience<",
            ">Projects<",
            ">Publications<",
            ">Education<",
            ">Certifications<",
            ">Awards<",
            ">Talks<",
            ">Volunteering<",
            ">Skills<",
            "Java, PostgreSQL, Lucene, pgvector");
  }

  @Test
  void isPrintReady() {
    String html = documents.html(cv);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"UTF-8\" />");
    assertThat(html).contains("@page", "size: A4", "font-family: 'DejaVu Sans'");
  }

  @Test
  void leavesOutCoverageAndRelevance() {
    String html = documents.html(cv);

    assertThat(html).doesNotContain("REQUIREMENT-MARKER", "EXPLANATION-MARKER", "0.8");
  }
}
