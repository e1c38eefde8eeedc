package io.cvtailor.search;

import java.util.List;

/** Rank the user's artifacts (or only {@code artifactIds}, when given) against a job posting. */
public record RankQuery(
    long userId, String jobDescription, List<Long> artifactIds, RankingMethod method, int topK) {}
