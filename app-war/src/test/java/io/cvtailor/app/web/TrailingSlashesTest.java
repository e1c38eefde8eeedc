package io.cvtailor.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrailingSlashesTest {

  @Test
  void trailingSlashesAreDropped() {
    assertThat(TrailingSlashes.withoutTrailingSlashes("/api/v1/artifacts///"))
        .isEqualTo("/api/v1/artifacts");
    assertThat(TrailingSlashes.withoutTrailingSlashes("/api/v1")).isEqualTo("/api/v1");
    assertThat(TrailingSlashes.withoutTrailingSlashes("//")).isEmpty();
  }

  /** {@code /+$} took 20 s for this path: each slash started a scan to the end of the run. */
  @Test
  void aLongRunOfSlashesBeforeTheEndIsLinear() {
    String path = "/api/" + "/".repeat(100_000) + "x";
    assertThat(
            assertTimeoutPreemptively(
                Duration.ofSeconds(2), () -> TrailingSlashes.withoutTrailingSlashes(path)))
        .isEqualTo(path);
  }
}
