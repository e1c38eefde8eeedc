package io.cvtailor.documents.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.documents.ProposedItem;
import io.cvtailor.documents.internal.parse.ParsedCv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A LinkedIn data export as LinkedIn writes it (a folder of CSV files, quoted fields with commas
 * and line breaks, "Mar 2021" dates, an empty "Finished On" for a current role): Profile, Positions
 * and Languages, the one file the labelled set does not hold, are read column by column.
 */
class LinkedInExportTest {

  static byte[] zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void profile_positions_and_languages_are_read_column_by_column() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "Basic_LinkedInDataExport_12-01-2026/Profile.csv",
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
            + "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
            + "Ana,Silva,,,,\"Platform engineer, Kubernetes\",\"Ten years of infrastructure.\n"
            + "Mostly on-call.\",Software,,\"Lisbon, Portugal\",,,\n");
    files.put(
        "Basic_LinkedInDataExport_12-01-2026/Positions.csv",
        "Company Name,Title,Description,Location,Started On,Finished On\n"
            + "Acme Cloud,Senior Platform Engineer,\"Runs the clusters, the pipelines and the"
            + " pager.\",Lisbon,Mar 2021,\n"
            + "Beta Systems,Site Reliability Engineer,,Porto,Jan 2017,Feb 2021\n");
    files.put(
        "Basic_LinkedInDataExport_12-01-2026/Languages.csv",
        "Name,Proficiency\n"
            + "Portuguese,Native or bilingual proficiency\n"
            + "English,Full professional proficiency\n");

    ParsedCv cv = DocumentReader.read(zip(files), "application/zip", "export.zip");

    assertThat(cv.format()).isEqualTo("linkedin");
    assertThat(cv.profile().name()).isEqualTo("Ana Silva");
    assertThat(cv.profile().headline()).isEqualTo("Platform engineer, Kubernetes");
    assertThat(cv.profile().location()).isEqualTo("Lisbon, Portugal");
    ProposedItem current = cv.items().get(0);
    assertThat(current.title()).isEqualTo("Senior Platform Engineer");
    assertThat(current.organization()).isEqualTo("Acme Cloud");
    assertThat(current.artifactType()).isEqualTo("experience");
    assertThat(current.startedOn()).isEqualTo("2021-03");
    assertThat(current.endedOn()).isNull();
    assertThat(current.description()).isEqualTo("Runs the clusters, the pipelines and the pager.");
    ProposedItem former = cv.items().get(1);
    assertThat(former.startedOn()).isEqualTo("2017-01");
    assertThat(former.endedOn()).isEqualTo("2021-02");
    assertThat(cv.items())
        .filteredOn(i -> i.title().equals("Portuguese"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.artifactType()).isEqualTo("skill");
              assertThat(i.tags()).containsExactly("Native or bilingual proficiency");
            });
    assertThat(cv.items()).extracting(ProposedItem::title).contains("English");
    // Every proposed text is text of the export.
    for (ProposedItem i : cv.items()) {
      assertThat(cv.text()).contains(i.title());
      if (i.organization() != null) {
        assertThat(cv.text()).contains(i.organization());
      }
    }
  }
}
