package io.cvtailor.documents.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.internal.parse.ParsedCv;
import java.util.List;

/**
 * Any bytes, declared as any accepted type: the reader either proposes items whose every line is
 * text of the document, or rejects the file with a reason ({@link DocumentRejectedException});
 * nothing else escapes (no server error for a damaged upload).
 */
class DocumentReaderFuzzTest {
  private static final List<String> TYPES =
      List.of(
          "application/pdf",
          DocumentReader.DOCX,
          DocumentReader.ODT,
          "text/markdown",
          "text/plain",
          "application/zip");

  @FuzzTest(maxDuration = "10s")
  void anyBytesAreReadOrRejectedWithAReason(FuzzedDataProvider data) {
    String type = data.pickValue(TYPES);
    byte[] bytes = data.consumeRemainingAsBytes();
    ParsedCv cv;
    try {
      cv = DocumentReader.read(bytes, type, null);
    } catch (DocumentRejectedException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    String text = cv.text().replaceAll("\\s+", " ");
    for (ProposedItem item : cv.items()) {
      assertThat(item.title()).isNotBlank();
      for (String field :
          new String[] {item.title(), item.organization(), item.description(), item.sourceText()}) {
        for (String line : field == null ? new String[0] : field.split("\n")) {
          assertThat(text).contains(line.replaceAll("\\s+", " ").strip());
        }
      }
    }
  }
}
