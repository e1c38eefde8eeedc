package io.cvtailor.documents;

import io.cvtailor.artifacts.Profile;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What was read from a document: the profile basics, the proposed artifacts and the document's text
 * as extracted (in reading order), so a person can review them side by side. {@code format} is the
 * detected format ({@code pdf}, {@code docx}, {@code odt}, {@code markdown}, {@code text}, {@code
 * linkedin}).
 */
public record ImportProposal(
    UUID id,
    String format,
    Profile profile,
    List<ProposedItem> items,
    List<String> warnings,
    String extractedText,
    Instant createdAt,
    Instant expiresAt) {}
