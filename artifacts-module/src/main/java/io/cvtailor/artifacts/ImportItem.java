package io.cvtailor.artifacts;

import java.util.Map;

/**
 * One artifact of a bulk import, where it came from in the request ({@code work[3]}) and how its
 * fields were named there ({@code started_on -> startDate}), so errors name the caller's fields.
 */
public record ImportItem(String path, ArtifactDraft draft, Map<String, String> sourceFields) {

  public ImportItem(String path, ArtifactDraft draft) {
    this(path, draft, Map.of());
  }

  /** The caller's name for one of the draft's (snake_case) fields, prefixed with the path. */
  public String fieldPath(String draftField) {
    String head = draftField;
    String tail = "";
    int cut = indexOfAny(draftField);
    if (cut >= 0) {
      head = draftField.substring(0, cut);
      tail = draftField.substring(cut);
    }
    return path + "." + sourceFields.getOrDefault(head, head) + tail;
  }

  private static int indexOfAny(String field) {
    int dot = field.indexOf('.');
    int bracket = field.indexOf('[');
    if (dot < 0) {
      return bracket;
    }
    return bracket < 0 ? dot : Math.min(dot, bracket);
  }
}
