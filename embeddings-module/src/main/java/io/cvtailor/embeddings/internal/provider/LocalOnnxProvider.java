package io.cvtailor.embeddings.internal.provider;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.kernel.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@link LocalModel} (all-MiniLM-L6-v2 by default; bge-small-en-v1.5 and e5-small-v2, all
 * quantized) run in-process with ONNX Runtime. The model and tokenizer come from the langchain4j
 * model jar, so nothing is downloaded. Each input is run alone, pooled as the model was trained
 * (mean or [CLS]) and L2-normalised; queries and passages get the model's own prefixes. An input
 * over the model's tokens is rejected instead of being cut silently: callers chunk long text first
 * ({@link #maxInputTokens()} leaves room for the longer prefix, so a chunk fits either way).
 *
 * <p>Why not several inputs per ONNX call: the quantized models quantize activations dynamically,
 * with one scale per tensor, so a text's vector depended on the other texts in its batch (cosine to
 * the same text embedded alone 0.986-0.995, measured with MiniLM). A text must always get the same
 * vector (stored and query vectors are compared, unchanged text is not re-embedded), and batching
 * saved little on this machine: 2.3 vs 2.8 ms per 40-token text at 32 per call, none at 90 tokens.
 */
public final class LocalOnnxProvider implements EmbeddingProvider, AutoCloseable {
  /** The default model's id. */
  public static final String MODEL_ID = LocalModel.ALL_MINILM_L6_V2_Q.id();

  static final int DIMENSIONS = 384;

  private final LocalModel model;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean takesTokenTypes;
  private final int maxInputTokens;

  /** The default model, all-MiniLM-L6-v2 (quantized). */
  public LocalOnnxProvider() {
    this(LocalModel.ALL_MINILM_L6_V2_Q);
  }

  public LocalOnnxProvider(LocalModel model) {
    this.model = model;
    // before DJL would load it from its shared cache path: a redeployed WAR must load its own copy
    NativeTokenizerLibrary.load();
    try {
      environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
      session = environment.createSession(readResource(model.onnxResource()), options);
      takesTokenTypes = session.getInputNames().contains("token_type_ids");
      try (InputStream json = resource(model.tokenizerResource())) {
        tokenizer =
            HuggingFaceTokenizer.newInstance(
                json, Map.of("truncation", "false", "padding", "false", "maxLength", "100000"));
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException(
          "the local embedding model " + model.id() + " could not be loaded", e);
    }
    int prefixTokens =
        Math.max(prefixTokens(model.queryPrefix()), prefixTokens(model.passagePrefix()));
    maxInputTokens = model.maxTokens() - prefixTokens;
  }

  private int prefixTokens(String prefix) {
    return prefix.isEmpty() ? 0 : tokenizer.encode(prefix, false, false).getIds().length;
  }

  @Override
  public String modelId() {
    return model.id();
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public int maxInputTokens() {
    return maxInputTokens;
  }

  @Override
  public BigDecimal pricePerToken() {
    return BigDecimal.ZERO;
  }

  @Override
  public int countTokens(String text) {
    return tokenizer.encode(text).getIds().length;
  }

  /**
   * The ends of the tokenizer's own token spans (special tokens have none): WordPiece pieces of a
   * long word, single CJK characters, URL punctuation. The tokenizer counts code points; they are
   * turned into offsets of the Java string (which differ after a character outside the BMP).
   */
  @Override
  public int[] tokenEnds(String text) {
    CharSpan[] spans = tokenizer.encode(text, false, false).getCharTokenSpans();
    int codePoints = text.codePointCount(0, text.length());
    int[] ends = new int[spans.length];
    int count = 0;
    int cp = 0;
    int offset = 0;
    for (CharSpan span : spans) {
      if (span == null) {
        continue;
      }
      int end = Math.min(codePoints, span.getEnd());
      if (end > cp) { // spans come in order: walk the string forward once
        offset = text.offsetByCodePoints(offset, end - cp);
        cp = end;
        ends[count++] = offset;
      }
    }
    return Arrays.copyOf(ends, count);
  }

  /** Passages (artifact chunks): with the model's passage prefix. */
  @Override
  public List<float[]> embed(List<String> inputs) {
    return embedWith(model.passagePrefix(), inputs);
  }

  /** Queries (search text, posting requirements): with the model's query prefix. */
  @Override
  public List<float[]> embedQueries(List<String> inputs) {
    return embedWith(model.queryPrefix(), inputs);
  }

  private List<float[]> embedWith(String prefix, List<String> inputs) {
    List<Encoding> encodings = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      String text = inputs.get(i);
      if (text == null || text.isBlank()) {
        throw new EmbeddingException("input " + i + " is blank", false);
      }
      if (countTokens(text) > maxInputTokens) {
        throw new EmbeddingException(
            "input "
                + i
                + " has "
                + countTokens(text)
                + " tokens; "
                + model.id()
                + " takes "
                + maxInputTokens,
            false);
      }
      encodings.add(tokenizer.encode(prefix + text));
    }
    List<float[]> vectors = new ArrayList<>(inputs.size());
    for (Encoding encoding : encodings) {
      // A request past its deadline stops here rather than keep the model busy (no-op outside one).
      Deadline.checkCurrent();
      vectors.add(embedOne(encoding));
    }
    return vectors;
  }

  private float[] embedOne(Encoding encoding) {
    long[] shape = {1, encoding.getIds().length};
    try (OnnxTensor idTensor =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
        OnnxTensor maskTensor =
            OnnxTensor.createTensor(
                environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
        OnnxTensor typeTensor =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape);
        OrtSession.Result result =
            session.run(
                takesTokenTypes
                    ? Map.of(
                        "input_ids", idTensor,
                        "attention_mask", maskTensor,
                        "token_type_ids", typeTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor))) {
      float[][][] hidden = (float[][][]) result.get(0).getValue();
      return model.pooling() == LocalModel.Pooling.CLS
          ? normalise(hidden[0][0].clone())
          : meanPoolAndNormalise(hidden[0], encoding.getAttentionMask());
    } catch (OrtException e) {
      throw new EmbeddingException("the local model failed: " + e.getMessage(), false, e);
    }
  }

  private static float[] meanPoolAndNormalise(float[][] tokens, long[] mask) {
    float[] vector = new float[DIMENSIONS];
    int counted = 0;
    for (int t = 0; t < mask.length; t++) {
      if (mask[t] == 0) {
        continue;
      }
      counted++;
      for (int d = 0; d < DIMENSIONS; d++) {
        vector[d] += tokens[t][d];
      }
    }
    for (int d = 0; d < DIMENSIONS; d++) {
      vector[d] /= counted;
    }
    return normalise(vector);
  }

  private static float[] normalise(float[] vector) {
    double norm = 0;
    for (float x : vector) {
      norm += x * x;
    }
    float scale = (float) (1.0 / Math.sqrt(norm));
    for (int d = 0; d < vector.length; d++) {
      vector[d] *= scale;
    }
    return vector;
  }

  private static InputStream resource(String name) {
    InputStream in = LocalOnnxProvider.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name
              + " is missing: the model's jar is not in this build (the WAR ships"
              + " all-minilm-l6-v2-q; build with ./mvnw -Pall-models package for the others)");
    }
    return in;
  }

  private static byte[] readResource(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
    tokenizer.close();
  }
}
