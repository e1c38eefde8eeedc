package io.cvtailor.artifacts;

import java.time.Instant;

/** A registered person. */
public record Account(long id, String email, String displayName, Instant createdAt) {}
