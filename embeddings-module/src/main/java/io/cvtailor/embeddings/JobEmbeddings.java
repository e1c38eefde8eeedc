package io.cvtailor.embeddings;

import java.util.List;

/** Embeddings of job postings, cached per user and model (the seed's job_embeddings). */
public interface JobEmbeddings {

  /**
   * The posting's pieces (each within the model's input limit, so a long posting is not cut to its
   * first tokens), their mean as {@code whole}, and whether the model was called ({@code generated}
   * false means the cache answered).
   */
  record JobEmbedding(List<QueryEmbeddings.Piece> pieces, float[] whole, boolean generated) {}

  JobEmbedding forPosting(long userId, String jobDescription);
}
