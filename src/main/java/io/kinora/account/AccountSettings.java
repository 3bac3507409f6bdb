package io.kinora.account;

import java.time.Duration;

/**
 * Accounts on this deployment.
 *
 * @param signUpOpen       anyone may create an account ({@code KINORA_SIGNUP=open}); when closed,
 *                         only an admin creates accounts (and whoever makes the very first one)
 * @param sessionIdle      a browser session unused this long ends
 * @param sessionAbsolute  a browser session ends this long after sign-in, used or not
 * @param defaultQuotaBytes storage each new account may fill
 * @param passwordCost     the argon2id memory and passes of new password hashes
 *                         ({@code KINORA_PASSWORD_MEMORY_KIB}, {@code KINORA_PASSWORD_PASSES})
 */
public record AccountSettings(boolean signUpOpen, Duration sessionIdle, Duration sessionAbsolute,
                              long defaultQuotaBytes, PasswordHasher.Cost passwordCost) {
}
