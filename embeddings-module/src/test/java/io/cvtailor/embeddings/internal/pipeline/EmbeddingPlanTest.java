package io.cvtailor.embeddings.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.embeddings.internal.chunking.TextChunker;
import io.cvtailor.embeddings.internal.provider.LocalOnnxProvider;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingPlanTest {
  private static LocalOnnxProvider model;

  @BeforeAll
  static void loadModel() {
    model = new LocalOnnxProvider();
  }

  @AfterAll
  static void closeModel() throws Exception {
    model.close();
  }

  private static ArtifactContent artifact(List<String> tags) {
    String content =
        IntStream.rangeClosed(1, 30)
            .mapToObj(i -> "Step " + i + " moved a nightly batch job to incremental dbt models.")
            .collect(Collectors.joining(" "));
    return new ArtifactContent(
        1,
        1,
        1,
        ArtifactType.EXPERIENCE,
        "Data Engineer",
        "Rotaviva",
        tags,
        "Built the warehouse.",
        content,
        "");
  }

  @Test
  void everyChunkStartsWithTheTitleLineAndTheTags() {
    EmbeddingPlan plan = EmbeddingPlan.of(artifact(List.of("dbt", "Snowflake")), model);
    assertThat(plan.chunks()).hasSizeGreaterThan(2);
    for (TextChunker.Chunk chunk : plan.chunks()) {
      assertThat(chunk.text()).startsWith("Data Engineer — Rotaviva\nTags: dbt, Snowflake.\n");
      assertThat(chunk.tokenCount()).isLessThanOrEqualTo(model.maxInputTokens());
    }
    assertThat(plan.chunks().get(0).text())
        .as("the tags are not repeated in the body")
        .containsOnlyOnce("Tags:");
  }

  @Test
  void withoutTagsTheChunksStartWithTheTitleLine() {
    EmbeddingPlan plan = EmbeddingPlan.of(artifact(List.of()), model);
    assertThat(plan.chunks().get(0).text()).startsWith("Data Engineer — Rotaviva\nBuilt the");
  }

  @Test
  void tooManyTagsForEveryChunkGoOnceInTheBody() {
    List<String> tags =
        IntStream.rangeClosed(1, 40).mapToObj(i -> "technology number " + i).toList();
    EmbeddingPlan plan = EmbeddingPlan.of(artifact(tags), model);
    assertThat(plan.chunks().get(0).text()).startsWith("Data Engineer — Rotaviva\nTags:");
    assertThat(plan.chunks().get(plan.chunks().size() - 1).text()).doesNotContain("Tags:");
    for (TextChunker.Chunk chunk : plan.chunks()) {
      assertThat(chunk.tokenCount()).isLessThanOrEqualTo(model.maxInputTokens());
    }
  }
}
