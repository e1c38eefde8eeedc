package io.cvtailor.app.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.cvtailor.artifacts.StaleVersionException;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.kernel.DeadlineExceededException;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.LimitExceededException;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.kernel.db.DatabaseUnavailable;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.Priority;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure becomes {@code application/problem+json} naming the offending field. */
public final class ProblemMappers {
  private static final Logger LOG = RequestIds.logger(ProblemMappers.class);

  /** Lower than the default (USER = 5000), so ours win over other mappers of Jackson errors. */
  static final int JSON_MAPPER_PRIORITY = Priorities.USER - 1000;

  private ProblemMappers() {}

  @Provider
  public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
      return Problem.of(Status.BAD_REQUEST, "the request has invalid fields", e.errors())
          .toResponse();
    }
  }

  @Provider
  public static class ConstraintViolations
      implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      List<FieldError> errors = InputValidation.toFieldErrors(e.getConstraintViolations(), true);
      return Problem.of(Status.BAD_REQUEST, "the request has invalid fields", errors).toResponse();
    }
  }

  @Provider
  @Priority(JSON_MAPPER_PRIORITY)
  public static class UnreadableJson implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      // A failure of the body stream itself (too large, out of time), wrapped by Jackson.
      Response limit = TimeAndSize.of(e);
      if (limit != null) {
        return limit;
      }
      return Problem.of(
              Status.BAD_REQUEST, "the request body cannot be read", List.of(fieldError(e)))
          .toResponse();
    }

    /** The field a Jackson failure is about ({@code body} when it is not about one field). */
    static FieldError fieldError(JsonProcessingException e) {
      String field = "body";
      String message = "is not valid JSON";
      if (e instanceof StreamConstraintsException constraint) {
        return JsonMapping.constraintError(constraint);
      }
      if (e.getCause() instanceof StreamConstraintsException constraint) {
        return JsonMapping.constraintError(constraint);
      }
      if (e instanceof BoundedCollections.TooManyItemsException tooMany) {
        return new FieldError(path(tooMany), tooMany.getOriginalMessage());
      }
      if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)) {
        field = path(mapping);
        message =
            e instanceof InvalidFormatException || e instanceof MismatchedInputException
                ? "has the wrong type: " + expected(mapping)
                : "cannot be read";
      }
      return new FieldError(field, message);
    }

    private static String expected(JsonMappingException e) {
      if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        Class<?> type = mismatch.getTargetType();
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
          return "expected a number";
        }
        if (type == Boolean.class || type == boolean.class) {
          return "expected true or false";
        }
        if (type == String.class) {
          return "expected a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
          return "expected an array";
        }
        return "expected an object";
      }
      return "unexpected value";
    }

    static String path(JsonMappingException e) {
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference ref : e.getPath()) {
        if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        } else if (ref.getFieldName() != null) {
          if (path.length() > 0) {
            path.append('.');
          }
          path.append(ref.getFieldName());
        }
      }
      return path.length() == 0 ? "body" : path.toString();
    }
  }

  /**
   * Jersey's Jackson feature (and the Jackson JAX-RS provider jar) bring their own text/plain
   * mappers for these exact types; at equal distance Jersey prefers the lower priority value, and
   * without one the winner depended on registration order (it changed between two starts).
   */
  @Provider
  @Priority(JSON_MAPPER_PRIORITY)
  public static class UnmappableJson implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException e) {
      return new UnreadableJson().toResponse(e);
    }
  }

  @Provider
  @Priority(JSON_MAPPER_PRIORITY)
  public static class MalformedJson implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException e) {
      return new UnreadableJson().toResponse(e);
    }
  }

  @Provider
  public static class NotFound implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
      return Problem.of(Status.NOT_FOUND, e.getMessage(), List.of()).toResponse();
    }
  }

  @Provider
  public static class StaleVersion implements ExceptionMapper<StaleVersionException> {
    @Override
    public Response toResponse(StaleVersionException e) {
      return Problem.of(
              Status.CONFLICT,
              e.getMessage(),
              List.of(new FieldError("version", "is stale; current is " + e.currentVersion())))
          .toResponse();
    }
  }

  @Provider
  public static class LimitExceeded implements ExceptionMapper<LimitExceededException> {
    @Override
    public Response toResponse(LimitExceededException e) {
      return Problem.of(
              Status.CONFLICT, e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())))
          .toResponse();
    }
  }

  @Provider
  public static class EmailTaken implements ExceptionMapper<UserAccounts.EmailTakenException> {
    @Override
    public Response toResponse(UserAccounts.EmailTakenException e) {
      return Problem.of(
              Status.CONFLICT, e.getMessage(), List.of(new FieldError("email", e.getMessage())))
          .toResponse();
    }
  }

  /** JAX-RS's own errors (unknown path, wrong method, unsupported media type, ...). */
  @Provider
  public static class WebErrors implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response limit = TimeAndSize.of(e);
      if (limit != null) {
        return limit;
      }
      Response original = e.getResponse();
      if (original.hasEntity() && Problem.MEDIA_TYPE.isCompatible(original.getMediaType())) {
        return original;
      }
      int status = original.getStatus();
      String title =
          Status.fromStatusCode(status) == null
              ? "Error"
              : Status.fromStatusCode(status).getReasonPhrase();
      Response.ResponseBuilder builder =
          Problem.of(status, title, e.getMessage(), List.of()).response();
      original
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                  values.forEach(v -> builder.header(name, v));
                }
              });
      return builder.build();
    }
  }

  @Provider
  public static class BodyTooLarge implements ExceptionMapper<BodyTooLargeException> {
    @Override
    public Response toResponse(BodyTooLargeException e) {
      return e.toResponse();
    }
  }

  @Provider
  public static class DeadlineExceeded implements ExceptionMapper<DeadlineExceededException> {
    @Override
    public Response toResponse(DeadlineExceededException e) {
      return TimeAndSize.of(e);
    }
  }

  /**
   * Limits that end a request whatever code was running: the body's size, the request's deadline,
   * PostgreSQL's statement timeout (SQLSTATE 57014) and the pool's wait for a connection. Found
   * anywhere among the causes, since JPA, Jersey and Jackson each wrap them differently; time
   * limits answer 503 with Retry-After (never 500, never a hang).
   */
  public static final class TimeAndSize {
    public static final String RETRY_AFTER_SECONDS = "5";

    private TimeAndSize() {}

    /** The response for a limit among the causes, or null when no limit was hit. */
    static Response of(Throwable e) {
      Problem problem = problemOf(e);
      if (problem == null) {
        return null;
      }
      return problem.status() == 413
          ? problem.response().header("Connection", "close").build()
          : problem.response().header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    /** The problem for a limit among the causes (413 or 503), or null when no limit was hit. */
    public static Problem problemOf(Throwable e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BodyTooLargeException tooLarge) {
          return tooLarge.problem();
        }
        if (cause instanceof StreamConstraintsException constraint) {
          FieldError error = JsonMapping.constraintError(constraint);
          return Problem.of(
              413, "Content Too Large", error.field() + " " + error.message(), List.of(error));
        }
        if (cause instanceof DeadlineExceededException deadline) {
          return unavailable(deadline.getMessage() + "; nothing was changed, try again later");
        }
        if (cause instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
          LOG.warning("statement cancelled by statement_timeout: " + sql.getMessage());
          return unavailable(
              "the database took too long to answer (db.statement-timeout-ms); nothing was"
                  + " changed, try again later");
        }
        if (isPoolTimeout(cause)) {
          LOG.warning("no pooled connection within db.pool.max-wait-ms: " + cause.getMessage());
          return unavailable(
              "the server is busy: no database connection was free in time; nothing was"
                  + " changed, try again later");
        }
        if (cause.getCause() == cause) {
          break;
        }
      }
      if (DatabaseUnavailable.isUnavailable(e)) {
        LOG.warning("the database is unavailable: " + e);
        return unavailable("the database is unavailable right now; try again later");
      }
      return null;
    }

    /** Payara's pool gave up waiting ({@code PoolingException: ... expired max-wait-time}). */
    static boolean isPoolTimeout(Throwable cause) {
      return DatabaseUnavailable.isPoolTimeout(cause);
    }

    private static Problem unavailable(String detail) {
      return Problem.of(Status.SERVICE_UNAVAILABLE, detail, List.of());
    }
  }

  /**
   * The embedding model could not embed the request's text (a remote provider down, rate-limited or
   * saturated): 503 with Retry-After when trying again may work, 502 when it will not.
   */
  @Provider
  public static class EmbeddingFailed implements ExceptionMapper<EmbeddingException> {
    @Override
    public Response toResponse(EmbeddingException e) {
      LOG.log(Level.WARNING, "embedding the request's text failed", e);
      if (e.retryable()) {
        return Problem.of(
                Status.SERVICE_UNAVAILABLE,
                "the embedding service is busy or unreachable; nothing was changed, try again",
                List.of())
            .response()
            .header("Retry-After", "5")
            .build();
      }
      return Problem.of(
              Status.BAD_GATEWAY.getStatusCode(),
              Status.BAD_GATEWAY.getReasonPhrase(),
              "the embedding service could not embed the text",
              List.of())
          .toResponse();
    }
  }

  /** Anything unexpected: logged with its stack trace, answered without internals. */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      Response limit = TimeAndSize.of(e);
      if (limit != null) {
        return limit;
      }
      Throwable cause = e;
      while (cause.getCause() != null && cause != cause.getCause()) {
        cause = cause.getCause();
        if (cause instanceof InvalidInputException invalid) {
          return new InvalidInput().toResponse(invalid);
        }
        if (cause instanceof NotFoundException notFound) {
          return new NotFound().toResponse(notFound);
        }
        if (cause instanceof EmbeddingException embedding) {
          return new EmbeddingFailed().toResponse(embedding);
        }
        if (cause instanceof StaleVersionException stale) {
          return new StaleVersion().toResponse(stale);
        }
        if (cause instanceof jakarta.persistence.OptimisticLockException) {
          return Problem.of(
                  Status.CONFLICT,
                  "the resource was changed by another request; reload it and try again",
                  List.of(new FieldError("version", "is stale")))
              .toResponse();
        }
      }
      if (Deadlocks.isRetryable(e)) {
        LOG.log(Level.WARNING, "transaction aborted by a lock conflict; nothing was changed", e);
        return Problem.of(
                Status.SERVICE_UNAVAILABLE,
                "the data was busy (for example being embedded); nothing was changed, try again",
                List.of())
            .response()
            .header("Retry-After", "2")
            .build();
      }
      LOG.log(Level.SEVERE, "unexpected error", e);
      return Problem.of(Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred", List.of())
          .toResponse();
    }
  }
}
