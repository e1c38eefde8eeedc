package io.cvtailor.documents.internal.parse;

import io.cvtailor.artifacts.Profile;
import io.cvtailor.documents.ProposedItem;
import java.util.List;

/** What a reader and the parser made of a document, before it is kept as a proposal. */
public record ParsedCv(
    String format, Profile profile, List<ProposedItem> items, List<String> warnings, String text) {}
