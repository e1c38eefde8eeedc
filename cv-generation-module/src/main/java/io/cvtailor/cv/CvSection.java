package io.cvtailor.cv;

import io.cvtailor.artifacts.ArtifactType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The sections of a CV, in their printed order, and the artifact type each one lists. */
public enum CvSection {
  EXPERIENCE(ArtifactType.EXPERIENCE),
  PROJECTS(ArtifactType.PROJECT),
  PUBLICATIONS(ArtifactType.PUBLICATION),
  EDUCATION(ArtifactType.EDUCATION),
  CERTIFICATIONS(ArtifactType.CERTIFICATION),
  AWARDS(ArtifactType.AWARD),
  TALKS(ArtifactType.TALK),
  VOLUNTEER(ArtifactType.VOLUNTEER),
  SKILLS(ArtifactType.SKILL);

  private final ArtifactType artifactType;

  CvSection(ArtifactType artifactType) {
    this.artifactType = artifactType;
  }

  public ArtifactType artifactType() {
    return artifactType;
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CvSection> of(ArtifactType type) {
    return Arrays.stream(values()).filter(s -> s.artifactType == type).findFirst();
  }
}
