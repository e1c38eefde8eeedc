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
  private static final class CountingModel implements Function<List<String>, List<Double>> {
    final List<Integer> calls = new ArrayList<>();
    final List<String> seen = new ArrayList<>();

    @Override
    public List<Double> apply(List<String> sentences) {
      calls.add(sentences.size());
      seen.addAll(sentences);
      return sentences.stream().map(s -> (double) s.length()).toList();
    }
  }

  private static List<String> sentences(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> prefix + " sentence number " + i + " about kafka" + ".".repeat(i % 7))
        .toList();
  }

  /** 40 items of 200 sentences each: the former code embedded all 8,000 sentences. */
  @Test
  void aCvEmbedsAtMostItsCapInOneCall() {
    Map<Long, List<String>> items = new LinkedHashMap<>();
    for (long id = 0; id < 40; id++) {
      items.put(id, sentences("Item " + id, 200));
    }
    CountingModel model = new CountingModel();
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(items, Set.of("kafka"), LIMITS, model);
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
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(items, Set.of("kafka"), LIMITS, model);
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
    CvAssembler.highlights(items, Set.of("kafka"), LIMITS, model);
    assertThat(model.seen).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(12);
  }

  @Test
  void itemsWithFewSentencesNeedNoModelCall() {
    Map<Long, List<String>> items = Map.of(1L, sentences("Short", 3), 2L, List.of());
    CountingModel model = new CountingModel();
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(items, Set.of("kafka"), LIMITS, model);
    assertThat(model.calls).isEmpty();
    assertThat(highlights.get(1L)).hasSize(3);
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
    Map<Long, List<String>> highlights =
        CvAssembler.highlights(Map.of(7L, item), Set.of("kafka"), LIMITS, model);
    assertThat(highlights.get(7L))
        .containsExactly(
            "Ran kafka clusters at scale for years.",
            "Operated kafka for the payments ledger team.",
            "Wrote kafka docs.");
  }
}
