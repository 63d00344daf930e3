package dev.overcast.functions.api;

import dev.overcast.core.Cloud;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.region.RegionSelectionException;
import dev.overcast.core.region.RegionSelector;
import dev.overcast.core.region.RegionSet;
import dev.overcast.core.spec.Violation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /regions?near=…&clouds=…}: the region set the planner would choose near a place, with
 * every pair's round trip. A set over the budget is still shown (with its worst pair), since that is
 * what a user needs to see to pick another place.
 */
final class RegionRoutes {
    private final RegionCatalog catalog;
    private final RegionSelector selector;

    RegionRoutes(RegionCatalog catalog) {
        this.catalog = catalog;
        this.selector = new RegionSelector(catalog);
    }

    ApiResponse regions(ApiRequest request) {
        String near = request.query().get("near");
        if (near == null || near.isBlank()) {
            throw ApiException.invalid(new Violation("near", "required", "a metro (e.g. us-east, frankfurt) or lat,long"));
        }
        if (catalog.locate(near).isEmpty()) {
            throw ApiException.invalid(new Violation("near", "location", "unknown location '" + near
                    + "'; a metro (one of " + catalog.metros() + ") or lat,long"));
        }
        Set<Cloud> clouds = clouds(request.query().getOrDefault("clouds", "aws,gcp,azure"));
        RegionSet best;
        try {
            best = selector.select(clouds, near, Map.of());
        } catch (RegionSelectionException e) {
            best = e.best();
        }
        return ApiResponse.ok(new Views.RegionChoice(near, clouds.stream().map(Cloud::id).toList(), RegionSelector.MAX_RTT_MS,
                List.of(Views.RegionSetView.of(best))));
    }

    private static Set<Cloud> clouds(String list) {
        Set<Cloud> clouds = EnumSet.noneOf(Cloud.class);
        for (String id : list.split(",")) {
            clouds.add(Cloud.ofExactId(id.trim()).orElseThrow(() -> ApiException.invalid(new Violation("clouds", "enum",
                    "each must be one of " + Arrays.stream(Cloud.values()).map(Cloud::id).toList() + ", was '" + id + "'"))));
        }
        return clouds;
    }
}
