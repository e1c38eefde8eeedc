package io.cvtailor.artifacts.internal;

import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.kernel.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL cannot store U+0000 in {@code text} or {@code jsonb}: such input must be a field error
 * (400), not a failed INSERT (500).
 */
final class TextRules {
  static final String NUL_MESSAGE = "must not contain NUL (U+0000) characters";

  private TextRules() {}

  static List<FieldError> nulCharacters(ArtifactDraft draft) {
    List<FieldError> errors = new ArrayList<>();
    check("title", draft.title(), errors);
    check("artifact_type", draft.artifactType(), errors);
    check("description", draft.description(), errors);
    check("content", draft.content(), errors);
    check("organization", draft.organization(), errors);
    check("url", draft.url(), errors);
    check("started_on", draft.startedOn(), errors);
    check("ended_on", draft.endedOn(), errors);
    check("visibility", draft.visibility(), errors);
    List<String> tags = draft.tagsOrEmpty();
    for (int i = 0; i < tags.size(); i++) {
      check("tags[" + i + "]", tags.get(i), errors);
    }
    if (containsNul(draft.metadataOrEmpty())) {
      errors.add(new FieldError("metadata", NUL_MESSAGE));
    }
    return errors;
  }

  static List<FieldError> nulCharacters(Profile profile) {
    List<FieldError> errors = new ArrayList<>();
    check("name", profile.name(), errors);
    check("headline", profile.headline(), errors);
    check("email", profile.email(), errors);
    check("phone", profile.phone(), errors);
    check("location", profile.location(), errors);
    check("summary", profile.summary(), errors);
    List<Profile.Link> links = profile.linksOrEmpty();
    for (int i = 0; i < links.size(); i++) {
      if (links.get(i) != null) {
        check("links[" + i + "].label", links.get(i).label(), errors);
        check("links[" + i + "].url", links.get(i).url(), errors);
      }
    }
    return errors;
  }

  static boolean containsNul(Object value) {
    if (value instanceof String text) {
      return text.indexOf('\0') >= 0;
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .anyMatch(e -> containsNul(String.valueOf(e.getKey())) || containsNul(e.getValue()));
    }
    if (value instanceof Iterable<?> items) {
      for (Object item : items) {
        if (containsNul(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void check(String field, String value, List<FieldError> errors) {
    if (value != null && value.indexOf('\0') >= 0) {
      errors.add(new FieldError(field, NUL_MESSAGE));
    }
  }
}
