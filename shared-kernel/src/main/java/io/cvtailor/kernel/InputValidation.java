package io.cvtailor.kernel;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Turns Bean Validation results into {@link FieldError}s named as the JSON fields are. */
public final class InputValidation {
  private InputValidation() {}

  /** Validates the object and returns its field errors, sorted by field. */
  public static List<FieldError> check(Validator validator, Object input) {
    return toFieldErrors(validator.validate(input), false);
  }

  /** Throws {@link InvalidInputException} when the object is not valid. */
  public static void require(Validator validator, Object input) {
    List<FieldError> errors = check(validator, input);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /**
   * Field errors for violations; with {@code skipInvocation}, the leading method and parameter
   * nodes of a method-validation path are dropped ({@code create.arg0.title} becomes {@code
   * title}).
   */
  public static List<FieldError> toFieldErrors(
      Set<? extends ConstraintViolation<?>> violations, boolean skipInvocation) {
    return violations.stream()
        .map(v -> new FieldError(jsonPath(v.getPropertyPath(), skipInvocation), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
        .distinct()
        .toList();
  }

  static String jsonPath(Path path, boolean skipInvocation) {
    StringBuilder json = new StringBuilder();
    for (Path.Node node : path) {
      ElementKind kind = node.getKind();
      if (skipInvocation
          && (kind == ElementKind.METHOD
              || kind == ElementKind.PARAMETER
              || kind == ElementKind.CROSS_PARAMETER)) {
        continue;
      }
      if (node.isInIterable() && node.getIndex() != null) {
        json.append('[').append(node.getIndex()).append(']');
      } else if (node.isInIterable() && node.getKey() != null) {
        json.append('.').append(node.getKey());
      }
      if (kind == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
        continue;
      }
      if (json.length() > 0) {
        json.append('.');
      }
      json.append(snakeCase(node.getName()));
    }
    return json.length() == 0 ? "body" : json.toString();
  }

  /** {@code artifactType} to {@code artifact_type}. */
  public static String snakeCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
