package dev.overcast.runtime.bench.coldstart;

import dev.overcast.functions.lambda.Priming;
import org.springframework.context.support.GenericApplicationContext;

/**
 * What SnapStart would do between init and the snapshot, done in place: the bench's JVMs have no CRaC,
 * so the primed variant calls the application's {@link Priming} hook itself after init.
 */
public final class BenchPriming {
    private static GenericApplicationContext application;

    private BenchPriming() {
    }

    static void application(GenericApplicationContext context) {
        application = context;
    }

    static void beforeCheckpoint() {
        if (application == null) {
            throw new IllegalStateException("no application registered a priming; MAIN_CLASS must be a bench application");
        }
        application.getBean(Priming.class).beforeCheckpoint(null);
    }
}
