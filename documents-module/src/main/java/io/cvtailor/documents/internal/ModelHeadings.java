package io.cvtailor.documents.internal;

import io.cvtailor.documents.internal.parse.HeadingClassifier;
import io.cvtailor.documents.internal.parse.Section;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Unusual headings read by meaning with the local embedding model: a heading is compared with a few
 * plain descriptions of each section and takes the nearest section when it is near enough and
 * clearly nearer than any other section. Below that it stays "other", as without the model.
 *
 * <p>The cut-off is per model ({@code imports.heading-model.min-similarity.<model>}; each model has
 * its own similarity scale); a model without one configured is not asked, so switching models never
 * silently changes what imports propose. Failures of the model leave the headings "other": an
 * import never fails because this fallback could not run.
 */
@ApplicationScoped
public class ModelHeadings implements HeadingClassifier {
  private static final Logger LOG = RequestIds.logger(ModelHeadings.class);

  /** The descriptions each section is recognised by (English: the model is an English one). */
  static final Map<Section, List<String>> DESCRIPTIONS = descriptions();

  /** How much nearer the best section must be than the next one. */
  static final double MARGIN = 0.03;

  @Inject QueryEmbeddings embeddings;
  @Inject EmbeddingPipeline pipeline;
  @Inject Config config;

  private volatile Prototypes prototypes;

  private record Prototypes(String model, List<Section> sections, List<float[]> vectors) {}

  @Override
  public Map<String, Section> classify(List<String> headings) {
    String model = pipeline.activeModel();
    Optional<Double> minSimilarity =
        config.getOptionalValue("imports.heading-model.min-similarity." + model, Double.class);
    if (headings.isEmpty() || minSimilarity.isEmpty() || !pipeline.modelLoaded()) {
      return Map.of();
    }
    try {
      Prototypes known = prototypes(model);
      return nearest(
          known.sections(),
          known.vectors(),
          headings,
          embeddings.embedEach(headings),
          minSimilarity.get());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unusual headings stay \"other\": the model could not read them", e);
      return Map.of();
    }
  }

  /** Each heading's section when its best one is near enough and clearly ahead of the rest. */
  static Map<String, Section> nearest(
      List<Section> sections,
      List<float[]> prototypes,
      List<String> headings,
      List<float[]> vectors,
      double minSimilarity) {
    Map<String, Section> found = new LinkedHashMap<>();
    for (int h = 0; h < headings.size(); h++) {
      Map<Section, Double> best = new LinkedHashMap<>();
      for (int p = 0; p < prototypes.size(); p++) {
        best.merge(sections.get(p), Vectors.cosine(vectors.get(h), prototypes.get(p)), Math::max);
      }
      Section top = null;
      double first = -2;
      double second = -2;
      for (Map.Entry<Section, Double> e : best.entrySet()) {
        if (e.getValue() > first) {
          second = first;
          first = e.getValue();
          top = e.getKey();
        } else if (e.getValue() > second) {
          second = e.getValue();
        }
      }
      if (top != null && first >= minSimilarity && first - second >= MARGIN) {
        found.put(headings.get(h), top);
      }
    }
    return found;
  }

  private Prototypes prototypes(String model) {
    Prototypes current = prototypes;
    if (current == null || !current.model().equals(model)) {
      List<Section> sections = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      DESCRIPTIONS.forEach(
          (section, list) ->
              list.forEach(
                  text -> {
                    sections.add(section);
                    texts.add(text);
                  }));
      // Once per model: a few dozen short texts in one call.
      current = new Prototypes(model, sections, embeddings.embedEach(texts));
      prototypes = current;
    }
    return current;
  }

  private static Map<Section, List<String>> descriptions() {
    Map<Section, List<String>> d = new LinkedHashMap<>();
    d.put(
        Section.SUMMARY,
        List.of("summary", "about me", "professional profile", "who I am", "in short"));
    d.put(Section.CONTACT, List.of("contact details", "how to reach me", "get in touch"));
    d.put(
        Section.EXPERIENCE,
        List.of(
            "work experience",
            "employment history",
            "jobs I have held",
            "where I have worked",
            "career history",
            "positions held",
            "professional background"));
    d.put(
        Section.EDUCATION,
        List.of(
            "education",
            "academic background",
            "degrees and diplomas",
            "where I studied",
            "university studies",
            "schooling"));
    d.put(
        Section.PROJECTS,
        List.of("projects", "things I have built", "side projects", "portfolio", "selected work"));
    d.put(
        Section.PUBLICATIONS,
        List.of("publications", "papers and articles I wrote", "research papers", "writing"));
    d.put(
        Section.CERTIFICATIONS,
        List.of("certifications", "licenses and certificates", "professional credentials"));
    d.put(Section.AWARDS, List.of("awards", "honors and prizes", "recognition"));
    d.put(
        Section.TALKS,
        List.of("talks", "conference presentations", "speaking", "talks I have given"));
    d.put(
        Section.VOLUNTEER,
        List.of("volunteering", "volunteer work", "community service", "giving back"));
    d.put(
        Section.SKILLS,
        List.of(
            "skills",
            "technical skills",
            "tools and technologies",
            "what I know",
            "expertise",
            "toolbox"));
    d.put(Section.LANGUAGES, List.of("languages spoken", "language skills"));
    d.put(
        Section.IGNORED,
        List.of("hobbies and interests", "references", "what I do for fun", "personal interests"));
    return Map.copyOf(d);
  }
}
