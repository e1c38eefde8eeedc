package io.cvtailor.documents.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.fixtures.BadDocuments;
import io.cvtailor.documents.internal.parse.ParsedCv;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Documents that cannot be read fail loudly, with the reason; nothing is guessed. */
class DocumentReaderTest {

  static Kind rejection(byte[] bytes, String type) {
    try {
      DocumentReader.read(bytes, type, null);
    } catch (DocumentRejectedException e) {
      return e.kind();
    }
    throw new AssertionError("the document was read");
  }

  @Test
  void a_scanned_pdf_without_a_text_layer_is_422_naming_ocr() {
    byte[] scan = BadDocuments.scannedPdf();
    assertThatThrownBy(() -> DocumentReader.read(scan, "application/pdf", "cv.pdf"))
        .isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("no text layer")
        .hasMessageContaining("OCR")
        .extracting(e -> ((DocumentRejectedException) e).kind())
        .isEqualTo(Kind.NO_TEXT);
  }

  @Test
  void a_pdf_decompression_bomb_is_413_before_anything_is_decoded_whole() {
    byte[] bomb = BadDocuments.pdfBomb(200);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    assertThatThrownBy(() -> DocumentReader.read(bomb, "application/pdf", "cv.pdf"))
        .isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("decompression bomb")
        .extracting(e -> ((DocumentRejectedException) e).kind())
        .isEqualTo(Kind.TOO_LARGE);
    // The same construction below the limit is an ordinary PDF with its line of text.
    ParsedCv small = DocumentReader.read(BadDocuments.pdfBomb(1), "application/pdf", "cv.pdf");
    assertThat(small.text()).contains("Ana Silva Senior Engineer");
  }

  @Test
  void an_encrypted_pdf_is_rejected_naming_the_password() {
    byte[] encrypted = BadDocuments.encryptedPdf();
    assertThatThrownBy(() -> DocumentReader.read(encrypted, "application/pdf", null))
        .isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("password");
    assertThat(rejection(encrypted, "application/pdf")).isEqualTo(Kind.UNREADABLE);
  }

  @Test
  void damaged_files_are_unreadable() {
    byte[] garbage = "%PDF-1.7\nthis is not really a pdf".getBytes(StandardCharsets.US_ASCII);
    assertThat(rejection(garbage, "application/pdf")).isEqualTo(Kind.UNREADABLE);
    assertThat(rejection("hello".getBytes(StandardCharsets.US_ASCII), "application/pdf"))
        .isEqualTo(Kind.UNREADABLE);
    byte[] notZip = "PK\u0003\u0004 truncated".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(
            rejection(
                notZip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        .isEqualTo(Kind.UNREADABLE);
  }

  @Test
  void an_encrypted_or_old_word_file_is_rejected() {
    byte[] ole = new byte[512];
    ole[0] = (byte) 0xD0;
    ole[1] = (byte) 0xCF;
    ole[2] = 0x11;
    ole[3] = (byte) 0xE0;
    assertThat(rejection(ole, DocumentReader.DOCX)).isEqualTo(Kind.UNREADABLE);
  }

  @Test
  void a_decompression_bomb_stops_at_the_limit() {
    byte[] bomb = BadDocuments.zipBomb("word/document.xml");
    assertThat(bomb.length).isLessThan(200_000);
    assertThat(rejection(bomb, DocumentReader.DOCX)).isEqualTo(Kind.TOO_LARGE);
    assertThat(rejection(bomb, DocumentReader.ODT)).isEqualTo(Kind.TOO_LARGE);
    assertThat(rejection(bomb, "application/zip")).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void other_types_and_other_zips_are_unsupported_and_empty_files_have_no_text() {
    assertThat(rejection(new byte[] {1, 2, 3}, "image/png")).isEqualTo(Kind.UNSUPPORTED);
    assertThat(rejection(zip("notes.txt", "hello"), "application/zip")).isEqualTo(Kind.UNSUPPORTED);
    assertThat(rejection(new byte[0], "text/plain")).isEqualTo(Kind.NO_TEXT);
    assertThat(rejection("  \n\n ".getBytes(StandardCharsets.UTF_8), "text/plain"))
        .isEqualTo(Kind.NO_TEXT);
  }

  @Test
  void odt_external_entities_are_never_resolved() {
    String content =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
            + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
            + "<text:h text:outline-level=\"1\">Experience</text:h><text:p>Engineer &secret; 2019 - 2021</text:p>"
            + "</office:text></office:body></office:document-content>";
    byte[] odt = zip("content.xml", content);
    try {
      ParsedCv cv = DocumentReader.read(odt, DocumentReader.ODT, null);
      assertThat(cv.text()).doesNotContain("root:");
    } catch (DocumentRejectedException e) {
      assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
    }
  }

  static byte[] zip(String name, String content) {
    return BadDocuments.zip(name, content);
  }
}
