package org.screenroom.server.film;

import java.time.Instant;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;

/** Who may see, change and watch a film. Pure: the caller supplies the instant. */
public final class FilmPolicy {
  private FilmPolicy() {}

  /** Whether {@code caller} owns the film or administers the server. */
  public static boolean canEdit(Film film, Optional<Account> caller) {
    return caller.map(a -> a.isAdmin() || a.id().equals(film.ownerId())).orElse(false);
  }

  /**
   * Whether {@code caller} may see the film's page and metadata: its owner and admins always,
   * anyone when it is unlisted or public, and accounts granted it when it is private.
   */
  public static boolean canSee(Film film, Optional<Account> caller) {
    return canEdit(film, caller) || film.visibility().openToLinkHolders()
        || isGranted(film, caller);
  }

  /** Whether {@code caller} holds a grant of this private film (grants of drafts do nothing). */
  public static boolean isGranted(Film film, Optional<Account> caller) {
    return film.visibility() == Visibility.PRIVATE
        && caller.map(a -> film.grantees().contains(a.id())).orElse(false);
  }

  /**
   * Whether the film may appear in a listing shown to {@code caller} (a collection): films the
   * caller edits or was granted, and otherwise only what the public catalog lists (public, ready
   * and released at {@code now}); unlisted films never appear to others.
   */
  public static boolean canList(Film film, Optional<Account> caller, Instant now) {
    return canEdit(film, caller) || isGranted(film, caller)
        || (film.visibility() == Visibility.PUBLIC && film.status() == FilmStatus.READY
            && film.releasedAt(now));
  }

  /** Why {@code caller} may not watch now, or empty when they may. */
  public static Optional<Refusal> watchRefusal(Film film, Optional<Account> caller, Instant now) {
    if (!canSee(film, caller)) {
      return Optional.of(Refusal.NOT_FOUND);
    }
    if (film.status() != FilmStatus.READY) {
      return Optional.of(film.status() == FilmStatus.FAILED ? Refusal.FAILED : Refusal.NOT_READY);
    }
    if (!canEdit(film, caller)) {
      if (film.metadata().availableFrom().map(now::isBefore).orElse(false)) {
        return Optional.of(Refusal.NOT_YET_RELEASED);
      }
      if (film.metadata().availableUntil().map(u -> !now.isBefore(u)).orElse(false)) {
        return Optional.of(Refusal.NO_LONGER_AVAILABLE);
      }
    }
    return Optional.empty();
  }

  /** Why a film cannot be watched, with its HTTP status. */
  public enum Refusal {
    NOT_FOUND(404), NOT_READY(409), FAILED(409), NOT_YET_RELEASED(403), NO_LONGER_AVAILABLE(410);

    private final int status;

    Refusal(int status) {
      this.status = status;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }
}
