package io.cvtailor.cv.internal;

import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactLabel;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvRefusedException;
import io.cvtailor.cv.CvSection;
import io.cvtailor.cv.CvService;
import io.cvtailor.cv.CvService.CvRequest;
import io.cvtailor.cv.CvTheme;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.text.Sentences;
import io.cvtailor.search.ArtifactRanking;
import io.cvtailor.search.RankQuery;
import io.cvtailor.search.RankResult;
import io.cvtailor.search.RequirementMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

  /** Education entries a CV keeps whatever the posting (the most relevant, then the latest). */
  private static final int MAX_EDUCATION = 3;

  /** Types dated by one day or month, printed without a range. */
  private static final java.util.Set<String> POINT_IN_TIME =
      java.util.Set.of("publication", "certification", "award", "talk");

  @Inject ArtifactRanking ranking;
  @Inject RequirementMatching matching;
  @Inject ArtifactCatalog catalog;
  @Inject UserAccounts accounts;
  @Inject EmbeddingPipeline pipeline;
  @Inject QueryEmbeddings queries;
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
    int relevant = 0;
    // With a total, only the best-ranked maxItems artifacts (the matches shown for the same
    // count) may become items; education is kept in any case.
    int shownMatches = request.maxItems() == null ? Integer.MAX_VALUE : request.maxItems();
    int position = -1;
    for (RankResult.RankedArtifact r : ranked.rankedArtifacts()) {
      position++;
      ArtifactLabel artifact = artifacts.get(r.artifactId());
      if (artifact == null) {
        continue;
      }
      CvSection section = sectionOf(artifact);
      if (section == null || section == CvSection.SKILLS) {
        continue; // skills are listed by name, below
      }
      boolean related = r.semanticSimilarity() >= minSimilarity;
      if (related && section != CvSection.EDUCATION) {
        relevant++;
      }
      // Education is kept (shortened) whatever the posting: people expect it on a CV.
      if (!related && section != CvSection.EDUCATION) {
        continue; // irrelevant to this posting
      }
      if (position >= shownMatches && section != CvSection.EDUCATION) {
        continue; // not among the matches the person chose to see
      }
      if (!request.sections().isEmpty() && !request.sections().contains(section)) {
        continue;
      }
      bySection.computeIfAbsent(section, s -> new ArrayList<>()).add(r);
    }

    // Refuse before any model call for highlights: a CV over nothing relevant only misleads.
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
                        Math.round(m.score() * 1000) / 1000.0,
                        m.fit()))
            .toList();
    long coveredCount = covered.stream().filter(Cv.Requirement::covered).count();
    if (relevant == 0 || (!covered.isEmpty() && coveredCount == 0)) {
      throw new CvRefusedException(
          "job_description",
          "Nothing in your artifacts is relevant to this posting ("
              + coveredCount
              + " of "
              + covered.size()
              + " requirements covered, "
              + relevant
              + " related artifacts), so no CV was made. Add artifacts that show this experience,"
              + " or tailor to a posting closer to your background.");
    }
    double ratio =
        covered.isEmpty() ? 0 : Math.round(1000.0 * coveredCount / covered.size()) / 1000.0;

    Map<CvSection, List<RankResult.RankedArtifact>> chosen = new LinkedHashMap<>();
    List<Long> ids = new ArrayList<>();
    Map<Long, Integer> perItem = new HashMap<>();
    for (CvSection section : CvSection.values()) {
      List<RankResult.RankedArtifact> items = bySection.get(section);
      if (items != null) {
        int limit =
            section == CvSection.EDUCATION
                ? Math.min(MAX_EDUCATION, request.maxItemsPerSection())
                : request.maxItemsPerSection();
        List<RankResult.RankedArtifact> shown =
            ordered(items, artifacts).stream().limit(limit).toList();
        chosen.put(section, shown);
        shown.forEach(r -> ids.add(r.artifactId()));
        if (section == CvSection.EDUCATION) {
          shown.forEach(r -> perItem.put(r.artifactId(), 1)); // shortened
        }
      }
    }
    Map<Long, Artifact> shownArtifacts =
        catalog.someOf(userId, ids).stream()
            .collect(Collectors.toMap(Artifact::id, Function.identity()));
    List<Long> itemIds = ids.stream().filter(shownArtifacts::containsKey).toList(); // not deleted
    Map<Long, String> explanations = explanations(userId, posting, request, itemIds);
    Map<Long, List<String>> highlights = highlights(itemIds, shownArtifacts, requirements, perItem);
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
                                    r.relevanceScore(),
                                    explanations.get(r.artifactId()),
                                    highlights))
                        .toList())));

    CvService.PostingContext proposed = PostingContexts.propose(posting);
    String jobTitle = blank(request.jobTitle()) ? proposed.jobTitle() : request.jobTitle();
    String company = blank(request.company()) ? proposed.company() : request.company();
    Instant now = Instant.now();
    return new Cv(
        UUID.randomUUID(),
        now,
        jobTitle,
        company,
        request.rankingMethod().value(),
        basics(accounts.profile(userId)),
        sections,
        skills(labels, posting, Set.copyOf(itemIds)),
        new Cv.Coverage(covered, ratio),
        (request.theme() == null ? CvTheme.CLASSIC : request.theme()).value(),
        Cv.nameOf(jobTitle, company, now),
        posting);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static CvSection sectionOf(ArtifactLabel artifact) {
    return sectionOf(artifact.artifactType());
  }

  static CvSection sectionOf(String artifactType) {
    return CvSection.of(ArtifactType.fromValue(artifactType).orElse(ArtifactType.OTHER))
        .orElse(null);
  }

  /** An item the person asked to include, with the section it belongs to. */
  record Extra(CvSection section, Cv.Item item) {}

  /**
   * Items for artifacts the person included by hand (or pinned) that the ranking left out: their
   * bullets are chosen by accomplishment and words shared with the posting, without the model. Ids
   * that are not the person's artifacts, or have no CV section, are left out of the answer.
   */
  Map<Long, Extra> extras(long userId, Collection<Long> artifactIds, String posting) {
    Map<Long, Extra> extras = new LinkedHashMap<>();
    if (artifactIds.isEmpty()) {
      return extras;
    }
    Set<String> wanted = words(posting == null ? "" : posting);
    int perItem = (int) setting("cv.highlights-per-item", 3);
    for (Artifact artifact : catalog.someOf(userId, artifactIds)) {
      CvSection section = sectionOf(artifact.artifactType());
      if (section == null || section == CvSection.SKILLS) {
        continue;
      }
      Map<Long, List<String>> chosen =
          highlights(
              Map.of(artifact.id(), sentencesOf(artifact)),
              Map.of(artifact.id(), section == CvSection.EDUCATION ? 1 : perItem),
              wanted,
              new HighlightLimits(perItem, perItem, 0),
              texts -> List.of());
      extras.put(artifact.id(), new Extra(section, item(artifact, 0, null, chosen)));
    }
    return extras;
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
   * Each item's own sentences that read as accomplishments and relate most to the posting's
   * requirements, with no near-duplicate anywhere in the CV. Items offer their candidates (those
   * sharing most words with the requirements); each distinct sentence is embedded once, within the
   * CV's cap, and the same vectors serve relevance and the duplicate check.
   */
  private Map<Long, List<String>> highlights(
      List<Long> itemIds,
      Map<Long, Artifact> artifacts,
      List<RequirementMatching.Requirement> requirements,
      Map<Long, Integer> perItem) {
    if (itemIds.isEmpty()) {
      return new HashMap<>();
    }
    int shown = (int) setting("cv.highlights-per-item", 3);
    HighlightLimits limits =
        new HighlightLimits(
            shown,
            Math.max(shown, (int) setting("cv.highlight-candidates-per-item", 12)),
            (int) setting("cv.max-embedded-sentences", 300),
            setting("cv.near-duplicate-similarity", 0.7));
    Map<Long, List<String>> sentences = new LinkedHashMap<>();
    itemIds.forEach(id -> sentences.put(id, sentencesOf(artifacts.get(id))));
    Set<String> wanted = new HashSet<>();
    requirements.forEach(r -> wanted.addAll(words(r.text())));
    return highlights(
        sentences,
        perItem,
        wanted,
        limits,
        texts -> {
          List<float[]> vectors = queries.embedEach(texts);
          List<Scored> scored = new ArrayList<>(vectors.size());
          for (float[] vector : vectors) {
            double best = requirements.isEmpty() ? 0 : -1;
            for (RequirementMatching.Requirement requirement : requirements) {
              best = Math.max(best, Vectors.cosine(vector, requirement.vector()));
            }
            scored.add(new Scored(best, vector));
          }
          return scored;
        });
  }

  /**
   * What bounds the highlights of one CV (see README: cv.highlight-*), and the cosine from which
   * two bullets are near-duplicates.
   */
  record HighlightLimits(
      int perItem, int candidatesPerItem, int maxEmbedded, double duplicateSimilarity) {
    HighlightLimits(int perItem, int candidatesPerItem, int maxEmbedded) {
      this(perItem, candidatesPerItem, maxEmbedded, 0.7);
    }
  }

  /** A sentence's relevance to the requirements (best cosine) and its vector. */
  record Scored(double relevance, float[] vector) {}

  /** A sentence an item offers, with what chooses between them. */
  private record Candidate(
      int item, int index, String text, double score, float[] vector, Set<String> words) {}

  /** Weight of one point of {@link Bullets#accomplishment} against cosine relevance. */
  static final double ACCOMPLISHMENT_WEIGHT = 0.04;

  /**
   * Each item's bullets from its sentences. Narrative asides are never offered; the items offer
   * their candidates (most words shared with the requirements), and {@code model} scores the
   * distinct candidates of all items in one call, at most {@code maxEmbedded} of them (when the cap
   * leaves an item no more candidates than it shows, the words alone choose and the model is not
   * called). Then, best first across the whole CV (relevance, plus a little for an action and a
   * result), a sentence is kept while its item has room and it is no near-duplicate (cosine at
   * least {@code duplicateSimilarity}, or most words shared) of a sentence already kept: of two
   * near-duplicates the better supported one stays. Each item shows its bullets in its own order.
   */
  static Map<Long, List<String>> highlights(
      Map<Long, List<String>> sentencesByItem,
      Map<Long, Integer> perItemLimits,
      Set<String> wanted,
      HighlightLimits limits,
      Function<List<String>, List<Scored>> model) {
    int perItem = limits.perItem();
    List<Long> ids = new ArrayList<>(sentencesByItem.keySet());
    List<List<String>> offered = new ArrayList<>();
    int choosing = 0;
    for (Long id : ids) {
      List<String> own =
          sentencesByItem.get(id).stream().filter(s -> !Bullets.isNarrative(s)).toList();
      offered.add(own);
      if (!own.isEmpty()) {
        choosing++;
      }
    }
    Map<Long, List<String>> result = new HashMap<>();
    if (choosing == 0) {
      ids.forEach(id -> result.put(id, List.of()));
      return result;
    }
    // The CV's cap shared between the items; below perItem the model cannot help.
    int share = Math.min(limits.candidatesPerItem(), limits.maxEmbedded() / choosing);
    boolean embed = share >= perItem && share > 0;
    Map<String, Integer> distinct = new LinkedHashMap<>();
    for (int i = 0; i < offered.size(); i++) {
      // Without the model a few more than shown, so a duplicate can give way to the next one.
      List<String> some = mostWordsShared(offered.get(i), wanted, embed ? share : perItem + 2);
      offered.set(i, some);
      if (embed) {
        some.forEach(s -> distinct.putIfAbsent(s, distinct.size()));
      }
    }
    List<Scored> scores = embed ? model.apply(List.copyOf(distinct.keySet())) : List.of();
    boolean scored = embed && scores.size() == distinct.size();
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < offered.size(); i++) {
      List<String> some = offered.get(i);
      for (int j = 0; j < some.size(); j++) {
        String text = some.get(j);
        Set<String> words = words(text);
        Scored score = scored ? scores.get(distinct.get(text)) : null;
        double relevance;
        if (score != null) {
          relevance = score.relevance();
        } else {
          Set<String> shared = new HashSet<>(words);
          shared.retainAll(wanted);
          relevance = shared.size() / 100.0;
        }
        candidates.add(
            new Candidate(
                i,
                j,
                text,
                relevance + ACCOMPLISHMENT_WEIGHT * Bullets.accomplishment(text),
                score == null ? null : score.vector(),
                words));
      }
    }
    candidates.sort(
        Comparator.comparingDouble(Candidate::score)
            .reversed()
            .thenComparingInt(Candidate::item)
            .thenComparingInt(Candidate::index));
    int[] count = new int[ids.size()];
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : candidates) {
      int limit = perItemLimits.getOrDefault(ids.get(c.item()), perItem);
      if (count[c.item()] >= limit || nearAny(c, kept, limits.duplicateSimilarity())) {
        continue;
      }
      kept.add(c);
      count[c.item()]++;
    }
    for (int i = 0; i < ids.size(); i++) {
      int item = i;
      result.put(
          ids.get(i),
          kept.stream()
              .filter(c -> c.item() == item)
              .sorted(Comparator.comparingInt(Candidate::index)) // the artifact's own order
              .map(Candidate::text)
              .toList());
    }
    return result;
  }

  /**
   * Cosine from which two bullets that also share {@link Bullets#SHARED_CONTENT_WORDS} content
   * words tell the same thing: the "claims database from Oracle to PostgreSQL" pair, told
   * once as a story and once as a result, sits at 0.56 with MiniLM.
   */
  static final double SAME_FACTS_SIMILARITY = 0.5;

  private static boolean nearAny(Candidate c, List<Candidate> kept, double similarity) {
    for (Candidate k : kept) {
      if (k.text().equals(c.text()) || Bullets.lexicallyNear(k.words(), c.words())) {
        return true;
      }
      if (k.vector() != null && c.vector() != null) {
        double cosine = Vectors.cosine(k.vector(), c.vector());
        if (cosine >= similarity
            || (cosine >= SAME_FACTS_SIMILARITY
                && Bullets.sharedContentWords(k.words(), c.words())
                    >= Bullets.SHARED_CONTENT_WORDS)) {
          return true;
        }
      }
    }
    return false;
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
      double relevanceScore,
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
        relevanceScore,
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

  /**
   * Skills the person has and that matter for the posting. The person has: the skills of their
   * skill artifacts (a skill artifact's tags; its title when it has none — a titled list of tags
   * such as "Backend languages" is a group label, not a skill) and the tags of their other
   * artifacts. First every one of those the posting names, in the posting's order; then, closely
   * related, the skills of skill artifacts that also tag an item the CV shows (most used first).
   * Hobby tags the posting does not name, and group labels, never appear.
   */
  static List<String> skills(
      java.util.Collection<ArtifactLabel> artifacts, String posting, Set<Long> shownIds) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Integer> mentions = new HashMap<>();
    Set<String> declared = new HashSet<>(); // from skill artifacts
    Set<String> onShownItems = new HashSet<>();
    for (ArtifactLabel artifact : artifacts) {
      boolean skill = ArtifactType.SKILL.value().equals(artifact.artifactType());
      List<String> candidates = new ArrayList<>(artifact.tags());
      if (skill && candidates.isEmpty() && artifact.title() != null) {
        candidates.add(artifact.title());
      }
      for (String name : candidates) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
          continue;
        }
        names.putIfAbsent(key, name.strip());
        mentions.merge(key, 1, Integer::sum);
        if (skill) {
          declared.add(key);
        } else if (shownIds.contains(artifact.id())) {
          onShownItems.add(key);
        }
      }
    }
    // Each key's place in the posting is looked up once, in an index of the posting's words
    // built in one pass (no pattern compiled, no scan of the posting per comparison).
    PostingPhrases phrases = new PostingPhrases(posting.toLowerCase(Locale.ROOT));
    Map<String, Integer> position = new HashMap<>();
    names.keySet().forEach(key -> position.put(key, phrases.firstPosition(key)));
    List<String> named =
        names.keySet().stream()
            .filter(key -> position.get(key) >= 0)
            .sorted(
                Comparator.comparingInt((String key) -> position.get(key))
                    .thenComparing(key -> -mentions.get(key)))
            .toList();
    List<String> related =
        names.keySet().stream()
            .filter(key -> position.get(key) < 0)
            .filter(key -> declared.contains(key) && onShownItems.contains(key))
            .sorted(Comparator.comparingInt((String key) -> -mentions.get(key)))
            .toList();
    List<String> skills = new ArrayList<>(named);
    skills.addAll(related);
    return skills.stream().limit(MAX_SKILLS).map(names::get).toList();
  }

  /**
   * Every skill the person has, by {@link CvEditing#key}: the keywords of their skill artifacts (a
   * skill artifact's title when it has none) and the tags of their other artifacts — what a person
   * may add to a CV's skills by hand (nothing else: the CV stays theirs).
   */
  static Map<String, String> ownSkills(Collection<ArtifactLabel> artifacts) {
    Map<String, String> own = new LinkedHashMap<>();
    for (ArtifactLabel artifact : artifacts) {
      List<String> names = new ArrayList<>(artifact.tags());
      if (ArtifactType.SKILL.value().equals(artifact.artifactType())
          && names.isEmpty()
          && artifact.title() != null) {
        names.add(artifact.title());
      }
      names.stream()
          .filter(n -> !n.isBlank())
          .forEach(n -> own.putIfAbsent(CvEditing.key(n), n.strip()));
    }
    return own;
  }

  private double setting(String name, double fallback) {
    return config.getOptionalValue(name, Double.class).orElse(fallback);
  }
}
