package io.cvtailor.artifacts;

import java.util.Locale;

/** Who may find an artifact: only its owner, or everyone through collection-wide search. */
public enum Visibility {
  PRIVATE,
  PUBLIC;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
