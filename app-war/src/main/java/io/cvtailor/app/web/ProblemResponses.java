package io.cvtailor.app.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the limit answers to every operation of the OpenAPI document (run by the build's SmallRye
 * plugin, see app-war/pom.xml): 400 for invalid fields and 413 for a body over its byte limit where
 * an operation takes a body, 429 with Retry-After (rate limits), 503 with Retry-After (request
 * deadline, statement timeout, no free connection) everywhere. Lengths and counts themselves come
 * from the {@code @Size} constraints as {@code maxLength} / {@code maxItems}. Only model methods
 * that MicroProfile OpenAPI 3.1 (what we compile against) and 4.x (what the build plugin runs)
 * share are used.
 */
public class ProblemResponses implements OASFilter {
  /** Declared by {@code CvTailorApplication}'s {@code @OpenAPIDefinition(components = ...)}. */
  private static final String PROBLEM = "#/components/schemas/Problem";

  /** Declared there too, with their Retry-After header. */
  static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";

  static final String UNAVAILABLE = "#/components/responses/Unavailable";

  /**
   * Property names as the API reads and writes them ({@link JsonMapping}: Jackson's snake_case).
   * The build's generator names record components as declared (displayName where the server reads
   * display_name), so a client generated from the document sent fields the server ignored; its own
   * naming-strategy option listed both spellings of every property of a record.
   */
  @Override
  public Schema filterSchema(Schema schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties != null && !properties.isEmpty()) {
      Map<String, Schema> renamed = new LinkedHashMap<>();
      properties.forEach((name, property) -> renamed.putIfAbsent(snakeCase(name), property));
      schema.setProperties(renamed);
      if (schema.getRequired() != null) {
        schema.setRequired(
            schema.getRequired().stream().map(ProblemResponses::snakeCase).distinct().toList());
      }
    }
    return schema;
  }

  /**
   * What Jackson's SNAKE_CASE makes of a Java name: {@code artifactType} to {@code artifact_type}.
   */
  static String snakeCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  @Override
  public Operation filterOperation(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    if (operation.getRequestBody() != null) {
      addIfMissing(
          responses,
          "400",
          "Invalid fields (at most 20 are listed, then one entry \"and N more\")");
      addIfMissing(
          responses,
          "413",
          "The body is larger than http.max-body-bytes (1 MiB; http.max-import-bytes, 16 MiB, for"
              + " imports), an NDJSON line than http.max-ndjson-line-bytes, or the JSON has more"
              + " than 1,000,000 tokens, a string over 1,048,576 characters or over 100 levels of"
              + " nesting");
    }
    // The build's generator adds a 200 of no schema to a method returning a JAX-RS Response even
    // when the operation declares its real answer, a 201: a client generated from the document
    // then returned Object for it. The server never answers those operations with 200.
    if (responses.hasAPIResponse("201")
        && responses.hasAPIResponse("200")
        && untyped(responses.getAPIResponse("200"))) {
      responses.removeAPIResponse("200");
    }
    // Every route is rate limited (RateLimitFilter: per user, per address without sign-in), so the
    // 429 is declared here once rather than repeated on each resource class.
    addRefIfMissing(responses, "429", TOO_MANY_REQUESTS);
    addRefIfMissing(responses, "503", UNAVAILABLE);
    return operation;
  }

  /** A response whose content, if any, has no schema: no reference, no properties, no items. */
  private static boolean untyped(APIResponse response) {
    if (response.getRef() != null) {
      return false;
    }
    if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
      return true;
    }
    return response.getContent().getMediaTypes().values().stream()
        .map(org.eclipse.microprofile.openapi.models.media.MediaType::getSchema)
        .allMatch(
            schema ->
                schema == null
                    || (schema.getRef() == null
                        && schema.getProperties() == null
                        && schema.getItems() == null));
  }

  /**
   * A response declared once in the components (with its Retry-After header and the header's
   * schema, which a header built here would lose in the build plugin's output).
   */
  private static void addRefIfMissing(APIResponses responses, String status, String ref) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(ref));
    }
  }

  private static void addIfMissing(APIResponses responses, String status, String description) {
    if (responses.hasAPIResponse(status)) {
      return;
    }
    APIResponse response =
        OASFactory.createAPIResponse()
            .description(description)
            .content(
                OASFactory.createContent()
                    .addMediaType(
                        "application/problem+json",
                        OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(PROBLEM))));
    responses.addAPIResponse(status, response);
  }
}
