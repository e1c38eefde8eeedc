package io.cvtailor.kernel.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RowsTest {
  @Test
  void numbersReadTheSameWhateverTypeTheDriverChose() {
    Rows.Row row = Rows.Row.of(7, 7L, new BigDecimal("7"), 7.0);
    for (int column = 0; column < 4; column++) {
      assertThat(row.getLong(column)).isEqualTo(7L);
      assertThat(row.getInt(column)).isEqualTo(7);
      assertThat(row.getDouble(column)).isEqualTo(7.0);
    }
  }

  @Test
  void aOneColumnResultIsARowOfOneColumn() {
    Rows.Row row = new Rows.Row(42L);
    assertThat(row.size()).isEqualTo(1);
    assertThat(row.getLong(0)).isEqualTo(42L);
  }

  @Test
  void nullsAreNullWhereAskedForAndAnErrorNamingTheColumnWhereNot() {
    Rows.Row row = Rows.Row.of(null, "x");
    assertThat(row.isNull(0)).isTrue();
    assertThat(row.getLongOrNull(0)).isNull();
    assertThat(row.getDoubleOrNull(0)).isNull();
    assertThat(row.getString(0)).isNull();
    assertThat(row.getInstant(0)).isNull();
    assertThatThrownBy(() -> row.getLong(0)).hasMessage("column 0 is NULL");
  }

  @Test
  void timestampsInEveryFormTheDriverReturnsAreInstants() {
    Instant at = Instant.parse("2026-12-01T05:30:00Z");
    Rows.Row row = Rows.Row.of(Timestamp.from(at), at.atOffset(ZoneOffset.ofHours(2)), at);
    assertThat(row.getInstant(0)).isEqualTo(at);
    assertThat(row.getInstant(1)).isEqualTo(at);
    assertThat(row.getInstant(2)).isEqualTo(at);
  }

  @Test
  void booleansFromBooleanOrText() {
    Rows.Row row = Rows.Row.of(Boolean.TRUE, "false");
    assertThat(row.getBoolean(0)).isTrue();
    assertThat(row.getBoolean(1)).isFalse();
  }
}
