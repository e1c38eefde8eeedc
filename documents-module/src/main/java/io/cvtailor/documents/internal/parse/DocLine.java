package io.cvtailor.documents.internal.parse;

/**
 * One line of a document in reading order, with what the layout says about it: bold, larger than
 * the body text, a heading style ({@code headingLevel} 1–6, 0 for none), a list item, or after a
 * visible gap. Readers set what their format knows; the parser uses whatever is there.
 */
public record DocLine(
    String text,
    boolean bold,
    boolean larger,
    int headingLevel,
    boolean bullet,
    boolean gapBefore) {

  public static DocLine plain(String text) {
    return new DocLine(text, false, false, 0, false, false);
  }

  public boolean emphasised() {
    return bold || larger || headingLevel > 0;
  }
}
