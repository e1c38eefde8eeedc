package io.cvtailor.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.kernel.FieldError;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * An NDJSON import body, cut into lines and read as {@link ArtifactResource#importNdjson} does,
 * under coverage-guided fuzzing: it becomes a draft, or null ({@code null} on the line), or the
 * documented rejection, a {@link JsonProcessingException} that the API reports as a field error of
 * that line. Nothing else may escape (no runtime exception, no stack overflow on nesting).
 */
class NdjsonLineFuzzTest {
  private static final ObjectReader DRAFT = JsonMapping.MAPPER.readerFor(ArtifactDraft.class);
  private static final int MAX_LINE_BYTES = 1_048_576;

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({
    "{\"title\":",
    "\"artifact_type\":",
    "\"experience\"",
    "\"tags\":[",
    "\"metadata\":{",
    "\"started_on\":",
    "\"2021-03\"",
    "\"visibility\":",
    "\"version\":",
    "null",
    "[[[[",
    "{{"
  })
  void anyLineIsADraftOrAFieldError(byte[] input) throws IOException {
    // As the import reads the body: NdjsonLines cuts it, blank lines are skipped.
    NdjsonLines lines = new NdjsonLines(new ByteArrayInputStream(input), MAX_LINE_BYTES);
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (!line.isBlank()) {
        readLine(line);
      }
    }
  }

  private static void readLine(String line) {
    try {
      DRAFT.readValue(line); // a draft (validated next), or null for a line reading null
    } catch (JsonProcessingException e) {
      FieldError error = ProblemMappers.UnreadableJson.fieldError(e);
      assertThat(error.field()).isNotBlank();
      assertThat(error.message()).isNotBlank();
    }
  }
}
