package io.cvtailor.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartialDateTest {

  /** Issue 12: "March 2020" was refused by a YYYY-MM field. */
  @ParameterizedTest
  @CsvSource({
    "March 2020, 2020-03",
    "march 2020, 2020-03",
    "Mar 2020, 2020-03",
    "Mar. 2020, 2020-03",
    "Sept 2021, 2021-09",
    "'  December   1999 ', 1999-12",
    "03/2020, 2020-03",
    "3/2020, 2020-03",
    "3.2020, 2020-03",
    "2020/03, 2020-03",
    "2020, 2020",
    "2020-03, 2020-03",
    "2020-03-15, 2020-03-15"
  })
  void datesAsPeopleWriteThemAreReadAndNormalised(String typed, String normalised) {
    assertThat(PartialDate.parse(typed))
        .hasValueSatisfying(d -> assertThat(d).hasToString(normalised));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Marchember 2020",
        "13/2020",
        "2020/13",
        "0/2020",
        "2020-02-30",
        "ma 2020",
        "next year",
        "20",
        "March",
        "March 2020 and more text that goes on"
      })
  void anythingElseIsRefused(String typed) {
    assertThat(PartialDate.parse(typed)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void longInputIsRefusedBeforeAnyMatching() {
    assertThat(PartialDate.parse("a".repeat(100_000) + " 2020")).isEmpty();
    assertThat(PartialDate.parse(" ".repeat(100_000))).isEmpty();
  }
}
