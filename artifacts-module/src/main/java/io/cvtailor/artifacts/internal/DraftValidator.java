package io.cvtailor.artifacts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.PartialDate;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Bean Validation of a draft plus the checks that span fields or need parsing. */
@ApplicationScoped
class DraftValidator {
  static final int MAX_METADATA_CHARS = 20_000;
  static final int MAX_TAG_CHARS = 100;

  @Inject Validator validator;

  List<FieldError> check(ArtifactDraft draft) {
    if (draft == null) {
      return List.of(new FieldError("body", "must be a JSON object"));
    }
    List<FieldError> errors = new ArrayList<>(InputValidation.check(validator, draft));
    errors.addAll(TextRules.nulCharacters(draft));
    List<String> tags = draft.tagsOrEmpty();
    for (int i = 0; i < tags.size(); i++) {
      if (tags.get(i) == null || tags.get(i).isBlank()) {
        errors.add(new FieldError("tags[" + i + "]", "must not be blank"));
      } else if (tags.get(i).length() > MAX_TAG_CHARS) {
        errors.add(new FieldError("tags[" + i + "]", "must be at most 100 characters"));
      }
    }
    Optional<PartialDate> started = dateOf(draft.startedOn(), "started_on", errors);
    Optional<PartialDate> ended = dateOf(draft.endedOn(), "ended_on", errors);
    if (started.isPresent() && ended.isPresent() && ended.get().compareTo(started.get()) < 0) {
      errors.add(new FieldError("ended_on", "must not be before started_on"));
    }
    try {
      if (JsonColumns.MAPPER.writeValueAsString(draft.metadataOrEmpty()).length()
          > MAX_METADATA_CHARS) {
        errors.add(new FieldError("metadata", "must be at most 20000 characters as JSON"));
      }
    } catch (JsonProcessingException e) {
      errors.add(new FieldError("metadata", "must be a JSON object"));
    }
    return errors;
  }

  private static Optional<PartialDate> dateOf(String text, String field, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Optional<PartialDate> date = PartialDate.parse(text);
    if (date.isEmpty() && errors.stream().noneMatch(e -> e.field().equals(field))) {
      errors.add(new FieldError(field, ArtifactDraft.DATE_MESSAGE));
    }
    return date;
  }
}
