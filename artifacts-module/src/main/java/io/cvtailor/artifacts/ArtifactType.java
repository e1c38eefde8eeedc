package io.cvtailor.artifacts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of career pieces an artifact can be; the JSON value is the lower-case name. */
public enum ArtifactType {
  EXPERIENCE,
  PROJECT,
  PUBLICATION,
  EDUCATION,
  CERTIFICATION,
  AWARD,
  TALK,
  SKILL,
  VOLUNTEER,
  OTHER;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ArtifactType> fromValue(String value) {
    return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
  }

  /** The allowed values, for error messages. */
  public static String allowedValues() {
    return String.join(", ", Arrays.stream(values()).map(ArtifactType::value).toList());
  }
}
