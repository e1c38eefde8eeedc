package io.cvtailor.documents.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.fixtures.EntryMatching;
import io.cvtailor.documents.fixtures.WrappedTitles;
import io.cvtailor.documents.internal.parse.ParsedCv;
import org.junit.jupiter.api.Test;

/**
 * A "Title — Organization" line that wraps is read as one line (the organization whole), by the
 * widths PDFBox gives: the next line's first word would not have fit. An organization on its own
 * line under a full-width bold title stays its own field, and a long bold title over two lines is
 * one title.
 */
class PdfWrappedTitlesTest {

  @Test
  void wrapped_title_organization_lines_are_read_whole() {
    ParsedCv cv = DocumentReader.read(WrappedTitles.pdf(), "application/pdf", "cv.pdf");

    assertThat(cv.items()).hasSize(WrappedTitles.ENTRIES.size());
    for (int i = 0; i < WrappedTitles.ENTRIES.size(); i++) {
      WrappedTitles.Entry expected = WrappedTitles.ENTRIES.get(i);
      ProposedItem item = cv.items().get(i);
      assertThat(EntryMatching.normalise(item.title()))
          .as("%s", item)
          .isEqualTo(EntryMatching.normalise(expected.title()));
      assertThat(item.organization()).as("%s", item).isEqualTo(expected.organization());
      assertThat(item.artifactType()).isEqualTo("publication");
      assertThat(item.description()).as("%s", item).startsWith(expected.text().substring(0, 20));
    }
  }
}
