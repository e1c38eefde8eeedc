package io.cvtailor.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Texts the tests share: the demo portfolio and posting that ship in the WAR, and one unrelated
 * posting.
 */
public final class Samples {
  private Samples() {}

  /**
   * A file of the demo the WAR ships ({@code src/main/resources/demo/}): resume.json,
   * job-posting.txt.
   */
  public static String demo(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("demo/" + name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A posting in a field none of the demo's artifacts is from: nothing may read as a strong fit.
   */
  public static final String NURSE_POSTING =
      """
      Paediatric Staff Nurse, Children's Ward

      St Mary's Children's Hospital is looking for a registered nurse for our 24-bed
      paediatric medical ward.

      Requirements:
      - Registered Nurse (Child) with current NMC registration
      - Experience caring for acutely unwell infants and children
      - Paediatric Immediate Life Support (PILS) certification
      - Safe administration of medicines and IV therapy to children
      - Working with families and carers to plan each child's care
      - Willingness to work nights and weekends on a rota
      """;
}
