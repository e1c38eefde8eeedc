package io.cvtailor.documents;

import java.util.List;

/**
 * One proposed artifact. Every text field is text that occurs in the document ({@code source_text}
 * is the passage it came from); dates are the document's dates as {@code YYYY}, {@code YYYY-MM} or
 * {@code YYYY-MM-DD}. {@code confidence} (0 to 1) says how sure the reader is of the split into
 * fields: low values deserve a look.
 */
public record ProposedItem(
    String title,
    String artifactType,
    String organization,
    String startedOn,
    String endedOn,
    String description,
    String content,
    List<String> tags,
    String sourceText,
    Double confidence) {}
