package io.cvtailor.cv.internal;

import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactLabel;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvSection;
import io.cvtailor.cv.CvService.CvRequest;
import io.cvtailor.cv.CvTheme;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Builds a CV from the ranking of the user's artifacts. Nothing is written anew: items are the
 * user's artifacts, highlights are the artifact's own sentences most related to the posting's
 * requirements, skills come from skill artifacts and tags.
 *
 * <p>Bounded work: the ranking of all candidates carries scores only, and only the items the CV
 * shows are explained; an item offers at most {@code cv.highlight-candidates-per-item} sentences
 * (those sharing most words with the requirements) and a CV embeds at most {@code
 * cv.max-embedded-sentences} distinct sentences, each once however many items repeat it.
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
    // Scores only: the explanations of the few items the CV shows are asked for below.
    RankResult ranked =
        ranking.rank(new RankQuery(userId, posting, null, request.rankingMethod(), 1000, false));
    // Every artifact without its text (sections, order, skills); the text only of the items shown.
    List<ArtifactLabel> labels = catalog.labelsOf(userId);
    Map<Long, ArtifactLabel> artifacts =
        labels.stream().collect(Collectors.toMap(ArtifactLabel::id, Function.identity()));
    List<RequirementMatching.Requirement> requirements = matching.requirements(posting);

    // Per model: similarity scales differ (MiniLM's unrelated texts sit near 0.2, OpenAI's higher).
    double minSimilarity =
        setting("cv.min-similarity." + pipeline.activeModel(), setting("cv.min-similarity", 0.3));
    Map<CvSection, List<RankResult.RankedArtifact>> bySection = new LinkedHashMap<>();
    for (RankResult.RankedArtifact r : ranked.rankedArtifacts()) {
      ArtifactLabel artifact = artifacts.get(r.artifactId());
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

    Map<CvSection, List<RankResult.RankedArtifact>> chosen = new LinkedHashMap<>();
    List<Long> ids = new ArrayList<>();
    for (CvSection section : CvSection.values()) {
      List<RankResult.RankedArtifact> items = bySection.get(section);
      if (items != null) {
        List<RankResult.RankedArtifact> shown =
            ordered(items, artifacts).stream().limit(request.maxItemsPerSection()).toList();
        chosen.put(section, shown);
        shown.forEach(r -> ids.add(r.artifactId()));
      }
    }
    Map<Long, Artifact> shownArtifacts =
        catalog.someOf(userId, ids).stream()
            .collect(Collectors.toMap(Artifact::id, Function.identity()));
    List<Long> itemIds = ids.stream().filter(shownArtifacts::containsKey).toList(); // not deleted
    Map<Long, String> explanations = explanations(userId, posting, request, itemIds);
    Map<Long, List<String>> highlights = highlights(itemIds, shownArtifacts, requirements);
    List<Cv.Section> sections = new ArrayList<>();
    chosen.forEach(
        (section, items) ->
            sections.add(
                new Cv.Section(
                    section.value(),
                    items.stream()
                        .filter(r -> shownArtifacts.containsKey(r.artifactId()))
                        .map(
                            r ->
                                item(
                                    shownArtifacts.get(r.artifactId()),
                                    r,
                                    explanations.get(r.artifactId()),
                                    highlights))
                        .toList())));

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
        skills(labels, posting),
        new Cv.Coverage(covered, ratio),
        (request.theme() == null ? CvTheme.CLASSIC : request.theme()).value());
  }

  /** Most relevant first; a tie goes to the more recent artifact. */
  private static List<RankResult.RankedArtifact> ordered(
      List<RankResult.RankedArtifact> items, Map<Long, ArtifactLabel> artifacts) {
    Comparator<RankResult.RankedArtifact> byRelevance =
        Comparator.comparingDouble(RankResult.RankedArtifact::relevanceScore).reversed();
    Comparator<RankResult.RankedArtifact> byRecency =
        Comparator.comparing(
            (RankResult.RankedArtifact r) -> sortableDate(artifacts.get(r.artifactId())),
            Comparator.reverseOrder());
    return items.stream().sorted(byRelevance.thenComparing(byRecency)).toList();
  }

  private static String sortableDate(ArtifactLabel artifact) {
    if (artifact.endedOn() == null && artifact.startedOn() != null) {
      return "9999"; // ongoing
    }
    return artifact.endedOn() != null
        ? artifact.endedOn()
        : artifact.startedOn() == null ? "" : artifact.startedOn();
  }

  /** The explanation of each item the CV shows: one ranking restricted to those items. */
  private Map<Long, String> explanations(
      long userId, String posting, CvRequest request, List<Long> itemIds) {
    Map<Long, String> explanations = new HashMap<>();
    if (!itemIds.isEmpty()) {
      ranking
          .rank(new RankQuery(userId, posting, itemIds, request.rankingMethod(), itemIds.size()))
          .rankedArtifacts()
          .forEach(r -> explanations.put(r.artifactId(), r.explanation()));
    }
    return explanations;
  }

  /**
   * Each item's own sentences that relate most to the posting's requirements. Only an item with
   * more sentences than it shows needs the model: it offers its candidates (those sharing most
   * words with the requirements), and each distinct sentence is embedded once, within the CV's cap.
   */
  private Map<Long, List<String>> highlights(
      List<Long> itemIds,
      Map<Long, Artifact> artifacts,
      List<RequirementMatching.Requirement> requirements) {
    if (itemIds.isEmpty() || requirements.isEmpty()) {
      return new HashMap<>();
    }
    int perItem = (int) setting("cv.highlights-per-item", 3);
    HighlightLimits limits =
        new HighlightLimits(
            perItem,
            Math.max(perItem, (int) setting("cv.highlight-candidates-per-item", 12)),
            (int) setting("cv.max-embedded-sentences", 300));
    Map<Long, List<String>> sentences = new LinkedHashMap<>();
    itemIds.forEach(id -> sentences.put(id, sentencesOf(artifacts.get(id))));
    Set<String> wanted = new HashSet<>();
    requirements.forEach(r -> wanted.addAll(words(r.text())));
    return highlights(sentences, wanted, limits, texts -> matching.relevance(texts, requirements));
  }

  /** What bounds the highlights of one CV (see README: cv.highlight-*). */
  record HighlightLimits(int perItem, int candidatesPerItem, int maxEmbedded) {}

  /**
   * Each item's highlights from its sentences: an item with no more sentences than it shows keeps
   * them all; the others offer their candidates (most words shared with the requirements), and
   * {@code relevance} scores the distinct candidates of all items in one call, at most {@code
   * maxEmbedded} of them. When the cap leaves an item no more candidates than it shows, the words
   * alone choose and the model is not called.
   */
  static Map<Long, List<String>> highlights(
      Map<Long, List<String>> sentencesByItem,
      Set<String> wanted,
      HighlightLimits limits,
      Function<List<String>, List<Double>> relevance) {
    int perItem = limits.perItem();
    Map<Long, List<String>> result = new HashMap<>();
    Map<Long, List<String>> choosing = new LinkedHashMap<>();
    sentencesByItem.forEach(
        (id, sentences) -> {
          if (sentences.size() <= perItem) {
            result.put(id, sentences); // all of them are shown: nothing to choose
          } else {
            choosing.put(id, sentences);
          }
        });
    if (choosing.isEmpty()) {
      return result;
    }
    // The CV's cap shared between the items that choose; at perItem the model cannot help.
    int share = Math.min(limits.candidatesPerItem(), limits.maxEmbedded() / choosing.size());
    boolean embed = share > perItem;
    Map<String, Integer> distinct = new LinkedHashMap<>();
    Map<Long, List<String>> candidates = new LinkedHashMap<>();
    choosing.forEach(
        (id, sentences) -> {
          List<String> offered = mostWordsShared(sentences, wanted, embed ? share : perItem);
          candidates.put(id, offered);
          if (embed) {
            offered.forEach(s -> distinct.putIfAbsent(s, distinct.size()));
          }
        });
    if (!embed) {
      result.putAll(candidates);
      return result;
    }
    List<Double> scores = relevance.apply(List.copyOf(distinct.keySet()));
    candidates.forEach(
        (id, offered) -> {
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < offered.size(); i++) {
            order.add(i);
          }
          result.put(
              id,
              order.stream()
                  .sorted(
                      Comparator.comparingDouble(
                              (Integer i) -> scores.get(distinct.get(offered.get(i))))
                          .reversed())
                  .limit(perItem)
                  .sorted() // keep the artifact's own order
                  .map(offered::get)
                  .toList());
        });
    return result;
  }

  /**
   * The {@code limit} sentences sharing most distinct words with {@code wanted} (ties: the earlier
   * sentence), in the artifact's own order.
   */
  static List<String> mostWordsShared(List<String> sentences, Set<String> wanted, int limit) {
    if (sentences.size() <= limit) {
      return sentences;
    }
    int[] shared = new int[sentences.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Set<String> words = words(sentences.get(i));
      words.retainAll(wanted);
      shared[i] = words.size();
      order.add(i);
    }
    return order.stream()
        .sorted(Comparator.comparingInt((Integer i) -> -shared[i]))
        .limit(limit)
        .sorted()
        .map(sentences::get)
        .toList();
  }

  /** The lower-case words (runs of letters and digits) of the text longer than two characters. */
  static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int i = 0;
    int n = lower.length();
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(lower.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(lower.charAt(i))) {
        i++;
      }
      if (i - start > 2) {
        words.add(lower.substring(start, i));
      }
    }
    return words;
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
      Artifact artifact,
      RankResult.RankedArtifact ranked,
      String explanation,
      Map<Long, List<String>> highlights) {
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
        explanation);
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
  static List<String> skills(java.util.Collection<ArtifactLabel> artifacts, String posting) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Integer> mentions = new HashMap<>();
    for (ArtifactLabel artifact : artifacts) {
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
    // Each key's place in the posting is looked up once, in an index of the posting's words
    // built in one pass (no pattern compiled, no scan of the posting per comparison).
    PostingPhrases phrases = new PostingPhrases(posting.toLowerCase(Locale.ROOT));
    Map<String, Integer> position = new HashMap<>();
    names.keySet().forEach(key -> position.put(key, phrases.firstPosition(key)));
    Comparator<String> inPostingFirst =
        Comparator.comparingInt((String key) -> position.get(key) < 0 ? 1 : 0)
            .thenComparingInt(key -> Math.max(0, position.get(key)))
            .thenComparing(key -> -mentions.get(key));
    return names.keySet().stream()
        .sorted(inPostingFirst)
        .limit(MAX_SKILLS)
        .map(names::get)
        .toList();
  }

  private double setting(String name, double fallback) {
    return config.getOptionalValue(name, Double.class).orElse(fallback);
  }
}
