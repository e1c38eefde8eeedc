package io.cvtailor.documents.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.fixtures.BadDocuments;
import io.cvtailor.documents.fixtures.EntryMatching;
import io.cvtailor.documents.fixtures.Layouts;
import io.cvtailor.documents.fixtures.Persona;
import io.cvtailor.documents.internal.parse.HeadingClassifier;
import io.cvtailor.documents.internal.parse.ParsedCv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OCR only when asked, with tesseract as a bounded child process: a scan of a fixture CV (its pages
 * rendered into pictures, no text layer) is refused without OCR and read with it; limits on pages,
 * time and output each stop it with the reason; temporary files do not stay. Needs Debian's
 * tesseract-ocr ({@code ./cvtailor test} installs it).
 */
class PdfOcrTest {
  private static byte[] scan;
  private static Layouts.Rendered original;

  static PdfOcr.Settings settings() {
    return new PdfOcr.Settings(
        "tesseract", "eng", 6, Duration.ofSeconds(90), 256 * 1024, 1, Duration.ofSeconds(20));
  }

  @BeforeAll
  static void scanAFixture() {
    assertThat(new PdfOcr(settings()).executable())
        .as("tesseract is not installed: apt-get install tesseract-ocr (./cvtailor test does)")
        .isNotNull();
    Persona sunniva =
        Persona.all().stream().filter(p -> p.key().equals("sunniva")).findFirst().orElseThrow();
    original = Layouts.render(sunniva, "single-column");
    scan = BadDocuments.scanOf(original.bytes(), 200);
  }

  @Test
  void a_scan_is_refused_without_ocr_and_read_with_it_never_inventing() throws IOException {
    assertThatThrownBy(() -> DocumentReader.read(scan, "application/pdf", "scan.pdf"))
        .isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("no text layer")
        .hasMessageContaining("ocr=true");
    long tempDirsBefore = ocrTempDirs();

    ParsedCv cv =
        DocumentReader.read(
            scan, "application/pdf", "scan.pdf", HeadingClassifier.NONE, new PdfOcr(settings()));

    assertThat(ocrTempDirs()).isEqualTo(tempDirsBefore);
    assertThat(cv.format()).isEqualTo("pdf");
    assertThat(cv.warnings().get(0)).contains("read by OCR").contains("check every entry");
    assertThat(cv.items()).extracting(ProposedItem::title).contains("Health Data Analyst");
    ProposedItem first =
        cv.items().stream()
            .filter(i -> "Health Data Analyst".equals(i.title()))
            .findFirst()
            .orElseThrow();
    assertThat(first.organization()).isEqualTo("Vestkyst Health Trust");
    assertThat(first.startedOn()).isEqualTo("2021-03");
    assertThat(cv.items()).allSatisfy(i -> assertThat(i.confidence()).isLessThanOrEqualTo(0.6));
    // Every proposed field is text of the OCR-read document.
    String text = EntryMatching.normalise(cv.text());
    for (ProposedItem item : cv.items()) {
      for (String field :
          new String[] {
            item.title(), item.organization(), item.description(), item.content(), item.sourceText()
          }) {
        for (String line : field == null ? new String[0] : field.split("\n")) {
          assertThat(text).as("%s", item).contains(EntryMatching.normalise(line));
        }
      }
    }
    // How much of the original was found, printed for the record.
    List<String> missing = new ArrayList<>();
    for (Layouts.Label label : original.labels()) {
      if (cv.items().stream()
          .noneMatch(
              i ->
                  EntryMatching.normalise(i.title())
                      .equals(EntryMatching.normalise(label.title())))) {
        missing.add(label.title());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "[ocr] scan of sunniva single-column at 200 dpi: %d of %d labelled titles found, %d items,"
            + " missing %s; %s%n",
        original.labels().size() - missing.size(),
        original.labels().size(),
        cv.items().size(),
        missing,
        cv.warnings().get(0));
    assertThat(original.labels().size() - missing.size())
        .isGreaterThanOrEqualTo(original.labels().size() * 9 / 10);
  }

  @Test
  void a_pdf_with_a_text_layer_is_never_ocrd() {
    ParsedCv cv =
        DocumentReader.read(
            original.bytes(),
            "application/pdf",
            "cv.pdf",
            HeadingClassifier.NONE,
            new PdfOcr(
                new PdfOcr.Settings(
                    "/nonexistent/tesseract",
                    "eng",
                    6,
                    Duration.ofSeconds(1),
                    1,
                    1,
                    Duration.ZERO)));
    assertThat(cv.warnings()).noneMatch(w -> w.contains("OCR"));
    assertThat(cv.items()).extracting(ProposedItem::title).contains("Health Data Analyst");
  }

  @Test
  void without_tesseract_the_answer_says_how_to_install_it() {
    PdfOcr missing =
        new PdfOcr(
            new PdfOcr.Settings(
                "/nonexistent/tesseract",
                "eng",
                6,
                Duration.ofSeconds(30),
                1024,
                1,
                Duration.ZERO));
    assertThatThrownBy(
            () ->
                DocumentReader.read(scan, "application/pdf", null, HeadingClassifier.NONE, missing))
        .isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("apt-get install tesseract-ocr")
        .extracting(e -> ((DocumentRejectedException) e).kind())
        .isEqualTo(Kind.NO_TEXT);
  }

  @Test
  void pages_time_and_output_are_bounded_and_leave_no_files() throws IOException {
    long before = ocrTempDirs();
    PdfOcr.Settings s = settings();
    PdfOcr onePage =
        new PdfOcr(
            new PdfOcr.Settings(
                s.command(), s.languages(), 0, s.pageTime(), s.maxOutputBytes(), 1, s.queueWait()));
    assertThat(kind(onePage)).isEqualTo(Kind.TOO_LARGE);
    PdfOcr quick =
        new PdfOcr(
            new PdfOcr.Settings(
                s.command(),
                s.languages(),
                6,
                Duration.ofMillis(50),
                s.maxOutputBytes(),
                1,
                s.queueWait()));
    assertThatThrownBy(
            () -> DocumentReader.read(scan, "application/pdf", null, HeadingClassifier.NONE, quick))
        .hasMessageContaining("took longer than");
    PdfOcr terse =
        new PdfOcr(
            new PdfOcr.Settings(
                s.command(), s.languages(), 6, s.pageTime(), 100, 1, s.queueWait()));
    assertThat(kind(terse)).isEqualTo(Kind.TOO_LARGE);
    assertThat(ocrTempDirs()).isEqualTo(before);
  }

  @Test
  void tesseract_tsv_words_become_glyphs_on_their_lines_baseline() {
    String tsv =
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
            + "4\t1\t1\t1\t1\t0\t100\t200\t400\t50\t-1\t\n"
            + "5\t1\t1\t1\t1\t1\t100\t205\t150\t40\t96.5\tHealth\n"
            + "5\t1\t1\t1\t1\t2\t260\t200\t100\t50\t91\tData\n"
            + "5\t1\t1\t1\t1\t3\t380\t200\t10\t50\t-1\t \n";
    List<PdfOcr.Word> words = PdfOcr.words(tsv);
    assertThat(words).extracting(PdfOcr.Word::text).containsExactly("Health", "Data");
    assertThat(words).allSatisfy(w -> assertThat(w.lineBottom()).isEqualTo(250));
    assertThat(words.get(0).confidence()).isEqualTo(96.5);
  }

  private static Kind kind(PdfOcr ocr) {
    try {
      DocumentReader.read(scan, "application/pdf", null, HeadingClassifier.NONE, ocr);
    } catch (DocumentRejectedException e) {
      return e.kind();
    }
    throw new AssertionError("the scan was read");
  }

  private static long ocrTempDirs() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("cvtailor-ocr-")).count();
    }
  }
}
