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
 * all-MiniLM-L6-v2 (quantized) run in-process with ONNX Runtime. The model and tokenizer come from
 * the langchain4j model jar, so nothing is downloaded. Each input is run alone, mean-pooled and
 * L2-normalised. An input over the model's 128 tokens is rejected instead of being cut silently:
 * callers chunk long text first.
 *
 * <p>Why not several inputs per ONNX call: the quantized model quantizes activations dynamically,
 * with one scale per tensor, so a text's vector depended on the other texts in its batch (cosine to
 * the same text embedded alone 0.986-0.995, measured). A text must always get the same vector
 * (stored and query vectors are compared, unchanged text is not re-embedded), and batching saved
 * little on this machine: 2.3 vs 2.8 ms per 40-token text at 32 per call, none at 90 tokens.
 */
public final class LocalMiniLmProvider implements EmbeddingProvider, AutoCloseable {
  public static final String MODEL_ID = "all-minilm-l6-v2-q";
  private static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
  static final int DIMENSIONS = 384;
  static final int MAX_TOKENS = 128;

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;

  public LocalMiniLmProvider() {
    // before DJL would load it from its shared cache path: a redeployed WAR must load its own copy
    NativeTokenizerLibrary.load();
    try {
      environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
      session = environment.createSession(readResource(MODEL_RESOURCE), options);
      try (InputStream json = resource(TOKENIZER_RESOURCE)) {
        tokenizer =
            HuggingFaceTokenizer.newInstance(
                json, Map.of("truncation", "false", "padding", "false", "maxLength", "100000"));
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("the local embedding model could not be loaded", e);
    }
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public int maxInputTokens() {
    return MAX_TOKENS;
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

  @Override
  public List<float[]> embed(List<String> inputs) {
    List<Encoding> encodings = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      String text = inputs.get(i);
      if (text == null || text.isBlank()) {
        throw new EmbeddingException("input " + i + " is blank", false);
      }
      Encoding encoding = tokenizer.encode(text);
      int length = encoding.getIds().length;
      if (length > MAX_TOKENS) {
        throw new EmbeddingException(
            "input " + i + " has " + length + " tokens; " + MODEL_ID + " takes " + MAX_TOKENS,
            false);
      }
      encodings.add(encoding);
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
                Map.of(
                    "input_ids", idTensor,
                    "attention_mask", maskTensor,
                    "token_type_ids", typeTensor))) {
      float[][][] hidden = (float[][][]) result.get(0).getValue();
      return meanPoolAndNormalise(hidden[0], encoding.getAttentionMask());
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
    double norm = 0;
    for (int d = 0; d < DIMENSIONS; d++) {
      vector[d] /= counted;
      norm += vector[d] * vector[d];
    }
    float scale = (float) (1.0 / Math.sqrt(norm));
    for (int d = 0; d < DIMENSIONS; d++) {
      vector[d] *= scale;
    }
    return vector;
  }

  private static InputStream resource(String name) {
    InputStream in = LocalMiniLmProvider.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is missing: is the model jar on the class path?");
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
