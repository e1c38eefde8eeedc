package io.cvtailor.app.web;

import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.kernel.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class MeResource {
  @Inject UserAccounts accounts;
  @Context SecurityContext security;

  public record Me(
      long userId, String email, String displayName, Instant createdAt, Profile profile) {}

  @GET
  @Operation(summary = "The caller's account and profile")
  public Me me() {
    long userId = CurrentUser.id(security);
    Account account = accounts.find(userId).orElseThrow(() -> new NotFoundException("user"));
    return new Me(
        account.id(),
        account.email(),
        account.displayName(),
        account.createdAt(),
        accounts.profile(userId));
  }

  @PUT
  @Path("/profile")
  @Operation(summary = "Replace the profile (the basics of every CV)")
  public Profile updateProfile(Profile profile) {
    return accounts.updateProfile(CurrentUser.id(security), RequestBodies.required(profile));
  }

  @DELETE
  @Operation(summary = "Delete the account and everything it owns")
  public Response deleteAccount() {
    long userId = CurrentUser.id(security);
    Deadlocks.retry(
        () -> {
          accounts.delete(userId);
          return null;
        });
    return Response.noContent().build();
  }
}
