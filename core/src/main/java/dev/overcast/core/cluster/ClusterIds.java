package dev.overcast.core.cluster;

import dev.overcast.core.spec.SpecValidator;
import java.util.random.RandomGenerator;

/**
 * A cluster's internal id: what every store key, lock, event, execution name and cloud resource name
 * derives from, while its name is only unique within its tenant. An id is {@code <name>-<6 random
 * letters or digits>}, the name cut so that the id is never longer than the longest name: an id obeys
 * the name rule, so every length the resource names were fitted to still holds (GCP's 63-character
 * names and label values, see {@code ResourceNames}), and it stays readable in a cloud console.
 */
public final class ClusterIds {
    /** 36^6 ≈ 2.2 billion ids per name: a tenant cannot guess another's, and a draw that repeats one is refused by the store. */
    static final int SUFFIX_LENGTH = 6;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private ClusterIds() {
    }

    /** A fresh id for a cluster named {@code name} (a valid spec name). */
    public static String newId(String name, RandomGenerator random) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a cluster name: '" + name + "'");
        }
        StringBuilder id = new StringBuilder(name.substring(0, Math.min(name.length(), SpecValidator.MAX_NAME_LENGTH - SUFFIX_LENGTH - 1)));
        id.append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** Whether {@code id} can be a cluster id: what a cluster name may be (a flow may be handed either). */
    public static boolean isValid(String id) {
        return id != null && id.length() <= SpecValidator.MAX_NAME_LENGTH && SpecValidator.isDnsLabel(id);
    }
}
