package io.kinora.platform.auth;

/**
 * Who sent a request, as every feature sees it: set once per request by the account feature's
 * authenticator, read by whatever decides access (for videos, {@code video.VideoAccess}).
 *
 * @param userId null for an anonymous caller
 * @param via    how the caller proved who they are; only {@link Via#SESSION} needs a CSRF token
 */
public record Caller(String userId, String username, boolean admin, Via via) {

  public enum Via { ANONYMOUS, SESSION, TOKEN }

  public static final Caller ANONYMOUS = new Caller(null, null, false, Via.ANONYMOUS);

  public boolean signedIn() {
    return userId != null;
  }

  /** The account owns what it made; admins may act on everything. */
  public boolean mayManage(String ownerId) {
    return admin || (userId != null && userId.equals(ownerId));
  }
}
