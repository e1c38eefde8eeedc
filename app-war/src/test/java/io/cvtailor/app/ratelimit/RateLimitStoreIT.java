package io.cvtailor.app.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.testsupport.TestDatabase;
import io.github.bucket4j.BucketConfiguration;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code rate-limit.store=postgresql}: two application instances (two proxy managers) on one
 * database share one budget per caller, where the local store gives each instance its own. Runs the
 * real migration (identity/V31) in a schema of its own on the run's database.
 */
class RateLimitStoreIT {

  @Test
  void instancesSharingTheDatabaseShareOneBudget() throws Exception {
    TestDatabase database = TestDatabase.get();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(database.url());
    dataSource.setUser(database.user());
    dataSource.setPassword(database.password());
    String schema = "ratelimit_" + UUID.randomUUID().toString().replace("-", "");
    String migration;
    try (var in =
        getClass().getResourceAsStream("/db/migration/identity/V31__rate_limit_buckets.sql")) {
      migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      s.execute("SET search_path TO " + schema);
      s.execute(migration);
    }
    try {
      String table = schema + ".rate_limit_buckets";
      RateLimiter.Store first =
          new RateLimiter.SharedStore(RateLimiter.postgresProxyManager(dataSource, table));
      RateLimiter.Store second =
          new RateLimiter.SharedStore(RateLimiter.postgresProxyManager(dataSource, table));
      // five at once, one more per minute
      BucketConfiguration five = RateLimiter.configuration(5, 1);

      int served = 0;
      for (int i = 0; i < 3; i++) {
        served += first.bucket("read:u:1", five).tryConsume(1) ? 1 : 0;
      }
      for (int i = 0; i < 3; i++) {
        served += second.bucket("read:u:1", five).tryConsume(1) ? 1 : 0;
      }
      assertThat(served).isEqualTo(5);
      assertThat(first.bucket("read:u:1", five).tryConsumeAndReturnRemaining(1).isConsumed())
          .isFalse();
      // another caller has a budget of its own
      assertThat(second.bucket("read:u:2", five).tryConsume(1)).isTrue();

      // the local store, by contrast, is one budget per instance
      RateLimiter.Store localA = new RateLimiter.LocalStore(10);
      RateLimiter.Store localB = new RateLimiter.LocalStore(10);
      int local = 0;
      for (int i = 0; i < 5; i++) {
        local += localA.bucket("read:u:1", five).tryConsume(1) ? 1 : 0;
        local += localB.bucket("read:u:1", five).tryConsume(1) ? 1 : 0;
      }
      assertThat(local).isEqualTo(10);
    } finally {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void theLocalStoreIsBoundedWhateverTheNumberOfCallers() {
    RateLimiter.LocalStore store = new RateLimiter.LocalStore(100);
    BucketConfiguration one = RateLimiter.configuration(1, 1);
    for (int i = 0; i < 10_000; i++) {
      store.bucket("anonymous:a:198.18." + (i / 256) + "." + (i % 256), one).tryConsume(1);
    }
    assertThat(store.size()).isEqualTo(100L);
  }
}
