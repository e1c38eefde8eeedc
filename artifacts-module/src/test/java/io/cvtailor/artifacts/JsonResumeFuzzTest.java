package io.cvtailor.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * JSON Resume import under coverage-guided fuzzing. Text that is not JSON is the documented
 * rejection (400 before the mapping runs); any JSON document is read without an exception, every
 * problem named by a field path and a message, every item by the path it came from.
 */
class JsonResumeFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({
    "\"basics\"",
    "\"work\"",
    "\"volunteer\"",
    "\"education\"",
    "\"awards\"",
    "\"certificates\"",
    "\"publications\"",
    "\"skills\"",
    "\"projects\"",
    "\"profiles\"",
    "\"location\"",
    "\"startDate\"",
    "\"endDate\"",
    "\"highlights\"",
    "\"keywords\"",
    "\"name\"",
    "\"url\"",
    "\"x-cvtailor\"",
    "\"address\"",
    "\"2020-02\"",
    "{\"",
    "[{",
    "null"
  })
  void anyDocumentIsReadOrRejectedWithFieldErrors(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    JsonNode document;
    try {
      document = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return; // not JSON: the API answers 400 before the mapping runs
    }
    JsonResume.Contents contents = JsonResume.read(document);
    contents
        .errors()
        .forEach(
            error -> {
              assertThat(error.field()).isNotBlank();
              assertThat(error.message()).isNotBlank();
            });
    contents.items().forEach(item -> assertThat(item.path()).isNotBlank());
    if (contents.basics() != null) {
      JsonResume.fill(Profile.empty(), contents.basics());
    }
  }
}
