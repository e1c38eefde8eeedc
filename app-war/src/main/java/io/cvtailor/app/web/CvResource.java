package io.cvtailor.app.web;

import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments;
import io.cvtailor.cv.CvSection;
import io.cvtailor.cv.CvService;
import io.cvtailor.cv.CvTheme;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.search.RankingMethod;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/cvs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "CVs")
public class CvResource {
  static final int DEFAULT_ITEMS_PER_SECTION = 5;
  static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  @Inject CvService cvs;
  @Inject CvDocuments documents;
  @Inject Validator validator;
  @Context SecurityContext security;
  @Context UriInfo uri;

  /** Lengths are limits before work: arrays are counted while read (see BoundedCollections). */
  public record CvRequestBody(
      @Size(max = RankResource.MAX_POSTING_CHARS, message = "must be at most 50000 characters")
          String jobDescription,
      @Size(max = 300, message = "must be at most 300 characters") String jobTitle,
      @Size(max = 300, message = "must be at most 300 characters") String company,
      @Size(max = 20, message = "must be at most 20 characters") String rankingMethod,
      Integer maxItemsPerSection,
      @Size(max = 9, message = "must have at most 9 items") List<String> sections,
      @Pattern(
              regexp = "classic|modern|compact",
              message = "must be one of classic, modern, compact")
          String theme) {

    // Explicit, so the constraints stay on the fields: Java copies record-component annotations
    // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
    // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
    public CvRequestBody(
        String jobDescription,
        String jobTitle,
        String company,
        String rankingMethod,
        Integer maxItemsPerSection,
        List<String> sections,
        String theme) {
      this.jobDescription = jobDescription;
      this.jobTitle = jobTitle;
      this.company = company;
      this.rankingMethod = rankingMethod;
      this.maxItemsPerSection = maxItemsPerSection;
      this.sections = sections;
      this.theme = theme;
    }
  }

  @POST
  @Operation(
      summary = "Generate a CV tailored to a job posting",
      description =
          "Sections list the caller's most relevant artifacts (date breaks ties), each with its own"
              + " sentences most related to the posting as highlights; skills the posting names come"
              + " first; coverage marks each requirement of the posting as covered or not with its"
              + " best evidence. Nothing is written that the artifacts and profile do not say."
              + " theme (classic, the default, modern or compact) is how HTML, PDF and DOCX"
              + " downloads print it; ?theme= on a download overrides it.")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response generate(CvRequestBody body) {
    List<FieldError> errors =
        new ArrayList<>(InputValidation.check(validator, RequestBodies.required(body)));
    if (body.jobDescription() == null || body.jobDescription().isBlank()) {
      errors.add(new FieldError("job_description", "is required"));
    }
    RankingMethod method = RankingMethod.HYBRID;
    if (body.rankingMethod() != null) {
      method = RankingMethod.fromValue(body.rankingMethod()).orElse(null);
      if (method == null) {
        errors.add(new FieldError("ranking_method", "must be one of semantic, keyword, hybrid"));
      }
    }
    int perSection =
        body.maxItemsPerSection() == null ? DEFAULT_ITEMS_PER_SECTION : body.maxItemsPerSection();
    if (perSection < 1 || perSection > 20) {
      errors.add(new FieldError("max_items_per_section", "must be from 1 to 20"));
    }
    Set<CvSection> sections = EnumSet.noneOf(CvSection.class);
    if (body.sections() != null) {
      for (int i = 0; i < body.sections().size(); i++) {
        String name = body.sections().get(i);
        CvSection section =
            java.util.Arrays.stream(CvSection.values())
                .filter(s -> s.value().equals(name))
                .findFirst()
                .orElse(null);
        if (section == null) {
          errors.add(
              new FieldError(
                  "sections[" + i + "]",
                  "must be one of experience, projects, publications, education, certifications,"
                      + " awards, talks, volunteer, skills"));
        } else {
          sections.add(section);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Cv cv =
        cvs.generate(
            CurrentUser.id(security),
            new CvService.CvRequest(
                body.jobDescription(),
                body.jobTitle(),
                body.company(),
                method,
                perSection,
                sections,
                CvTheme.fromValue(body.theme()).orElse(CvTheme.CLASSIC)));
    return Response.created(uri.getAbsolutePathBuilder().path(cv.id().toString()).build())
        .entity(cv)
        .build();
  }

  @GET
  @Operation(summary = "The caller's saved CVs, newest first")
  public List<CvService.CvSummary> list() {
    return cvs.list(CurrentUser.id(security));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One saved CV")
  public Cv get(@PathParam("id") String id) {
    return cvs.get(CurrentUser.id(security), cvId(id));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a saved CV")
  public Response delete(@PathParam("id") String id) {
    cvs.delete(CurrentUser.id(security), cvId(id));
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/html")
  @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
  @Operation(summary = "The CV as a print-ready HTML page (theme=classic|modern|compact)")
  public String html(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("theme") String theme) {
    Cv cv = cvs.get(CurrentUser.id(security), cvId(id));
    return documents.html(cv, theme(cv, theme));
  }

  @GET
  @Path("/{id}/pdf")
  @Produces("application/pdf")
  @Operation(
      summary =
          "The CV as a PDF (page_size=a4, the default, or letter; theme=classic|modern|compact)"
              + " with embedded fonts")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response pdf(
      @PathParam("id") String id,
      @jakarta.ws.rs.QueryParam("page_size") String pageSize,
      @jakarta.ws.rs.QueryParam("theme") String theme) {
    CvDocuments.PageSize size = CvDocuments.PageSize.A4;
    if (pageSize != null && !pageSize.isBlank()) {
      size =
          switch (pageSize.toLowerCase(java.util.Locale.ROOT)) {
            case "a4" -> CvDocuments.PageSize.A4;
            case "letter" -> CvDocuments.PageSize.LETTER;
            default -> throw new InvalidInputException("page_size", "must be a4 or letter");
          };
    }
    Cv cv = cvs.get(CurrentUser.id(security), cvId(id));
    return download(documents.pdf(cv, size, theme(cv, theme)), "application/pdf", cv, "pdf");
  }

  @GET
  @Path("/{id}/docx")
  @Produces(DOCX)
  @Operation(
      summary = "The CV as an editable Word document (theme=classic|modern|compact)",
      description =
          "Word's Title and Heading styles, a real bulleted list for highlights, one column: the"
              + " person can restyle and edit it, and applicant-tracking systems read it in order.")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response docx(
      @PathParam("id") String id, @jakarta.ws.rs.QueryParam("theme") String theme) {
    Cv cv = cvs.get(CurrentUser.id(security), cvId(id));
    return download(documents.docx(cv, theme(cv, theme)), DOCX, cv, "docx");
  }

  @GET
  @Path("/{id}/text")
  @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
  @Operation(summary = "The CV as plain text, for application forms that take no file")
  public Response text(@PathParam("id") String id) {
    Cv cv = cvs.get(CurrentUser.id(security), cvId(id));
    return download(documents.text(cv), MediaType.TEXT_PLAIN + ";charset=utf-8", cv, "txt");
  }

  /** The theme asked for on a download, else the CV's own. */
  private static CvTheme theme(Cv cv, String requested) {
    if (requested == null || requested.isBlank()) {
      return CvTheme.of(cv);
    }
    return CvTheme.fromValue(requested)
        .orElseThrow(
            () -> new InvalidInputException("theme", "must be one of " + CvTheme.allowedValues()));
  }

  @GET
  @Path("/{id}/markdown")
  @Produces("text/markdown;charset=utf-8")
  @Operation(summary = "The CV as Markdown")
  public Response markdown(@PathParam("id") String id) {
    Cv cv = cvs.get(CurrentUser.id(security), cvId(id));
    return download(documents.markdown(cv), "text/markdown;charset=utf-8", cv, "md");
  }

  @GET
  @Path("/{id}/json-resume")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The CV as a JSON Resume (v1.0.0) document")
  public Response jsonResume(@PathParam("id") String id) {
    Cv cv = cvs.get(CurrentUser.id(security), cvId(id));
    return download(documents.jsonResume(cv), MediaType.APPLICATION_JSON, cv, "json");
  }

  /**
   * A download named after the person and the job, e.g. {@code cv-ana-silva-backend-engineer.pdf}.
   */
  private static Response download(Object body, String type, Cv cv, String extension) {
    String base =
        ("cv "
                + (cv.basics().name() == null ? "" : cv.basics().name())
                + " "
                + (cv.jobTitle() == null ? "" : cv.jobTitle()))
            .toLowerCase(java.util.Locale.ROOT);
    String ascii =
        java.text.Normalizer.normalize(base, java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    return Response.ok(body, type)
        .header("Content-Disposition", "attachment; filename=\"" + ascii + "." + extension + "\"")
        .build();
  }

  static UUID cvId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("cv " + id);
    }
  }
}
