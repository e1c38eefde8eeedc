package io.cvtailor.app.web;

import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvDocuments;
import io.cvtailor.cv.CvEdit;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/cvs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "CVs")
public class CvResource {
  static final int DEFAULT_ITEMS_PER_SECTION = 5;

  /** Largest max_items: the same bound as the ranking's top_k. */
  static final int MAX_ITEMS_TOTAL = 100;

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
          String theme,
      Integer maxItems) {

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
        String theme,
        Integer maxItems) {
      this.jobDescription = jobDescription;
      this.jobTitle = jobTitle;
      this.company = company;
      this.rankingMethod = rankingMethod;
      this.maxItemsPerSection = maxItemsPerSection;
      this.sections = sections;
      this.theme = theme;
      this.maxItems = maxItems;
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
              + " downloads print it; ?theme= on a download overrides it. job_title and company, when"
              + " not given, are proposed from the posting (see POST /cvs/context); the CV is named"
              + " 'Title — Company, date' and keeps the posting (job_description). max_items (1–100,"
              + " optional): the CV is made from that many best-ranked artifacts, the matches POST"
              + " /artifacts/rank shows with the same ranking_method and top_k; those related to"
              + " the posting become its items (education, kept in every CV, comes in addition);"
              + " without max_items_per_section the total alone limits them. 422 when nothing"
              + " in the artifacts is relevant to the posting: no CV is made.")
  @APIResponse(
      responseCode = "201",
      description = "the CV, saved; Location names it",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Cv.class)))
  @APIResponse(
      responseCode = "422",
      description = "nothing in the artifacts is relevant to the posting",
      content = @Content(mediaType = "application/problem+json"))
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
    if (body.maxItems() != null && (body.maxItems() < 1 || body.maxItems() > MAX_ITEMS_TOTAL)) {
      errors.add(new FieldError("max_items", "must be from 1 to " + MAX_ITEMS_TOTAL));
    }
    // With a total and no per-section limit, the total alone decides (the CV follows the matches).
    int perSection =
        body.maxItemsPerSection() != null
            ? body.maxItemsPerSection()
            : body.maxItems() != null
                ? Math.max(1, Math.min(body.maxItems(), MAX_ITEMS_TOTAL))
                : DEFAULT_ITEMS_PER_SECTION;
    if (body.maxItemsPerSection() != null && (perSection < 1 || perSection > 20)) {
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
                CvTheme.fromValue(body.theme()).orElse(CvTheme.CLASSIC),
                body.maxItems()));
    return Response.created(uri.getAbsolutePathBuilder().path(cv.id().toString()).build())
        .tag(etag(cv))
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
  @Operation(
      summary = "One saved CV",
      description =
          "The ETag header (also the body's version) is the CV's version: send it as If-Match on"
              + " PATCH or regenerate so that a change made meanwhile is not overwritten.")
  @APIResponse(
      responseCode = "200",
      description = "the CV",
      headers =
          @Header(
              name = "ETag",
              description = "the CV's version, e.g. \"3\"",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = Cv.class)))
  public Response get(@PathParam("id") String id) {
    Cv cv = cvs.get(CurrentUser.id(security), cvId(id));
    return Response.ok(cv).tag(etag(cv)).build();
  }

  /** The strong entity tag of a CV's version: {@code "3"}. */
  static EntityTag etag(Cv cv) {
    return new EntityTag(Long.toString(cv.version()));
  }

  /** Longest If-Match header read (a few entity tags); longer is a 400 naming it. */
  static final int MAX_IF_MATCH_CHARS = 200;

  /**
   * The versions an If-Match header accepts: null without one (or {@code *}: any version of an
   * existing CV), else every strong tag {@code "N"} it lists (at most 10 read). A weak tag never
   * matches (If-Match compares strongly), nor does a tag that is no version: a header with no
   * usable tag accepts no version (412).
   */
  static Set<Long> expectedVersions(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    if (ifMatch.length() > MAX_IF_MATCH_CHARS) {
      throw new InvalidInputException(
          "If-Match", "must be at most " + MAX_IF_MATCH_CHARS + " characters");
    }
    String value = ifMatch.strip();
    if (value.equals("*")) {
      return null;
    }
    Set<Long> versions = new java.util.HashSet<>();
    for (String tag : value.split(",", 10)) {
      String t = tag.strip();
      if (t.length() >= 3 && t.length() <= 20 && t.startsWith("\"") && t.endsWith("\"")) {
        String digits = t.substring(1, t.length() - 1);
        if (digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
          versions.add(Long.parseLong(digits));
        }
      }
    }
    return versions;
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a saved CV")
  public Response delete(@PathParam("id") String id) {
    cvs.delete(CurrentUser.id(security), cvId(id));
    return Response.noContent().build();
  }

  /** Title and company proposed from a posting, before a CV is made. */
  public record ContextBody(
      @Size(max = RankResource.MAX_POSTING_CHARS, message = "must be at most 50000 characters")
          String jobDescription) {
    public ContextBody(String jobDescription) {
      this.jobDescription = jobDescription;
    }
  }

  @POST
  @Path("/context")
  @Operation(
      summary = "Propose a job title and company from a posting",
      description =
          "From labelled lines (Job title:, Company:), a first line 'Title at Company' or 'Title —"
              + " Company', the first line and the second line's first part, or 'at Company' /"
              + " 'Company is hiring' in the opening text; either may be null. A proposal for the"
              + " person to confirm or edit; POST /cvs uses it when job_title or company is not"
              + " given.")
  public CvService.PostingContext context(ContextBody body) {
    List<FieldError> errors =
        new ArrayList<>(InputValidation.check(validator, RequestBodies.required(body)));
    if (body.jobDescription() == null || body.jobDescription().isBlank()) {
      errors.add(new FieldError("job_description", "is required"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return cvs.propose(body.jobDescription());
  }

  /** One bullet: one of the artifact's own sentences, optionally reworded by the person. */
  public record BulletBody(
      @Size(max = 400, message = "must be at most 400 characters") String source,
      @Size(max = MAX_BULLET_CHARS, message = "must be at most 400 characters") String text) {
    public BulletBody(String source, String text) {
      this.source = source;
      this.text = text;
    }
  }

  /** One artifact's choices; null fields leave the stored choice as it is. */
  public record ItemBody(
      Long artifactId,
      Boolean included,
      Boolean pinned,
      Integer position,
      @Size(max = MAX_BULLETS, message = "must have at most 10 items") List<BulletBody> bullets) {
    public ItemBody(
        Long artifactId,
        Boolean included,
        Boolean pinned,
        Integer position,
        List<BulletBody> bullets) {
      this.artifactId = artifactId;
      this.included = included;
      this.pinned = pinned;
      this.position = position;
      this.bullets = bullets;
    }
  }

  /** One skill's choices, by name; null fields leave the stored choice as it is. */
  public record SkillBody(String name, Boolean included, Integer position) {
    public SkillBody(String name, Boolean included, Integer position) {
      this.name = name;
      this.included = included;
      this.position = position;
    }
  }

  /** The changes of one PATCH: only what is given changes. */
  public record CvPatchBody(
      @Size(max = 300, message = "must be at most 300 characters") String jobTitle,
      @Size(max = 300, message = "must be at most 300 characters") String company,
      @Size(max = 9, message = "must have at most 9 items") List<String> sectionOrder,
      @Size(max = 9, message = "must have at most 9 items") List<String> excludedSections,
      @Size(max = MAX_ITEMS, message = "must have at most 200 items") List<ItemBody> items,
      @Size(max = MAX_ITEMS, message = "must have at most 200 items") List<SkillBody> skills) {
    public CvPatchBody(
        String jobTitle,
        String company,
        List<String> sectionOrder,
        List<String> excludedSections,
        List<ItemBody> items,
        List<SkillBody> skills) {
      this.jobTitle = jobTitle;
      this.company = company;
      this.sectionOrder = sectionOrder;
      this.excludedSections = excludedSections;
      this.items = items;
      this.skills = skills;
    }
  }

  /** Longest skill name a PATCH names (the longest tag or title is far shorter in practice). */
  static final int MAX_SKILL_CHARS = 200;

  static final int MAX_ITEMS = 200;
  static final int MAX_BULLETS = 10;
  static final int MAX_BULLET_CHARS = 400;

  @PATCH
  @Path("/{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(
      summary = "Edit a CV before downloading it",
      description =
          "Only the fields given change; items merge by artifact_id. included: false removes an"
              + " item, true adds one of your artifacts the ranking left out; pinned: kept through"
              + " every regeneration; position: its place in its section (0 first); bullets: which"
              + " of the artifact's own sentences are its bullets, in order (source, verbatim, see"
              + " GET /cvs/{id}/artifacts/{artifact_id}/sentences), each optionally reworded (text;"
              + " then marked edited, still linked to its source). section_order and"
              + " excluded_sections arrange and remove whole sections; job_title and company rename"
              + " the CV. skills merge by name like items: included: false removes a skill, true"
              + " adds one of your own skills (a skill artifact's keyword or an artifact's tag) the"
              + " generator left out; position: its place in the list (removed ones are listed in"
              + " excluded_skills). Every download renders the edited CV. If-Match (the ETag of GET"
              + " or of the last PATCH): 412 when the CV changed since; without it the change is"
              + " merged over the latest choices (accepted for compatibility). 400 names the field"
              + " of any change that cannot apply, and nothing changes; another user's CV is 404.")
  @APIResponse(
      responseCode = "200",
      description = "the edited CV",
      headers =
          @Header(
              name = "ETag",
              description = "the CV's new version",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = Cv.class)))
  @APIResponse(
      responseCode = "400",
      description = "a field that cannot apply",
      content = @Content(mediaType = "application/problem+json"))
  @APIResponse(responseCode = "404", description = "no such CV of the caller")
  @APIResponse(
      responseCode = "412",
      description = "If-Match names a version the CV is no longer at: nothing changed",
      content = @Content(mediaType = "application/problem+json"))
  public Response edit(
      @PathParam("id") String id,
      @Parameter(
              description =
                  "the ETag (version) the change is based on; without it the change is merged"
                      + " over the latest choices (accepted for compatibility)")
          @HeaderParam("If-Match")
          String ifMatch,
      CvPatchBody body) {
    UUID cvId = cvId(id);
    Set<Long> expected = expectedVersions(ifMatch);
    List<FieldError> errors =
        new ArrayList<>(InputValidation.check(validator, RequestBodies.required(body)));
    List<String> sectionNames =
        java.util.Arrays.stream(CvSection.values()).map(CvSection::value).toList();
    for (String list : new String[] {"section_order", "excluded_sections"}) {
      List<String> names =
          list.equals("section_order") ? body.sectionOrder() : body.excludedSections();
      if (names == null) {
        continue;
      }
      for (int i = 0; i < names.size(); i++) {
        if (!sectionNames.contains(names.get(i))) {
          errors.add(
              new FieldError(
                  list + "[" + i + "]", "must be one of " + String.join(", ", sectionNames)));
        }
      }
    }
    List<CvEdit.ItemEdit> items = new ArrayList<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    List<ItemBody> given = body.items() == null ? List.of() : body.items();
    for (int i = 0; i < given.size(); i++) {
      ItemBody item = given.get(i);
      String field = "items[" + i + "]";
      if (item == null || item.artifactId() == null) {
        errors.add(new FieldError(field + ".artifact_id", "is required"));
        continue;
      }
      if (!seen.add(item.artifactId())) {
        errors.add(new FieldError(field + ".artifact_id", "is given twice"));
      }
      if (item.position() != null && (item.position() < 0 || item.position() >= MAX_ITEMS)) {
        errors.add(new FieldError(field + ".position", "must be from 0 to " + (MAX_ITEMS - 1)));
      }
      List<CvEdit.BulletEdit> bullets = null;
      if (item.bullets() != null) {
        if (item.bullets().size() > MAX_BULLETS) {
          errors.add(new FieldError(field + ".bullets", "must have at most 10 items"));
        }
        bullets = new ArrayList<>();
        for (int j = 0; j < item.bullets().size(); j++) {
          BulletBody bullet = item.bullets().get(j);
          String b = field + ".bullets[" + j + "]";
          if (bullet == null || bullet.source() == null || bullet.source().isBlank()) {
            errors.add(new FieldError(b + ".source", "is required"));
            continue;
          }
          if (bullet.source().length() > 400) {
            errors.add(new FieldError(b + ".source", "must be at most 400 characters"));
          }
          if (bullet.text() != null && bullet.text().length() > MAX_BULLET_CHARS) {
            errors.add(new FieldError(b + ".text", "must be at most 400 characters"));
          }
          bullets.add(new CvEdit.BulletEdit(bullet.source(), bullet.text()));
        }
      }
      items.add(
          new CvEdit.ItemEdit(
              item.artifactId(), item.included(), item.pinned(), item.position(), bullets));
    }
    List<CvEdit.SkillEdit> skills = new ArrayList<>();
    java.util.Set<String> seenSkills = new java.util.HashSet<>();
    List<SkillBody> givenSkills = body.skills() == null ? List.of() : body.skills();
    for (int i = 0; i < givenSkills.size(); i++) {
      SkillBody skill = givenSkills.get(i);
      String field = "skills[" + i + "]";
      if (skill == null || skill.name() == null || skill.name().isBlank()) {
        errors.add(new FieldError(field + ".name", "is required"));
        continue;
      }
      if (skill.name().length() > MAX_SKILL_CHARS) {
        errors.add(
            new FieldError(field + ".name", "must be at most " + MAX_SKILL_CHARS + " characters"));
        continue;
      }
      if (!seenSkills.add(skill.name().strip().toLowerCase(java.util.Locale.ROOT))) {
        errors.add(new FieldError(field + ".name", "is given twice"));
      }
      if (skill.position() != null && (skill.position() < 0 || skill.position() >= MAX_ITEMS)) {
        errors.add(new FieldError(field + ".position", "must be from 0 to " + (MAX_ITEMS - 1)));
      }
      skills.add(new CvEdit.SkillEdit(skill.name(), skill.included(), skill.position()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Cv cv =
        cvs.edit(
            CurrentUser.id(security),
            cvId,
            new CvEdit(
                body.jobTitle(),
                body.company(),
                body.sectionOrder(),
                body.excludedSections(),
                items,
                skills),
            expected);
    return Response.ok(cv).tag(etag(cv)).build();
  }

  @POST
  @Path("/{id}/regenerate")
  @Operation(
      summary = "Generate the CV again, keeping the person's choices",
      description =
          "Ranks the caller's current artifacts against the stored posting with the CV's settings,"
              + " then applies every choice made with PATCH (excluded, included, pinned, order,"
              + " chosen and reworded bullets, title, company). 422 when nothing relevant is left.")
  @APIResponse(
      responseCode = "200",
      description = "the regenerated CV (same id)",
      headers =
          @Header(
              name = "ETag",
              description = "the CV's new version",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = Cv.class)))
  @APIResponse(
      responseCode = "412",
      description = "If-Match names a version the CV is no longer at: nothing changed",
      content = @Content(mediaType = "application/problem+json"))
  @APIResponse(
      responseCode = "422",
      description = "nothing in the artifacts is relevant to the posting",
      content = @Content(mediaType = "application/problem+json"))
  @RateLimited(RouteClass.EXPENSIVE)
  public Response regenerate(
      @PathParam("id") String id,
      @Parameter(description = "the ETag (version) the regeneration is based on (optional)")
          @HeaderParam("If-Match")
          String ifMatch) {
    Set<Long> expected = expectedVersions(ifMatch);
    Cv cv = cvs.regenerate(CurrentUser.id(security), cvId(id), expected);
    return Response.ok(cv).tag(etag(cv)).build();
  }

  /** The sentences an item's bullets can be chosen from. */
  public record Sentences(long artifactId, List<String> sentences) {}

  @GET
  @Path("/{id}/artifacts/{artifactId}/sentences")
  @Operation(
      summary = "The artifact's own sentences a bullet of this CV may be",
      description = "Verbatim, in the artifact's order; 404 for another user's CV or artifact.")
  public Sentences sentences(
      @PathParam("id") String id, @PathParam("artifactId") String artifactId) {
    long user = CurrentUser.id(security);
    cvs.get(user, cvId(id)); // the CV must be the caller's
    long artifact;
    try {
      artifact = Long.parseLong(artifactId);
    } catch (NumberFormatException e) {
      throw new NotFoundException("artifact " + artifactId);
    }
    return new Sentences(artifact, cvs.sentences(user, artifact));
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
   * A download named after the person, the company and the job, e.g. {@code
   * cv-ana-silva-tallbacka-pay-senior-backend-engineer.pdf}: each part slugged (ASCII letters and
   * digits) and at most {@value #MAX_NAME_PART} characters, so the name stays short and safe.
   */
  private static Response download(Object body, String type, Cv cv, String extension) {
    return Response.ok(body, type)
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + fileName(cv) + "." + extension + "\"")
        .build();
  }

  static final int MAX_NAME_PART = 40;

  static String fileName(Cv cv) {
    StringBuilder name = new StringBuilder("cv");
    for (String part : new String[] {cv.basics().name(), cv.company(), cv.jobTitle()}) {
      String slug = slug(part);
      if (!slug.isEmpty()) {
        name.append('-').append(slug);
      }
    }
    return name.toString();
  }

  /** Lower-case ASCII letters and digits, other runs as one hyphen, bounded; linear. */
  static String slug(String text) {
    if (text == null) {
      return "";
    }
    String plain =
        java.text.Normalizer.normalize(
                text.length() > 300 ? text.substring(0, 300) : text, java.text.Normalizer.Form.NFD)
            .toLowerCase(java.util.Locale.ROOT);
    StringBuilder slug = new StringBuilder();
    boolean gap = false;
    for (int i = 0; i < plain.length() && slug.length() < MAX_NAME_PART; i++) {
      char c = plain.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (gap && slug.length() > 0) {
          slug.append('-');
        }
        slug.append(c);
        gap = false;
      } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
        gap = true;
      }
    }
    int end = slug.length();
    while (end > 0 && slug.charAt(end - 1) == '-') {
      end--;
    }
    return slug.substring(0, Math.min(end, MAX_NAME_PART));
  }

  static UUID cvId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("cv " + id);
    }
  }
}
