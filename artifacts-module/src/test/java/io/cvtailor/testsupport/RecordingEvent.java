package io.cvtailor.testsupport;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CDI event for a bean built by hand in a module test: keeps what was fired, in order. */
public final class RecordingEvent<T> implements Event<T> {
  public final List<T> fired = new CopyOnWriteArrayList<>();

  @Override
  public void fire(T event) {
    fired.add(event);
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event) {
    fired.add(event);
    return CompletableFuture.completedFuture(event);
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
    return fireAsync(event);
  }

  @Override
  public Event<T> select(Annotation... qualifiers) {
    throw new UnsupportedOperationException("no qualified events in module tests");
  }

  @Override
  public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException("no qualified events in module tests");
  }

  @Override
  public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException("no qualified events in module tests");
  }
}
