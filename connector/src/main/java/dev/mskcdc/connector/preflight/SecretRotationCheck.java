package dev.mskcdc.connector.preflight;

import java.util.Optional;

import static dev.mskcdc.connector.preflight.Outcome.pass;
import static dev.mskcdc.connector.preflight.Outcome.warn;

/**
 * An RDS-managed master user secret (its name starts with {@code rds!}) is rotated by RDS in place, by default every
 * 7 days (single-user rotation): the master password changes at once, while the connector's task keeps the value
 * Connect resolved when the task started until the provider's TTL restart gives it the new one (connector/README.md,
 * "Secret rotation"); a reconnect in between fails. Only the reference to the secret is read and shown, never a value.
 */
final class SecretRotationCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        Optional<String> reference = settings.passwordReference();
        if (reference.isEmpty()) {
            return pass("database.password is not a config provider reference: no secret is rotated under it");
        }
        if (reference.get().contains("rds!")) {
            return warn(
                    "database.password comes from an RDS-managed master user secret (" + reference.get()
                            + "): RDS rotates it in place every 7 days by default (single-user: the old password stops"
                            + " working at once), so a reconnect fails until the task gets the new one, and it is"
                            + " the master user",
                    "Give the connector its own user (CREATE USER, the grants the 'grants' check names) and its own"
                            + " secret rotated with the alternating-users strategy, so the previous credentials stay"
                            + " valid for a whole rotation period (connector/README.md, \"Secret rotation\").");
        }
        return pass("database.password comes from " + reference.get() + ", not an RDS-managed master secret");
    }
}
