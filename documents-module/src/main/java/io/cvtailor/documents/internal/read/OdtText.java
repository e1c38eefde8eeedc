package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.internal.parse.DocLine;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An OpenDocument text (ODT) is a ZIP of XML files; {@code content.xml} holds the text. Read with
 * the JDK's StAX parser, DTDs and external entities off (no XXE, no entity expansion). Headings
 * ({@code text:h}), list items, bold automatic styles and table rows (read across, like DOCX) are
 * kept.
 */
public final class OdtText {
  private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
  private static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
  private static final String FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";

  private OdtText() {}

  public static List<DocLine> read(byte[] bytes) {
    if (OleFile.isOle(bytes)) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE,
          "the file is encrypted with a password or is not an ODT; save it without a password");
    }
    Map<String, byte[]> entries =
        SafeZip.entries(
            bytes,
            name ->
                name.equals("content.xml")
                    || name.equals("styles.xml")
                    || name.equals("META-INF/manifest.xml"));
    byte[] manifest = entries.get("META-INF/manifest.xml");
    if (manifest != null
        && new String(manifest, java.nio.charset.StandardCharsets.UTF_8)
            .contains("encryption-data")) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE,
          "the ODT is encrypted with a password; save it without one and upload that");
    }
    byte[] content = entries.get("content.xml");
    if (content == null) {
      throw new DocumentRejectedException(Kind.UNREADABLE, "the ODT file has no content.xml");
    }
    Set<String> boldStyles = new HashSet<>();
    if (entries.containsKey("styles.xml")) {
      parse(entries.get("styles.xml"), boldStyles, null);
    }
    List<DocLine> lines = new ArrayList<>();
    parse(content, boldStyles, lines);
    return lines;
  }

  static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return factory;
  }

  /** Collects bold styles (always) and, when {@code lines} is given, the text. */
  private static void parse(byte[] xml, Set<String> boldStyles, List<DocLine> lines) {
    try {
      XMLStreamReader r = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
      String currentStyle = null;
      int listDepth = 0;
      int paragraphDepth = 0;
      StringBuilder text = new StringBuilder();
      boolean paragraphBold = false;
      int boldChars = 0;
      int letters = 0;
      int level = 0;
      List<String> spanStyles = new ArrayList<>();
      // Table rows: the first paragraph of each cell joined by tabs, then the rest.
      List<List<DocLine>> rowCells = null;
      List<DocLine> cell = null;
      boolean encrypted = false;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String ns = r.getNamespaceURI();
          String local = r.getLocalName();
          if (STYLE.equals(ns) && local.equals("style")) {
            currentStyle = r.getAttributeValue(STYLE, "name");
            String parent = r.getAttributeValue(STYLE, "parent-style-name");
            if (parent != null && boldStyles.contains(parent) && currentStyle != null) {
              boldStyles.add(currentStyle);
            }
          } else if (STYLE.equals(ns) && local.equals("text-properties") && currentStyle != null) {
            String weight = r.getAttributeValue(FO, "font-weight");
            if ("bold".equals(weight)
                || "600".equals(weight)
                || "700".equals(weight)
                || "800".equals(weight)) {
              boldStyles.add(currentStyle);
            }
          } else if (lines == null) {
            // Still in the styles: the branches below collect text, which has not begun.
          } else if (TEXT.equals(ns) && local.equals("list-item")) {
            listDepth++;
          } else if (TEXT.equals(ns) && (local.equals("p") || local.equals("h"))) {
            if (paragraphDepth++ == 0) {
              text.setLength(0);
              String style = r.getAttributeValue(TEXT, "style-name");
              paragraphBold = style != null && boldStyles.contains(style);
              boldChars = 0;
              letters = 0;
              level = 0;
              if (local.equals("h")) {
                String outline = r.getAttributeValue(TEXT, "outline-level");
                level = outline == null ? 1 : Math.max(1, Math.min(6, parseInt(outline)));
              }
            }
          } else if (TEXT.equals(ns) && local.equals("span")) {
            spanStyles.add(r.getAttributeValue(TEXT, "style-name"));
          } else if (TEXT.equals(ns) && local.equals("tab")) {
            text.append('\t');
          } else if (TEXT.equals(ns) && local.equals("s")) {
            text.append(' ');
          } else if (TEXT.equals(ns) && local.equals("line-break")) {
            text.append('\n');
          } else if (TABLE.equals(ns) && local.equals("table-row")) {
            rowCells = new ArrayList<>();
          } else if (TABLE.equals(ns) && local.equals("table-cell") && rowCells != null) {
            cell = new ArrayList<>();
          } else if (local.equals("encryption-data")) {
            encrypted = true;
          }
        } else if (event == XMLStreamConstants.CHARACTERS && lines != null && paragraphDepth > 0) {
          String chars = r.getText();
          text.append(chars);
          int n = (int) chars.chars().filter(Character::isLetter).count();
          letters += n;
          String span = spanStyles.isEmpty() ? null : spanStyles.get(spanStyles.size() - 1);
          if (paragraphBold || (span != null && boldStyles.contains(span))) {
            boldChars += n;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && lines != null) {
          String ns = r.getNamespaceURI();
          String local = r.getLocalName();
          if (TEXT.equals(ns) && local.equals("list-item")) {
            listDepth--;
          } else if (TEXT.equals(ns) && local.equals("span")) {
            spanStyles.remove(spanStyles.size() - 1);
          } else if (TEXT.equals(ns) && (local.equals("p") || local.equals("h"))) {
            if (--paragraphDepth == 0) {
              boolean bold = letters > 0 && boldChars * 2 > letters;
              for (String part : text.toString().split("\n")) {
                if (!part.isBlank()) {
                  DocLine line = new DocLine(part, bold, false, level, listDepth > 0, false);
                  (cell != null ? cell : lines).add(line);
                }
              }
            }
          } else if (TABLE.equals(ns)
              && local.equals("table-cell")
              && rowCells != null
              && cell != null) {
            if (!cell.isEmpty()) {
              rowCells.add(cell);
            }
            cell = null;
          } else if (TABLE.equals(ns) && local.equals("table-row") && rowCells != null) {
            if (!rowCells.isEmpty()) {
              StringBuilder first = new StringBuilder();
              boolean bold = false;
              int lvl = 0;
              for (List<DocLine> c : rowCells) {
                if (first.length() > 0) {
                  first.append('\t');
                }
                first.append(c.get(0).text());
                bold |= c.get(0).bold();
                lvl = Math.max(lvl, c.get(0).headingLevel());
              }
              lines.add(new DocLine(first.toString(), bold, false, lvl, false, true));
              for (List<DocLine> c : rowCells) {
                lines.addAll(c.subList(1, c.size()));
              }
            }
            rowCells = null;
          }
        }
      }
      if (encrypted) {
        throw new DocumentRejectedException(
            Kind.UNREADABLE, "the ODT is encrypted with a password; save it without one");
      }
    } catch (XMLStreamException e) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE, "the ODT file is damaged (its XML cannot be read): " + e.getMessage());
    }
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
