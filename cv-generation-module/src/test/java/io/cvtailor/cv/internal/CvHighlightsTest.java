package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How many sentences one CV sends to the model, whatever its items hold. */
class CvHighlightsTest {
  private static final CvAssembler.HighlightLimits LIMITS =
      new CvAssembler.HighlightLimits(3, 12, 300);

  /** Scores each sentence by its length and records every call. */
  private static final class CountingModel
      implements Function<List<String>, List<CvAssembler.Scored>> {
    final List<Integer> calls = new ArrayList<>();
    final List<String> seen = new ArrayList<>();

    @Override
    public List<CvAssembler.Scored> apply(List<String> sentences) {
      calls.add(sentences.size());
      seen.addAll(sentences);
      return sentences.stream().map(s -> new CvAssembler.Scored(s.length(), null)).toList();
    }
  }

  /** Distinct sentences (no two share most of their words), each naming kafka. */
  private static List<String> sentences(String prefix, int count) {
    String p = prefix.replace(' ', 'x');
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                p
                    + "a"
                    + i
                    + " "
                    + p
                    + "b"
                    + i
                    + " "
                    + p
                    + "c"
                    + i
                    + " about kafka"
                    + ".".repeat(i % 7))
        .toList();
  }

  private static Map<Long, List<String>> highlights(
      Map<Long, List<String>> items, CountingModel model) {
    return CvAssembler.highlights(items, Map.of(), Set.of("kafka"), LIMITS, model);
  }

  /** 40 items of 200 sentences each: the former code embedded all 8,000 sentences. */
  @Test
  void aCvEmbedsAtMostItsCapInOneCall() {
    Map<Long, List<String>> items = new LinkedHashMap<>();
    for (long id = 0; id < 40; id++) {
      items.put(id, sentences("Item " + id, 200));
    }
    CountingModel model = new CountingModel();
    Map<Long, List<String>> highlights = highlights(items, model);
    assertThat(model.calls).hasSize(1);
    assertThat(model.calls.get(0)).isGreaterThan(3 * 40).isLessThanOrEqualTo(300);
    assertThat(highlights).hasSize(40).allSatisfy((id, h) -> assertThat(h).hasSize(3));
  }

  /** 160 items (8 sections of 20): the cap leaves each no more candidates than it shows. */
  @Test
  void whenTheCapLeavesNoChoiceTheWordsChooseWithoutTheModel() {
    Map<Long, List<String>> items = new LinkedHashMap<>();
    for (long id = 0; id < 160; id++) {
      items.put(id, sentences("Item " + id, 200));
    }
    CountingModel model = new CountingModel();
    Map<Long, List<String>> highlights = highlights(items, model);
    assertThat(model.calls).isEmpty();
    assertThat(highlights).hasSize(160).allSatisfy((id, h) -> assertThat(h).hasSize(3));
  }

  @Test
  void aSentenceRepeatedByManyItemsIsEmbeddedOnce() {
    List<String> shared = sentences("Shared", 20);
    Map<Long, List<String>> items = new LinkedHashMap<>();
    for (long id = 0; id < 10; id++) {
      items.put(id, shared);
    }
    CountingModel model = new CountingModel();
    highlights(items, model);
    assertThat(model.seen).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(12);
  }

  /** Short items are embedded too (one call): their bullets are checked for duplicates. */
  @Test
  void itemsWithFewSentencesKeepThemAll() {
    Map<Long, List<String>> items = Map.of(1L, sentences("Short", 3), 2L, List.of());
    CountingModel model = new CountingModel();
    Map<Long, List<String>> highlights = highlights(items, model);
    assertThat(model.calls).containsExactly(3);
    assertThat(highlights.get(1L)).hasSize(3);
    assertThat(highlights.get(2L)).isEmpty();
  }

  @Test
  void theHighestScoredCandidatesAreShownInTheItemsOwnOrder() {
    List<String> item =
        List.of(
            "Ran kafka.",
            "Ran kafka clusters at scale for years.",
            "Kafka.",
            "Operated kafka for the payments ledger team.",
            "Wrote kafka docs.");
    CountingModel model = new CountingModel();
    Map<Long, List<String>> highlights = highlights(Map.of(7L, item), model);
    assertThat(highlights.get(7L))
        .containsExactly(
            "Ran kafka clusters at scale for years.",
            "Operated kafka for the payments ledger team.",
            "Wrote kafka docs.");
  }

  /** The vectors the test model gives: near-duplicates point the same way. */
  private static Function<List<String>, List<CvAssembler.Scored>> modelWith(
      Map<String, float[]> vectors, Map<String, Double> relevance) {
    return texts ->
        texts.stream()
            .map(t -> new CvAssembler.Scored(relevance.getOrDefault(t, 0.5), vectors.get(t)))
            .toList();
  }

  /**
   * Issue 12: the Oracle→PostgreSQL migration appeared twice (a job and a project told it in other
   * words). Of two near-duplicates across the CV only the better supported stays.
   */
  @Test
  void aNearDuplicateAcrossItemsIsKeptOnceTheBetterSupported() {
    String job = "Migrated the billing database from Oracle to PostgreSQL with no downtime.";
    String project = "Moved our billing system off Oracle onto Postgres without an outage.";
    String other = "Mentored two junior engineers through code review.";
    Map<String, float[]> vectors =
        Map.of(
            job, new float[] {1, 0.05f, 0},
            project, new float[] {1, 0, 0.05f},
            other, new float[] {0, 1, 0});
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(
            new LinkedHashMap<>(Map.of(1L, List.of(job), 2L, List.of(project, other))),
            Map.of(),
            Set.of("postgresql"),
            LIMITS,
            modelWith(vectors, Map.of(job, 0.7, project, 0.6, other, 0.4)));
    assertThat(highlights.get(1L)).containsExactly(job);
    assertThat(highlights.get(2L)).containsExactly(other);
  }

  /** The same check without vectors: most words shared is a duplicate too. */
  @Test
  void aLexicalNearDuplicateIsDroppedWithoutTheModel() {
    String a = "Replaced RabbitMQ with Kafka for all payment events in 2021.";
    String b = "Replaced RabbitMQ with Kafka for payment events.";
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(
            new LinkedHashMap<>(Map.of(1L, List.of(a), 2L, List.of(b))),
            Map.of(),
            Set.of("kafka"),
            new CvAssembler.HighlightLimits(3, 12, 0),
            texts -> List.of());
    assertThat(highlights.get(1L).size() + highlights.get(2L).size()).isEqualTo(1);
  }

  /** "It was my first time…", "After a year I moved…" are never bullets. */
  @Test
  void narrativeAsidesAreNeverBullets() {
    List<String> sentences =
        List.of(
            "It was my first time working with Kafka in production.",
            "After a year I moved to the payments team.",
            "Cut checkout latency by 40% by moving sessions to Redis.");
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(
            Map.of(1L, sentences), Map.of(), Set.of("kafka"), LIMITS, new CountingModel());
    assertThat(highlights.get(1L))
        .containsExactly("Cut checkout latency by 40% by moving sessions to Redis.");
  }

  /** An education item is shortened to one bullet by its own limit. */
  @Test
  void anItemsOwnLimitShortensIt() {
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(
            Map.of(4L, sentences("Edu", 5)),
            Map.of(4L, 1),
            Set.of("kafka"),
            LIMITS,
            new CountingModel());
    assertThat(highlights.get(4L)).hasSize(1);
  }

  /**
   * The demo's pair from issue 12 (MiniLM cosine 0.559): the same migration as a story and as a
   * result shares five content words; the better supported one stays.
   */
  @Test
  void theSameFactsToldTwiceAtAMiddlingCosineAreKeptOnce() {
    String story =
        "My largest assignment was the migration of the claims database from Oracle to PostgreSQL,"
            + " including rewriting PL/SQL procedures.";
    String result =
        "Migrated a 700 GB claims database from Oracle to PostgreSQL with no data loss and a"
            + " 40-minute cutover";
    float c = 0.56f;
    float s = (float) Math.sqrt(1 - c * c);
    Map<String, float[]> vectors = Map.of(story, new float[] {1, 0}, result, new float[] {c, s});
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(
            new LinkedHashMap<>(Map.of(1L, List.of(story), 2L, List.of(result))),
            Map.of(),
            Set.of("postgresql"),
            LIMITS,
            modelWith(vectors, Map.of(story, 0.5, result, 0.6)));
    assertThat(highlights.get(1L)).isEmpty();
    assertThat(highlights.get(2L)).containsExactly(result);
  }
}
