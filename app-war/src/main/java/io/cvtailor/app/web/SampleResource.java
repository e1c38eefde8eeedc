package io.cvtailor.app.web;

import io.cvtailor.kernel.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sample job posting that ships with cvtailor (the demo's, {@code demo/job-posting.txt}), so a
 * first run can try tailoring with one click instead of a path printed in a terminal.
 */
@Path("/samples")
@Tag(name = "Search and ranking")
public class SampleResource {
  private static final String POSTING = "demo/job-posting.txt";

  /** Read once: a fixed file of a few kilobytes in the WAR. */
  private static volatile String posting;

  /** The posting, as the rank and CV requests take it. */
  public record SamplePosting(String jobDescription) {}

  @GET
  @Path("/job-posting")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A sample job posting to try tailoring with")
  public SamplePosting jobPosting() {
    return new SamplePosting(text());
  }

  private static String text() {
    String text = posting;
    if (text == null) {
      try (InputStream in = SampleResource.class.getClassLoader().getResourceAsStream(POSTING)) {
        if (in == null) {
          throw new NotFoundException("sample posting");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      posting = text;
    }
    return text;
  }
}
