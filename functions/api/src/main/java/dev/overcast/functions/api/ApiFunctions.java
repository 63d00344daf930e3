package dev.overcast.functions.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.preflight.Preflight;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.store.Store;
import java.time.InstantSource;
import java.util.Optional;
import org.springframework.context.support.GenericApplicationContext;

/** The console API's bean and its functional registration, as {@code OvercastFunctions} does for the steps. */
public final class ApiFunctions {
    public static final String CONSOLE_API = "consoleApi";

    /**
     * What the API needs: the store, the planner (and its region catalog), the flows, a clock, and the
     * accounts' preflight for dry runs where the API can reach the clouds (empty: dry runs plan only).
     */
    public record Wiring(Store store, Planner planner, RegionCatalog regions, Flows flows, InstantSource clock,
                         Optional<Preflight> preflight) {
    }

    private ApiFunctions() {
    }

    public static ConsoleApi consoleApi(Wiring wiring) {
        ObjectMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        return new ConsoleApi(wiring, json);
    }

    public static void register(GenericApplicationContext context, Wiring wiring) {
        OvercastFunctions.register(context, CONSOLE_API, consoleApi(wiring));
    }
}
