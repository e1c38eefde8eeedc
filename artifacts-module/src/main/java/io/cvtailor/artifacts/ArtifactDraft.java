package io.cvtailor.artifacts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What a caller sends to create or replace an artifact. Limits are checked by Bean Validation;
 * {@link ArtifactCatalog} adds the checks that span fields (dates in order, real calendar dates).
 * {@code version} is required on updates and ignored on creation.
 */
public record ArtifactDraft(
    @NotBlank(message = "must not be blank")
        @Size(max = 300, message = "must be at most 300 characters")
        String title,
    @NotNull(message = "is required")
        @Pattern(regexp = TYPE_VALUES, message = "must be one of " + TYPE_LIST)
        String artifactType,
    @Size(max = 10_000, message = "must be at most 10000 characters") String description,
    @Size(max = 100_000, message = "must be at most 100000 characters") String content,
    @Size(max = 300, message = "must be at most 300 characters") String organization,
    @Size(max = 2_000, message = "must be at most 2000 characters")
        @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL")
        String url,
    @Pattern(regexp = DATE, message = DATE_MESSAGE) String startedOn,
    @Pattern(regexp = DATE, message = DATE_MESSAGE) String endedOn,
    @Size(max = 50, message = "must have at most 50 tags")
        List<
                @NotBlank(message = "must not be blank")
                @Size(max = 100, message = "must be at most 100 characters") String>
            tags,
    @Pattern(regexp = "private|public", message = "must be private or public") String visibility,
    Map<String, Object> metadata,
    Long version) {

  static final String TYPE_VALUES =
      "experience|project|publication|education|certification|award|talk|skill|volunteer|other";
  static final String TYPE_LIST =
      "experience, project, publication, education, certification, award, talk, skill, volunteer, other";
  static final String DATE = "\\d{4}(-\\d{2}(-\\d{2})?)?";
  static final String DATE_MESSAGE = "must be a date as YYYY, YYYY-MM or YYYY-MM-DD";

  public List<String> tagsOrEmpty() {
    return tags == null ? List.of() : tags;
  }

  public Map<String, Object> metadataOrEmpty() {
    return metadata == null ? Map.of() : metadata;
  }
}
