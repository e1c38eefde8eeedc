package io.cvtailor.cv.internal.render;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvTheme;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.NumberingDocument;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/**
 * The CV as an editable Word document (Apache POI): the name in Word's Title style, sections in
 * Heading 1, items in Heading 2 ("Title — Organization"), dates in a "CV Dates" style, highlights
 * as a real bulleted list, so the person can restyle or edit it in Word and applicant-tracking
 * systems read headings and lists. The theme sets fonts, sizes, colours and spacing of the styles;
 * the structure is the same in every theme (single column, no tables or text boxes).
 */
final class CvDocx {
  private CvDocx() {}

  /** The style values a theme sets (sizes in half-points, spacing in twentieths of a point). */
  private record Look(
      String font, String accent, int body, int title, int heading1, int heading2, int after) {}

  private static Look look(CvTheme theme) {
    return switch (theme) {
      case CLASSIC -> new Look("Calibri", "24557A", 20, 40, 22, 21, 80);
      case MODERN -> new Look("Arial", "0F766E", 20, 48, 26, 21, 120);
      case COMPACT -> new Look("Calibri", "333333", 17, 30, 18, 18, 30);
    };
  }

  static byte[] render(Cv cv, CvTheme theme) {
    Look look = look(theme);
    try (XWPFDocument doc = new XWPFDocument()) {
      doc.createStyles().setStyles(StylesDocument.Factory.parse(styles(look)).getStyles());
      BigInteger bullets = bulletList(doc);
      List<String> contact = new ArrayList<>();
      XWPFParagraph item = null;
      for (CvLines.Block block : CvLines.blocks(cv)) {
        if (block.kind() != CvLines.Kind.CONTACT && !contact.isEmpty()) {
          paragraph(doc, "Normal", String.join(" · ", contact), false);
          contact.clear();
        }
        if (block.kind() != CvLines.Kind.ORGANIZATION) {
          item = null;
        }
        switch (block.kind()) {
          case NAME -> paragraph(doc, "Title", block.text(), false);
          case HEADLINE -> paragraph(doc, "Subtitle", block.text(), false);
          case CONTACT -> contact.add(block.text());
          case SUMMARY, SKILLS -> paragraph(doc, "Normal", block.text(), false);
          case HEADING -> paragraph(doc, "Heading1", block.text(), false);
          case TITLE -> item = paragraph(doc, "Heading2", block.text(), false);
          case ORGANIZATION -> {
            if (item == null) {
              paragraph(doc, "Heading2", block.text(), false);
            } else {
              XWPFRun run = item.createRun();
              run.setText(" — " + block.text());
              run.setBold(false);
            }
          }
          case DATES -> paragraph(doc, "CvDates", block.text(), false);
          case HIGHLIGHT -> paragraph(doc, "ListParagraph", block.text(), false).setNumID(bullets);
        }
      }
      if (!contact.isEmpty()) {
        paragraph(doc, "Normal", String.join(" · ", contact), false);
      }
      doc.getProperties().getCoreProperties().setTitle(CvParts.line(CvParts.basics(cv).name()));
      doc.getProperties().getCoreProperties().setCreator("cvtailor");
      ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the CV as DOCX", e);
    } catch (XmlException e) {
      throw new IllegalStateException("the DOCX styles are not valid XML", e);
    }
  }

  private static XWPFParagraph paragraph(
      XWPFDocument doc, String style, String text, boolean bold) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    XWPFRun run = p.createRun();
    run.setText(text);
    if (bold) {
      run.setBold(true);
    }
    return p;
  }

  /** One bulleted list definition (a real Word list, not "•" typed into the text). */
  private static BigInteger bulletList(XWPFDocument doc) throws XmlException {
    String xml =
        "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>"
            + "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
            + "<w:lvlText w:val=\"\u2022\"/><w:lvlJc w:val=\"left\"/>"
            + "<w:pPr><w:ind w:left=\"360\" w:hanging=\"240\"/></w:pPr></w:lvl></w:abstractNum>"
            + "</w:numbering>";
    XWPFNumbering numbering = doc.createNumbering();
    BigInteger abstractId =
        numbering.addAbstractNum(
            new XWPFAbstractNum(
                NumberingDocument.Factory.parse(xml).getNumbering().getAbstractNumArray(0),
                numbering));
    return numbering.addNum(abstractId);
  }

  /** Word's own style ids (Title, Heading1, ...) so Word shows them as its headings. */
  private static String styles(Look look) {
    String fonts =
        "<w:rFonts w:ascii=\"%1$s\" w:hAnsi=\"%1$s\" w:cs=\"%1$s\" w:eastAsia=\"%1$s\"/>"
            .formatted(look.font());
    return ("<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr>%1$s<w:sz w:val=\"%3$d\"/><w:szCs w:val=\"%3$d\"/>"
            + "<w:lang w:val=\"en\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            + "<w:spacing w:after=\"%7$d\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
            + "</w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
            + "<w:qFormat/></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr><w:spacing w:after=\"40\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
            + "<w:rPr><w:b/><w:color w:val=\"13293D\"/><w:sz w:val=\"%4$d\"/><w:szCs w:val=\"%4$d\"/></w:rPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            + "<w:rPr><w:color w:val=\"%2$s\"/><w:sz w:val=\"%5$d\"/><w:szCs w:val=\"%5$d\"/></w:rPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr><w:keepNext/><w:spacing w:before=\"%8$d\" w:after=\"%7$d\"/>"
            + "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"%2$s\"/></w:pBdr>"
            + "<w:outlineLvl w:val=\"0\"/></w:pPr>"
            + "<w:rPr><w:b/><w:caps/><w:color w:val=\"%2$s\"/><w:sz w:val=\"%5$d\"/><w:szCs w:val=\"%5$d\"/></w:rPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr><w:keepNext/><w:spacing w:before=\"%7$d\" w:after=\"0\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
            + "<w:rPr><w:b/><w:sz w:val=\"%6$d\"/><w:szCs w:val=\"%6$d\"/></w:rPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"CvDates\"><w:name w:val=\"CV Dates\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after=\"20\"/></w:pPr>"
            + "<w:rPr><w:i/><w:color w:val=\"555555\"/></w:rPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"20\"/>"
            + "<w:ind w:left=\"360\"/><w:contextualSpacing/></w:pPr></w:style>"
            + "</w:styles>")
        .formatted(
            fonts,
            look.accent(),
            look.body(),
            look.title(),
            look.heading1(),
            look.heading2(),
            look.after(),
            look.after() * 3);
  }
}
