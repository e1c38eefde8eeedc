package io.cvtailor.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A user's whole career data as a JSON Resume document, in and out (mapping: {@link JsonResume}).
 */
public interface ResumeDocuments {

  /**
   * Fills the profile from {@code basics}, keeps the fields that have no column, and adds every
   * section entry as an artifact, all in one transaction: any error (wrong type, limit, invalid
   * date, ...) is reported for every entry at once, named as in the document ({@code
   * work[3].startDate}), and nothing is changed.
   *
   * @return the ids of the new artifacts, in document order
   */
  List<Long> importResume(long userId, JsonNode document);

  /** Everything the user has: basics from the profile and every artifact in its section. */
  ObjectNode exportResume(long userId);
}
