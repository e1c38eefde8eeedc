package io.cvtailor.embeddings;

/** Start-up and state of the background embedding pipeline. */
public interface EmbeddingPipeline {

  /** Loads the model and starts the worker; called once the schema is migrated. */
  void start();

  /** True once the active model has embedded a text. */
  boolean modelLoaded();

  /** The active model's id, e.g. {@code all-minilm-l6-v2-q}. */
  String activeModel();

  int dimensions();
}
