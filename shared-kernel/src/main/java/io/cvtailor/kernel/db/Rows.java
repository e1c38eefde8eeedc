package io.cvtailor.kernel.db;

import jakarta.annotation.Nullable;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way the rows of a native query become records: each query has a small mapper beside it
 * that reads its row through typed getters, instead of {@code Object[]} casts at every use.
 * EclipseLink returns a bare value for a one-column query and an {@code Object[]} otherwise, and a
 * number as whatever the driver chose ({@code Integer}, {@code Long}, {@code BigDecimal}); both
 * differences end here.
 */
public final class Rows {
  private Rows() {}

  /** Reads one row into a value (usually a record declared next to the query). */
  @FunctionalInterface
  public interface Mapper<T> {
    T map(Row row);
  }

  /** Every row of the query, mapped. */
  public static <T> List<T> list(Query query, Mapper<T> mapper) {
    List<?> raw = query.getResultList();
    List<T> mapped = new ArrayList<>(raw.size());
    for (Object row : raw) {
      mapped.add(mapper.map(new Row(row)));
    }
    return mapped;
  }

  /** The query's one row, mapped (an aggregate without GROUP BY always has one). */
  public static <T> T single(Query query, Mapper<T> mapper) {
    return mapper.map(new Row(query.getSingleResult()));
  }

  /**
   * The first row, mapped, if there is one: for a query that finds at most one row by its key (its
   * SQL is sent as written; no LIMIT is added).
   */
  public static <T> Optional<T> first(Query query, Mapper<T> mapper) {
    List<?> raw = query.getResultList();
    return raw.isEmpty() ? Optional.empty() : Optional.of(mapper.map(new Row(raw.get(0))));
  }

  /** One result row; columns by position from 0, in the order of the SELECT list. */
  public static final class Row {
    private final Object[] values;

    Row(Object raw) {
      this.values = raw instanceof Object[] columns ? columns : new Object[] {raw};
    }

    /** Wraps already fetched columns (for code that reads rows another way, and for tests). */
    public static Row of(Object... columns) {
      return new Row(columns);
    }

    public int size() {
      return values.length;
    }

    public Object get(int column) {
      return values[column];
    }

    public boolean isNull(int column) {
      return values[column] == null;
    }

    public long getLong(int column) {
      return number(column).longValue();
    }

    public int getInt(int column) {
      return number(column).intValue();
    }

    public double getDouble(int column) {
      return number(column).doubleValue();
    }

    /** The number, or null for SQL NULL. */
    public @Nullable Long getLongOrNull(int column) {
      return values[column] == null ? null : getLong(column);
    }

    /** The number, or null for SQL NULL. */
    public @Nullable Double getDoubleOrNull(int column) {
      return values[column] == null ? null : getDouble(column);
    }

    public boolean getBoolean(int column) {
      Object value = require(column);
      return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
    }

    /** The column's text (a {@code character(n)} value keeps its padding), or null. */
    public @Nullable String getString(int column) {
      Object value = values[column];
      return value == null ? null : value.toString();
    }

    /** A {@code timestamptz} column, or null. */
    public @Nullable Instant getInstant(int column) {
      Object value = values[column];
      if (value == null) {
        return null;
      }
      if (value instanceof Timestamp t) {
        return t.toInstant();
      }
      if (value instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      if (value instanceof Instant i) {
        return i;
      }
      if (value instanceof java.util.Date d) {
        return d.toInstant();
      }
      return Instant.parse(value.toString());
    }

    private Number number(int column) {
      return (Number) require(column);
    }

    private Object require(int column) {
      Object value = values[column];
      if (value == null) {
        throw new IllegalStateException("column " + column + " is NULL");
      }
      return value;
    }
  }
}
