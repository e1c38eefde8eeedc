package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenAiTokensTest {
  @Test
  void openAisModelsAreCountedExactlyWithCl100k() {
    // The counts OpenAI's tiktoken gives for cl100k_base.
    assertThat(OpenAiTokens.forModel("text-embedding-3-small").applyAsInt("hello world"))
        .isEqualTo(2);
    assertThat(OpenAiTokens.forModel("text-embedding-3-large").applyAsInt("tiktoken is great!"))
        .isEqualTo(6);
    assertThat(OpenAiTokens.forModel("text-embedding-ada-002").applyAsInt("")).isZero();
  }

  @Test
  void aSpecialTokenInTheTextIsOrdinaryText() {
    assertThat(OpenAiTokens.cl100k("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void otherModelsAreEstimatedOnTheHighSide() {
    String english =
        "Led the migration of a monolithic billing system to event-driven microservices on"
            + " Kubernetes, cutting release time from two weeks to one day.";
    int estimate = OpenAiTokens.forModel("nomic-embed-text").applyAsInt(english);
    assertThat(estimate).isGreaterThan(OpenAiTokens.cl100k(english));
    // One per CJK character: cl100k itself needs more for some (6 for these 5), which is why
    // OpenAI's models are no longer estimated.
    assertThat(OpenAiTokens.estimate("软件工程师")).isEqualTo(5);
    assertThat(OpenAiTokens.cl100k("软件工程师")).isEqualTo(6);
  }
}
