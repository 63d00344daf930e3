package dev.overcast.core.cloud.contract;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A contract target on an emulator, with what only an emulator offers beyond the cloud's API: its
 * front's call counts by action, seeded faults (a share of calls failing as the cloud fails, reproducibly),
 * and every resource the account still holds, whoever made it. Core cannot see the emulator, so each
 * adapter's tests hand these in as functions.
 *
 * @param failRandomly fault rate and seed
 */
public record EmulatedCloud(ContractTarget target, Supplier<Map<String, Long>> callsByAction, Runnable resetCalls,
                            BiConsumer<Double, Long> failRandomly, Runnable stopFailing, Supplier<List<?>> resources)
        implements AutoCloseable {

    @Override
    public void close() {
        target.close();
    }
}
