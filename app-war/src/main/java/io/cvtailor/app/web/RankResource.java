package io.cvtailor.app.web;

import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.app.startup.ReadReplica;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.search.ArtifactRanking;
import io.cvtailor.search.RankQuery;
import io.cvtailor.search.RankResult;
import io.cvtailor.search.RankingMethod;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/artifacts/rank")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search and ranking")
public class RankResource {
  static final int MAX_POSTING_CHARS = 50_000;

  /** As many as an account may hold (artifacts.max-per-user's default). */
  static final int MAX_ARTIFACT_IDS = 10_000;

  @Inject ArtifactRanking ranking;
  @Inject ReadReplica replica;
  @Inject ArtifactCatalog catalog;
  @Inject Validator validator;
  @Context SecurityContext security;

  /** Lengths are limits before work: arrays are counted while read (see BoundedCollections). */
  public record RankRequest(
      @Size(max = MAX_POSTING_CHARS, message = "must be at most 50000 characters")
          String jobDescription,
      @Size(max = MAX_ARTIFACT_IDS, message = "must have at most 10000 items")
          List<Long> artifactIds,
      @Size(max = 20, message = "must be at most 20 characters") String rankingMethod,
      Integer topK) {

    // Explicit, so the constraints stay on the fields: Java copies record-component annotations
    // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
    // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
    public RankRequest(
        String jobDescription, List<Long> artifactIds, String rankingMethod, Integer topK) {
      this.jobDescription = jobDescription;
      this.artifactIds = artifactIds;
      this.rankingMethod = rankingMethod;
      this.topK = topK;
    }
  }

  @POST
  @Operation(
      summary = "Rank the caller's artifacts against a job posting",
      description =
          "semantic: best passage match blended with whole-artifact similarity; keyword: full-text"
              + " match of the posting's words; hybrid: Reciprocal Rank Fusion of both. Scores are in"
              + " 0..1 and relative (they order the list: the top item of a method is near 1"
              + " whatever it is). fit (per artifact, and for the posting: the best of them) is"
              + " absolute and the same for every method: level strong, partial, weak or unrelated,"
              + " from best_similarity (the best cosine between one of the posting's requirements"
              + " and one of the artifact's passages) and term_share (the share of the posting's"
              + " requirement terms, filler left out, that the artifact contains), cut at points"
              + " calibrated per model (docs/tailoring.md). job_embedding_generated is false when"
              + " the posting's embedding came from the cache.")
  @RateLimited(RouteClass.SEARCH)
  public RankResult rank(RankRequest request) {
    List<FieldError> errors =
        new ArrayList<>(InputValidation.check(validator, RequestBodies.required(request)));
    long userId = CurrentUser.id(security);
    String posting = request.jobDescription();
    if (posting == null || posting.isBlank()) {
      errors.add(new FieldError("job_description", "is required"));
    }
    RankingMethod method = RankingMethod.HYBRID;
    if (request.rankingMethod() != null) {
      method = RankingMethod.fromValue(request.rankingMethod()).orElse(null);
      if (method == null) {
        errors.add(new FieldError("ranking_method", "must be one of semantic, keyword, hybrid"));
      }
    }
    int topK = request.topK() == null ? 5 : request.topK();
    if (topK < 1 || topK > 100) {
      errors.add(new FieldError("top_k", "must be from 1 to 100"));
    }
    if (request.artifactIds() != null && request.artifactIds().contains(null)) {
      errors.add(new FieldError("artifact_ids", "must contain artifact ids only"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (request.artifactIds() != null) {
      List<Long> foreign = catalog.notOwnedBy(userId, request.artifactIds());
      if (!foreign.isEmpty()) {
        throw new NotFoundException("artifact " + foreign.get(0));
      }
    }
    RankQuery query = new RankQuery(userId, posting, request.artifactIds(), method, topK);
    // Ranking's reads tolerate the standby's bounded lag (docs/scaling.md); the ownership check
    // above stays on the primary, so artifact ids saved a moment ago are never refused.
    return replica.read(() -> ranking.rank(query));
  }
}
