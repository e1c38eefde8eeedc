package io.cvtailor.kernel.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Logger log;

  @BeforeEach
  void capture() {
    log = RequestIds.logger(RequestIdsTest.class);
    log.setUseParentHandlers(false);
    log.addHandler(capture);
  }

  @AfterEach
  void release() {
    log.removeHandler(capture);
    log.setUseParentHandlers(true);
  }

  @Test
  void linesLoggedWhileARequestIsServedNameIt() {
    log.info("before");
    try (RequestIds.Scope scope = RequestIds.open("abc-123")) {
      log.info("inside");
      log.log(Level.WARNING, "user {0} imported {1} artifacts", new Object[] {7, 12});
      log.info(() -> "from a supplier");
    }
    log.info("after");

    assertThat(lines)
        .containsExactly(
            "before",
            "[request abc-123] inside",
            "[request abc-123] user 7 imported 12 artifacts",
            "[request abc-123] from a supplier",
            "after");
    assertThat(RequestIds.current()).isNull();
  }

  @Test
  void aNestedScopeGivesTheOuterIdBack() {
    try (RequestIds.Scope outer = RequestIds.open("outer")) {
      try (RequestIds.Scope inner = RequestIds.open("inner")) {
        assertThat(RequestIds.current()).isEqualTo("inner");
      }
      assertThat(RequestIds.current()).isEqualTo("outer");
    }
    assertThat(RequestIds.current()).isNull();
  }

  @Test
  void anotherThreadDoesNotSeeTheRequest() throws Exception {
    try (RequestIds.Scope scope = RequestIds.open("mine")) {
      Thread other = new Thread(() -> log.info("background"));
      other.start();
      other.join();
    }
    assertThat(lines).containsExactly("background");
  }

  @Test
  void acceptsAShortPlainCallerId() {
    assertThat(RequestIds.accept("7f3e2a9c-0b1d-4e5f.trace_1"))
        .isEqualTo("7f3e2a9c-0b1d-4e5f.trace_1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "two words",
        "forged\n[request admin] line",
        "quote\"d",
        "<script>",
        "0123456789012345678901234567890123456789012345678901234567890123456789"
      })
  void replacesAnUnsafeOrLongCallerIdWithANewOne(String unsafe) {
    String id = RequestIds.accept(unsafe);

    assertThat(id).isNotEqualTo(unsafe).matches("[0-9a-f]{16}");
    assertThat(RequestIds.accept(null)).matches("[0-9a-f]{16}").isNotEqualTo(id);
  }
}
