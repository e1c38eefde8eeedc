package io.cvtailor.documents.internal.parse;

import java.util.Optional;

/** The parts of a CV that headings announce, and the artifact type their entries become. */
public enum Section {
  SUMMARY(null),
  CONTACT(null),
  EXPERIENCE("experience"),
  EDUCATION("education"),
  PROJECTS("project"),
  PUBLICATIONS("publication"),
  CERTIFICATIONS("certification"),
  AWARDS("award"),
  TALKS("talk"),
  VOLUNTEER("volunteer"),
  SKILLS("skill"),
  LANGUAGES("skill"),
  /** Hobbies, references and the like: not career artifacts, left out with a warning. */
  IGNORED(null),
  /** A heading we do not know: its entries are proposed as {@code other}. */
  OTHER("other");

  private final String artifactType;

  Section(String artifactType) {
    this.artifactType = artifactType;
  }

  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  /** Sections whose lines are lists of short items rather than dated entries. */
  public boolean isList() {
    return this == SKILLS || this == LANGUAGES;
  }
}
