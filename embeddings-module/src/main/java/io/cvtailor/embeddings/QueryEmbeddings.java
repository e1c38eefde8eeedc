package io.cvtailor.embeddings;

import java.util.List;

/** Embeds search queries and job descriptions with the active model. */
public interface QueryEmbeddings {

  /** One embedded piece of a query: its text and vector. */
  record Piece(String text, float[] vector) {}

  /** The text as pieces that each fit the model (a long job posting becomes several). */
  List<Piece> embedPieces(String text);

  /** A single vector for the whole text: the normalised mean of its pieces. */
  float[] embed(String text);

  /** One vector per text, in one model call when they all fit (a longer text: mean of pieces). */
  List<float[]> embedEach(List<String> texts);
}
