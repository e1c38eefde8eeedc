package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.internal.chunking.TextChunker;
import io.cvtailor.embeddings.internal.chunking.TextChunker.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts embedded for one artifact version: one per chunk of its description and content, each
 * prefixed with the title line and the tags (so that a passage keeps what it is about), and the
 * pieces of its summary (title, organization, tags, description). The {@code full} vector is the
 * normalised mean of the chunk vectors, and the {@code summary} vector the mean of the summary
 * pieces, so that no word is left out even when the text is longer than the model's input limit.
 */
record EmbeddingPlan(List<Chunk> chunks, List<Chunk> summaryPieces) {

  static final double CHUNK_OVERLAP = 0.2;

  static EmbeddingPlan of(ArtifactContent content, EmbeddingProvider provider) {
    TextChunker chunker = new TextChunker(provider, CHUNK_OVERLAP);
    String headline = content.headline();
    String tags = content.tagsLine();
    String chunkHeadline = tags.isEmpty() ? headline : headline + "\n" + tags;
    String body = content.detailText();
    if (provider.countTokens(chunkHeadline) - provider.countTokens("")
        > TextChunker.maxPrefixTokens(provider)) {
      // Too many tags to repeat in every chunk: they go once, at the start of the body (and a
      // headline too long by itself is cut in each chunk by the chunker, and kept whole once).
      chunkHeadline = headline;
      body = bodyOf(content);
    }
    List<Chunk> chunks = chunker.chunk(chunkHeadline, body);
    if (chunks.isEmpty()) {
      chunks = chunker.chunk(null, ArtifactContent.normalise(headline + "\n" + tags));
    }
    List<Chunk> summary = chunker.chunk(headline, summaryBody(content));
    if (summary.isEmpty()) {
      summary = chunker.chunk(null, headline);
    }
    return new EmbeddingPlan(chunks, summary);
  }

  /** Everything after the headline: tags, description and content. */
  private static String bodyOf(ArtifactContent content) {
    String full = content.embeddableText();
    String headline = content.headline();
    return full.startsWith(headline) ? full.substring(headline.length()).strip() : full;
  }

  private static String summaryBody(ArtifactContent content) {
    String summary = content.summaryText();
    String headline = content.headline();
    return summary.startsWith(headline) ? summary.substring(headline.length()).strip() : summary;
  }

  List<String> allTexts() {
    List<String> texts = new ArrayList<>(chunks.size() + summaryPieces.size());
    chunks.forEach(c -> texts.add(c.text()));
    summaryPieces.forEach(c -> texts.add(c.text()));
    return texts;
  }

  int totalTokens() {
    return chunks.stream().mapToInt(Chunk::tokenCount).sum()
        + summaryPieces.stream().mapToInt(Chunk::tokenCount).sum();
  }

  /** The L2-normalised mean of the vectors. */
  static float[] meanOf(List<float[]> vectors) {
    float[] mean = new float[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += v[i];
      }
    }
    double norm = 0;
    for (float x : mean) {
      norm += x * x;
    }
    if (norm == 0) {
      return mean;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < mean.length; i++) {
      mean[i] *= scale;
    }
    return mean;
  }
}
