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
    // Dates as people write them ("March 2020", "03/2020", "2020-03"): read by PartialDate, and
    // named in a 400 by DraftValidator when unreadable; the length is checked before any parsing.
    @Size(max = 40, message = DATE_MESSAGE) String startedOn,
    @Size(max = 40, message = DATE_MESSAGE) String endedOn,
    // each tag (not blank, at most 100 characters) is checked by the catalog: type-use
    // constraints here break Payara's OpenAPI generation (NullPointerException, /openapi 500)
    @Size(max = 50, message = "must have at most 50 tags") List<String> tags,
    @Pattern(regexp = "private|public", message = "must be private or public") String visibility,
    Map<String, Object> metadata,
    Long version) {

  // Explicit, so the constraints stay on the fields: Java copies record-component annotations
  // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
  // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
  public ArtifactDraft(
      String title,
      String artifactType,
      String description,
      String content,
      String organization,
      String url,
      String startedOn,
      String endedOn,
      List<String> tags,
      String visibility,
      Map<String, Object> metadata,
      Long version) {
    this.title = title;
    this.artifactType = artifactType;
    this.description = description;
    this.content = content;
    this.organization = organization;
    this.url = url;
    this.startedOn = startedOn;
    this.endedOn = endedOn;
    this.tags = tags;
    this.visibility = visibility;
    this.metadata = metadata;
    this.version = version;
  }

  static final String TYPE_VALUES =
      "experience|project|publication|education|certification|award|talk|skill|volunteer|other";
  static final String TYPE_LIST =
      "experience, project, publication, education, certification, award, talk, skill, volunteer, other";
  public static final String DATE_MESSAGE =
      "must be a date such as 2020, March 2020, 03/2020 or 2020-03";

  public List<String> tagsOrEmpty() {
    return tags == null ? List.of() : tags;
  }

  public Map<String, Object> metadataOrEmpty() {
    return metadata == null ? Map.of() : metadata;
  }
}
