package dev.overcast.core.cloud;

/**
 * Turns a secret reference (e.g. a tunnel's pre-shared key name) into its value at the moment a
 * cloud call needs it. Values never enter plans, inventory, logs or progress events.
 */
@FunctionalInterface
public interface SecretResolver {
    String resolve(String reference);
}
