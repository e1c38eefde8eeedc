package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.cv.CvService.PostingContext;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class PostingContextsTest {

  @Test
  void theDemoPostingsFirstTwoLines() {
    PostingContext c =
        PostingContexts.propose(
            "Senior Backend Engineer, Payments Platform\n"
                + "Tallbacka Pay — Gothenburg or Stockholm (hybrid)\n\n"
                + "Tallbacka Pay helps 9,000 Nordic online stores get paid.");
    assertThat(c.jobTitle()).isEqualTo("Senior Backend Engineer, Payments Platform");
    assertThat(c.company()).isEqualTo("Tallbacka Pay");
  }

  @Test
  void titleAtCompany() {
    PostingContext c =
        PostingContexts.propose("Paediatric Nurse at St. Olav Hospital (Trondheim)\n\nWe care.");
    assertThat(c.jobTitle()).isEqualTo("Paediatric Nurse");
    assertThat(c.company()).isEqualTo("St. Olav Hospital");
  }

  @Test
  void labelledLinesAndTitleDashCompany() {
    assertThat(PostingContexts.propose("Job title: Data Engineer\nCompany: Acme AB\n"))
        .isEqualTo(new PostingContext("Data Engineer", "Acme AB"));
    assertThat(PostingContexts.propose("Site Reliability Engineer — Nordhamn Logistics\nAbout us"))
        .isEqualTo(new PostingContext("Site Reliability Engineer", "Nordhamn Logistics"));
  }

  @Test
  void aCompanyFromTheOpeningText() {
    PostingContext c =
        PostingContexts.propose(
            "We are looking for a backend engineer to join our team.\nAcme Pay is hiring in Oslo.");
    assertThat(c.jobTitle()).isNull();
    assertThat(c.company()).isEqualTo("Acme Pay");
  }

  @Test
  void nothingToProposeFromEmptyText() {
    assertThat(PostingContexts.propose("   ")).isEqualTo(new PostingContext(null, null));
  }

  /** 50,000 characters of " at " without a capital: linear, bounded to the posting's head. */
  @Test
  void hostileTextIsLinear() {
    String posting = " at".repeat(16_000) + " is hiring".repeat(100);
    PostingContext c =
        Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> PostingContexts.propose(posting));
    assertThat(c.jobTitle()).isNull();
  }
}
