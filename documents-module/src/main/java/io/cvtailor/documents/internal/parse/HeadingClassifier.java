package io.cvtailor.documents.internal.parse;

import java.util.List;
import java.util.Map;

/**
 * Reads the section an unusual heading announces ("Where I've worked", "Things I built") when the
 * heading dictionary ({@link Headings}) does not know it. The parser asks once per document, with
 * every such heading at once, so an implementation can answer with one model call.
 */
@FunctionalInterface
public interface HeadingClassifier {
  /** Never recognises anything: unknown headings stay {@link Section#OTHER}. */
  HeadingClassifier NONE = headings -> Map.of();

  /** The section of each heading it recognises; headings it does not recognise are left out. */
  Map<String, Section> classify(List<String> headings);
}
