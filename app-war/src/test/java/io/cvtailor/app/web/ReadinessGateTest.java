package io.cvtailor.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.app.startup.StartupState;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** A failed start-up's reason names the database and its URL: the 503 must not repeat it. */
class ReadinessGateTest {

  @Test
  void the503BeforeTheSchemaIsReadyCarriesNoInternals() throws Exception {
    StartupState state = new StartupState();
    Method failed = StartupState.class.getDeclaredMethod("failed", String.class, String.class);
    failed.setAccessible(true);
    failed.invoke(
        state,
        "cvtailor at jdbc:postgresql://db.internal:5432/cvtailor",
        "database cvtailor at jdbc:postgresql://db.internal:5432/cvtailor is not usable:"
            + " FATAL: password authentication failed for user \"cvtailor\"");
    assertThat(state.problem()).contains("jdbc"); // what the operator sees

    String body = JsonMapping.MAPPER.writeValueAsString(ReadinessGate.notReady());
    assertThat(body).contains("503").doesNotContain("jdbc").doesNotContain("password");
    assertThat(body).doesNotContain(state.problem());
  }
}
