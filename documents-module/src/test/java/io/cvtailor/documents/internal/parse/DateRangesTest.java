package io.cvtailor.documents.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateRangesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Jan 2019 – Present|2019-01|-|true",
        "2019–21|2019|2021|false",
        "03/2019 - 11/2020|2019-03|2020-11|false",
        "since 2018|2018|-|true",
        "seit März 2018|2018-03|-|true",
        "sept. 2017 à juin 2019|2017-09|2019-06|false",
        "mar. 2021 – actualidad|2021-03|-|true",
        "janeiro de 2020 até o momento|2020-01|-|true",
        "enero de 2019 - diciembre de 2020|2019-01|2020-12|false",
        "maj 2015 – augusti 2019|2015-05|2019-08|false",
        "Oktober 2012 bis heute|2012-10|-|true",
        "2012-09 – 2016-07|2012-09|2016-07|false",
        "desde 2020|2020|-|true",
        "2014|2014|-|false",
        "Senior Engineer, Acme\tMay 2022 – Present|2022-05|-|true",
        "déc. 2019 — févr. 2021|2019-12|2021-02|false",
        "Jun 2021 to Dec 2022|2021-06|2022-12|false",
        "01.2018 – 06.2019|2018-01|2019-06|false",
        "ab Mai 2022|2022-05|-|true",
      })
  void reads_the_usual_forms(String text, String from, String to, boolean open) {
    Optional<DateRanges.Found> found = DateRanges.find(text);
    assertThat(found).isPresent();
    assertThat(found.get().from()).isEqualTo(from);
    assertThat(found.get().to()).isEqualTo(to);
    assertThat(found.get().open()).isEqualTo(open);
  }

  @org.junit.jupiter.api.Test
  void a_company_beside_its_dates_keeps_its_suffix() {
    String line = "Backend Engineer — Sälta Software AB\tMay 2022 – Present";
    DateRanges.Found found = DateRanges.find(line).orElseThrow();
    assertThat(line.substring(0, found.start())).endsWith("Sälta Software AB\t");
    assertThat(found.from()).isEqualTo("2022-05");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"Built a service for 10000 users", "Kotlin 1.9 and Java 17", "+47 555 12 345"})
  void numbers_that_are_not_years_are_not_dates(String text) {
    assertThat(DateRanges.find(text)).isEmpty();
  }
}
