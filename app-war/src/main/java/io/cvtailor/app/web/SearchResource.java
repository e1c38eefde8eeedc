package io.cvtailor.app.web;

import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.app.startup.ReadReplica;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.search.DistanceMethod;
import io.cvtailor.search.SimilarQuery;
import io.cvtailor.search.SimilarResult;
import io.cvtailor.search.SimilaritySearch;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/artifacts/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search and ranking")
public class SearchResource {
  @Inject SimilaritySearch search;
  @Inject ReadReplica replica;
  @Inject QueryEmbeddings queries;
  @Inject EmbeddingPipeline pipeline;
  @Inject Config config;
  @Inject Validator validator;
  @Context SecurityContext security;

  static final int MAX_QUERY_CHARS = 50_000;

  /** Lengths are limits before work: arrays are counted while read (see BoundedCollections). */
  public record SimilarRequest(
      @Size(max = MAX_QUERY_CHARS, message = "must be at most 50000 characters") String queryText,
      @Size(max = 4_000, message = "must have at most 4000 numbers") List<Double> queryEmbedding,
      Integer limit,
      Double similarityThreshold,
      @Size(max = 10, message = "must have at most 10 items") List<String> artifactTypes,
      Boolean userOnly,
      @Size(max = 20, message = "must be at most 20 characters") String method) {

    // Explicit, so the constraints stay on the fields: Java copies record-component annotations
    // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
    // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
    public SimilarRequest(
        String queryText,
        List<Double> queryEmbedding,
        Integer limit,
        Double similarityThreshold,
        List<String> artifactTypes,
        Boolean userOnly,
        String method) {
      this.queryText = queryText;
      this.queryEmbedding = queryEmbedding;
      this.limit = limit;
      this.similarityThreshold = similarityThreshold;
      this.artifactTypes = artifactTypes;
      this.userOnly = userOnly;
      this.method = method;
    }
  }

  @POST
  @Path("/similar")
  @Operation(
      summary = "Artifacts most similar to a text or a vector",
      description =
          "Exactly one of query_text and query_embedding. similarity_score is a similarity"
              + " (higher is better): cosine 1 - distance, l2 1 / (1 + distance), inner_product"
              + " -distance; distance is the operator's raw value.")
  @RateLimited(RouteClass.SEARCH)
  public SimilarResult similar(SimilarRequest request) {
    List<FieldError> errors =
        new ArrayList<>(InputValidation.check(validator, RequestBodies.required(request)));
    boolean hasText = request.queryText() != null && !request.queryText().isBlank();
    boolean hasVector = request.queryEmbedding() != null;
    if (hasText == hasVector) {
      errors.add(
          new FieldError("query_text", "send exactly one of query_text and query_embedding"));
    }
    int limit = request.limit() == null ? 10 : request.limit();
    if (limit < 1 || limit > 100) {
      errors.add(new FieldError("limit", "must be from 1 to 100"));
    }
    DistanceMethod method = DistanceMethod.COSINE;
    if (request.method() != null) {
      method = DistanceMethod.fromValue(request.method()).orElse(null);
      if (method == null) {
        errors.add(new FieldError("method", "must be one of cosine, l2, inner_product"));
      }
    }
    Set<ArtifactType> types = EnumSet.noneOf(ArtifactType.class);
    if (request.artifactTypes() != null) {
      for (int i = 0; i < request.artifactTypes().size(); i++) {
        String type = request.artifactTypes().get(i);
        ArtifactType.fromValue(type).ifPresent(types::add);
        if (ArtifactType.fromValue(type).isEmpty()) {
          errors.add(
              new FieldError(
                  "artifact_types[" + i + "]", "must be one of " + ArtifactType.allowedValues()));
        }
      }
    }
    Double threshold = request.similarityThreshold();
    if (threshold != null && !Double.isFinite(threshold)) {
      errors.add(new FieldError("similarity_threshold", "must be a finite number"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    float[] vector =
        hasVector
            ? Vectors.fromRequest(
                request.queryEmbedding(), pipeline.dimensions(), "query_embedding")
            : queries.embed(request.queryText());
    SimilarQuery query =
        new SimilarQuery(
            CurrentUser.id(security),
            vector,
            limit,
            threshold == null ? defaultThreshold() : threshold,
            types,
            request.userOnly() == null || request.userOnly(),
            method);
    // A read from start to end that tolerates the standby's bounded lag (search already lags
    // behind writes by the embedding queue): on db.read-url when it is fit for it.
    return replica.read(() -> search.findSimilar(query));
  }

  /** The configured default for the active model: thresholds do not carry across models. */
  private double defaultThreshold() {
    return config
        .getOptionalValue("search.similarity-threshold." + pipeline.activeModel(), Double.class)
        .or(() -> config.getOptionalValue("search.similarity-threshold", Double.class))
        .orElse(0.0);
  }
}
