package io.cvtailor.embeddings.internal.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when the code under test "sleeps": retries run without waiting. */
final class FakeTime extends Clock implements RetryPolicy.Sleeper {
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
