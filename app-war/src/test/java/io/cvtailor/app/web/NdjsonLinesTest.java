package io.cvtailor.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTest {

  private static List<String> lines(String body, int max) throws IOException {
    NdjsonLines lines =
        new NdjsonLines(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), max);
    List<String> all = new ArrayList<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      all.add(lines.number() + ":" + line);
    }
    return all;
  }

  @Test
  void linesAreNumberedAsAnEditorNumbersThem() throws IOException {
    assertThat(lines("{\"a\":1}\r\n\n{\"b\":\"é\"}", 100))
        .containsExactly("1:{\"a\":1}", "3:{\"b\":\"é\"}");
    assertThat(lines("\n\n \n\nx", 100)).containsExactly("3: ", "5:x");
    assertThat(lines("", 100)).isEmpty();
    assertThat(lines("x\n", 100)).containsExactly("1:x");
  }

  @Test
  void aLineLongerThanTheLimitIsRefusedByNumberEvenAcrossBufferBoundaries() {
    String body = "ok\n" + "y".repeat(200_000) + "\nnever read\n";
    assertThatThrownBy(() -> lines(body, 100_000))
        .isInstanceOf(BodyTooLargeException.class)
        .satisfies(
            e -> assertThat(((BodyTooLargeException) e).error().field()).isEqualTo("line[2]"));
  }

  @Test
  void aLineOfExactlyTheLimitIsRead() throws IOException {
    assertThat(lines("z".repeat(70_000) + "\n", 70_000)).hasSize(1);
  }
}
