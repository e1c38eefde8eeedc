package io.cvtailor.artifacts.internal;

import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.Profile;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;

@Entity
@Table(schema = "artifacts", name = "users")
public class UserEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @Column(nullable = false)
  String email;

  @Column(name = "display_name", nullable = false)
  String displayName;

  @Convert(converter = ProfileConverter.class)
  @Column(columnDefinition = "jsonb")
  Profile profile;

  /** JSON Resume fields with no profile column, restored on export (see JsonResume). */
  @Convert(converter = JsonObjectConverter.class)
  @Column(name = "resume_extras", columnDefinition = "jsonb")
  Map<String, Object> resumeExtras;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  Account toAccount() {
    return new Account(id, email, displayName, createdAt.toInstant());
  }
}
