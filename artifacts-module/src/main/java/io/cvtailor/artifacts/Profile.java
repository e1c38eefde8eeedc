package io.cvtailor.artifacts;

import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The person behind the artifacts: the {@code basics} of every CV. */
public record Profile(
    @Size(max = 200, message = "must be at most 200 characters") String name,
    @Size(max = 300, message = "must be at most 300 characters") String headline,
    @Email(message = "must be an e-mail address")
        @Size(max = 320, message = "must be at most 320 characters")
        String email,
    @Size(max = 50, message = "must be at most 50 characters") String phone,
    @Size(max = 200, message = "must be at most 200 characters") String location,
    @Size(max = 5_000, message = "must be at most 5000 characters") String summary,
    @Valid @Size(max = 20, message = "must have at most 20 links") List<Link> links) {

  // Explicit, so the constraints stay on the fields: Java copies record-component annotations
  // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
  // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
  // Every field may be absent (an empty profile has none). The components stay unannotated:
  // the OpenAPI document is generated from them, and absence is JSON's, checked by Bean Validation.
  @SuppressWarnings("NullAway")
  public Profile(
      @Nullable String name,
      @Nullable String headline,
      @Nullable String email,
      @Nullable String phone,
      @Nullable String location,
      @Nullable String summary,
      @Nullable List<Link> links) {
    this.name = name;
    this.headline = headline;
    this.email = email;
    this.phone = phone;
    this.location = location;
    this.summary = summary;
    this.links = links;
  }

  /** A labelled web address on the profile. */
  public record Link(
      @NotBlank(message = "must not be blank")
          @Size(max = 100, message = "must be at most 100 characters")
          String label,
      @NotBlank(message = "must not be blank")
          @Size(max = 2_000, message = "must be at most 2000 characters")
          @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL")
          String url) {
    // Explicit, so the constraints stay on the fields: Java copies record-component annotations
    // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
    // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
    public Link(String label, String url) {
      this.label = label;
      this.url = url;
    }
  }

  public static Profile empty() {
    return new Profile(null, null, null, null, null, null, List.of());
  }

  public List<Link> linksOrEmpty() {
    return links == null ? List.of() : links;
  }
}
