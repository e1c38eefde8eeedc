package io.cvtailor.cv.internal;

import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvSection;
import io.cvtailor.cv.CvService.CvRequest;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.kernel.text.Sentences;
import io.cvtailor.search.ArtifactRanking;
import io.cvtailor.search.RankQuery;
import io.cvtailor.search.RankResult;
import io.cvtailor.search.RequirementMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Builds a CV from the ranking of the user's artifacts. Nothing is written anew: items are the
 * user's artifacts, highlights are the artifact's own sentences most related to the posting's
 * requirements, skills come from skill artifacts and tags.
 */
@ApplicationScoped
class CvAssembler {
  private static final int MAX_SKILLS = 30;

  /** Types dated by one day or month, printed without a range. */
  private static final java.util.Set<String> POINT_IN_TIME =
      java.util.Set.of("publication", "certification", "award", "talk");

  @Inject ArtifactRanking ranking;
  @Inject RequirementMatching matching;
  @Inject ArtifactCatalog catalog;
  @Inject UserAccounts accounts;
  @Inject EmbeddingPipeline pipeline;
  @Inject Config config;

  Cv assemble(long userId, CvRequest request) {
    String posting = request.jobDescription();
    RankResult ranked =
        ranking.rank(new RankQuery(userId, posting, null, request.rankingMethod(), 1000));
    Map<Long, Artifact> artifacts =
        catalog.allOf(userId).stream().collect(Collectors.toMap(Artifact::id, Function.identity()));
    List<RequirementMatching.Requirement> requirements = matching.requirements(posting);

    // Per model: similarity scales differ (MiniLM's unrelated texts sit near 0.2, OpenAI's higher).
    double minSimilarity =
        setting("cv.min-similarity." + pipeline.activeModel(), setting("cv.min-similarity", 0.3));
    Map<CvSection, List<RankResult.RankedArtifact>> bySection = new LinkedHashMap<>();
    for (RankResult.RankedArtifact r : ranked.rankedArtifacts()) {
      Artifact artifact = artifacts.get(r.artifactId());
      if (artifact == null || r.semanticSimilarity() < minSimilarity) {
        continue; // irrelevant to this posting
      }
      CvSection section =
          CvSection.of(ArtifactType.fromValue(artifact.artifactType()).orElse(ArtifactType.OTHER))
              .orElse(null);
      if (section == null || section == CvSection.SKILLS) {
        continue; // skills are listed by name, below
      }
      if (!request.sections().isEmpty() && !request.sections().contains(section)) {
        continue;
      }
      bySection.computeIfAbsent(section, s -> new ArrayList<>()).add(r);
    }

    Map<Long, List<String>> highlights = highlights(bySection, artifacts, requirements, request);
    List<Cv.Section> sections = new ArrayList<>();
    for (CvSection section : CvSection.values()) {
      List<RankResult.RankedArtifact> items = bySection.get(section);
      if (items == null) {
        continue;
      }
      List<Cv.Item> cvItems =
          ordered(items, artifacts).stream()
              .limit(request.maxItemsPerSection())
              .map(r -> item(artifacts.get(r.artifactId()), r, highlights))
              .toList();
      sections.add(new Cv.Section(section.value(), cvItems));
    }

    List<RequirementMatching.Match> evidence = matching.bestEvidence(userId, requirements);
    double coverThreshold =
        setting(
            "cv.coverage-threshold." + pipeline.activeModel(),
            setting("cv.coverage-threshold", 0.40));
    List<Cv.Requirement> covered =
        evidence.stream()
            .map(
                m ->
                    new Cv.Requirement(
                        m.text(),
                        m.bestArtifactId() != null && m.score() >= coverThreshold,
                        m.bestArtifactId(),
                        Math.round(m.score() * 1000) / 1000.0))
            .toList();
    double ratio =
        covered.isEmpty()
            ? 0
            : Math.round(
                    1000.0
                        * covered.stream().filter(Cv.Requirement::covered).count()
                        / covered.size())
                / 1000.0;

    return new Cv(
        UUID.randomUUID(),
        Instant.now(),
        request.jobTitle(),
        request.company(),
        request.rankingMethod().value(),
        basics(accounts.profile(userId)),
        sections,
        skills(artifacts.values(), posting),
        new Cv.Coverage(covered, ratio));
  }

  /** Most relevant first; a tie goes to the more recent artifact. */
  private static List<RankResult.RankedArtifact> ordered(
      List<RankResult.RankedArtifact> items, Map<Long, Artifact> artifacts) {
    Comparator<RankResult.RankedArtifact> byRelevance =
        Comparator.comparingDouble(RankResult.RankedArtifact::relevanceScore).reversed();
    Comparator<RankResult.RankedArtifact> byRecency =
        Comparator.comparing(
            (RankResult.RankedArtifact r) -> sortableDate(artifacts.get(r.artifactId())),
            Comparator.reverseOrder());
    return items.stream().sorted(byRelevance.thenComparing(byRecency)).toList();
  }

  private static String sortableDate(Artifact artifact) {
    if (artifact.endedOn() == null && artifact.startedOn() != null) {
      return "9999"; // ongoing
    }
    return artifact.endedOn() != null
        ? artifact.endedOn()
        : artifact.startedOn() == null ? "" : artifact.startedOn();
  }

  /** Each included artifact's own sentences that relate most to the posting's requirements. */
  private Map<Long, List<String>> highlights(
      Map<CvSection, List<RankResult.RankedArtifact>> bySection,
      Map<Long, Artifact> artifacts,
      List<RequirementMatching.Requirement> requirements,
      CvRequest request) {
    int perItem = (int) setting("cv.highlights-per-item", 3);
    List<Long> ids = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (List<RankResult.RankedArtifact> items : bySection.values()) {
      for (RankResult.RankedArtifact r :
          ordered(items, artifacts).stream().limit(request.maxItemsPerSection()).toList()) {
        for (String sentence : sentencesOf(artifacts.get(r.artifactId()))) {
          ids.add(r.artifactId());
          sentences.add(sentence);
        }
      }
    }
    Map<Long, List<String>> result = new HashMap<>();
    if (sentences.isEmpty() || requirements.isEmpty()) {
      return result;
    }
    List<Double> scores = matching.relevance(sentences, requirements);
    Map<Long, List<Integer>> byArtifact = new LinkedHashMap<>();
    for (int i = 0; i < sentences.size(); i++) {
      byArtifact.computeIfAbsent(ids.get(i), id -> new ArrayList<>()).add(i);
    }
    byArtifact.forEach(
        (id, indexes) ->
            result.put(
                id,
                indexes.stream()
                    .sorted(Comparator.comparingDouble((Integer i) -> scores.get(i)).reversed())
                    .limit(perItem)
                    .sorted() // keep the artifact's own order
                    .map(sentences::get)
                    .toList()));
    return result;
  }

  /** The artifact's sentences, verbatim (bullet markers dropped), from description and content. */
  static List<String> sentencesOf(Artifact artifact) {
    Set<String> sentences = new LinkedHashSet<>();
    for (String text : new String[] {artifact.description(), artifact.content()}) {
      for (String sentence : Sentences.of(text)) {
        if (sentence.length() >= 20 && sentence.length() <= 400) {
          sentences.add(sentence);
        }
      }
    }
    return List.copyOf(sentences);
  }

  private static Cv.Item item(
      Artifact artifact, RankResult.RankedArtifact ranked, Map<Long, List<String>> highlights) {
    return new Cv.Item(
        artifact.id(),
        artifact.title(),
        artifact.organization(),
        POINT_IN_TIME.contains(artifact.artifactType())
            ? artifact.startedOn()
            : dates(artifact.startedOn(), artifact.endedOn()),
        artifact.startedOn(),
        artifact.endedOn(),
        artifact.url(),
        highlights.getOrDefault(artifact.id(), List.of()),
        ranked.relevanceScore(),
        ranked.explanation());
  }

  static String dates(String started, String ended) {
    if (started == null && ended == null) {
      return null;
    }
    if (started == null) {
      return ended;
    }
    if (ended == null) {
      return started + " – present";
    }
    return started.equals(ended) ? started : started + " – " + ended;
  }

  private static Cv.Basics basics(Profile profile) {
    return new Cv.Basics(
        profile.name(),
        profile.headline(),
        profile.email(),
        profile.phone(),
        profile.location(),
        profile.summary(),
        profile.linksOrEmpty().stream().map(l -> new Cv.Link(l.label(), l.url())).toList());
  }

  /** Skill names from skill artifacts and tags; those the posting mentions come first. */
  static List<String> skills(java.util.Collection<Artifact> artifacts, String posting) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Integer> mentions = new HashMap<>();
    for (Artifact artifact : artifacts) {
      List<String> candidates = new ArrayList<>(artifact.tags());
      if (ArtifactType.SKILL.value().equals(artifact.artifactType())) {
        candidates.add(0, artifact.title());
      }
      for (String name : candidates) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (!key.isEmpty()) {
          names.putIfAbsent(key, name.strip());
          mentions.merge(key, 1, Integer::sum);
        }
      }
    }
    String text = posting.toLowerCase(Locale.ROOT);
    Comparator<String> inPostingFirst =
        Comparator.comparingInt((String key) -> positionIn(text, key) < 0 ? 1 : 0)
            .thenComparingInt(key -> Math.max(0, positionIn(text, key)))
            .thenComparing(key -> -mentions.get(key));
    return names.keySet().stream()
        .sorted(inPostingFirst)
        .limit(MAX_SKILLS)
        .map(names::get)
        .toList();
  }

  private static int positionIn(String text, String key) {
    var m =
        Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(key) + "(?![\\p{L}\\p{N}])")
            .matcher(text);
    return m.find() ? m.start() : -1;
  }

  private double setting(String name, double fallback) {
    return config.getOptionalValue(name, Double.class).orElse(fallback);
  }
}
