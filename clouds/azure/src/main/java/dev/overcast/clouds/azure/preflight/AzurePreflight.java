package dev.overcast.clouds.azure.preflight;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.core.Cloud;
import dev.overcast.core.preflight.Check;
import dev.overcast.core.preflight.CloudDemand;
import dev.overcast.core.preflight.CloudPreflight;
import dev.overcast.core.preflight.PackagedGrant;
import dev.overcast.core.preflight.RegionDemand;
import dev.overcast.core.spec.InstanceCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Azure preflight: the caller's permissions on the subscription ({@code Microsoft.Authorization/permissions},
 * which also proves the token is accepted) against every action of the custom role the customer applied
 * ({@code onboarding/azure/overcast-role.json}, packaged with this module), Compute and Network usages against the
 * plan (regional and per-family vCPUs, virtual networks, public IPs) and the location's VM sizes.
 */
public final class AzurePreflight implements CloudPreflight {

    static final String ROLE_RESOURCE = "/onboarding/azure/overcast-role.json";
    private static final String PERMISSIONS_API_VERSION = "2022-04-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InstanceCatalog CATALOG = InstanceCatalog.standard();

    private final ArmClients clients;
    private final List<String> roleActions;

    public AzurePreflight(ArmClients clients) {
        this.clients = clients;
        this.roleActions = roleActions();
    }

    /** The {@code Actions} of the packaged custom role definition. */
    public static List<String> roleActions() {
        return PackagedGrant.list(AzurePreflight.class, ROLE_RESOURCE, "Actions");
    }

    @Override
    public Cloud cloud() {
        return Cloud.AZURE;
    }

    @Override
    public List<Check> run(CloudDemand demand) {
        List<Check> checks = new ArrayList<>();
        JsonNode permissions;
        try {
            permissions = permissions();
        } catch (ManagementException e) {
            checks.add(Check.fail(Cloud.AZURE, Check.ACCOUNT, "credentials", e.getMessage(),
                    "check the tenant, subscription, client id and the federated credential (onboarding/azure/setup.sh)"));
            return checks;
        }
        checks.add(Check.pass(Cloud.AZURE, Check.ACCOUNT, "credentials", "subscription " + clients.subscriptionId() + " answers"));
        checks.addAll(granted(permissions));
        for (RegionDemand region : demand.regions()) {
            checks.addAll(quotas(region));
            checks.add(offerings(region));
        }
        return checks;
    }

    /**
     * {@code GET /subscriptions/S/providers/Microsoft.Authorization/permissions} through the SDK's pipeline (its
     * token, retries and trust); the authorization client library would bring Microsoft Graph along for one read.
     */
    private JsonNode permissions() {
        String url = clients.compute().getEndpoint().replaceAll("/$", "") + "/subscriptions/" + clients.subscriptionId()
                + "/providers/Microsoft.Authorization/permissions?api-version=" + PERMISSIONS_API_VERSION;
        try (HttpResponse response = clients.compute().getHttpPipeline().sendSync(new HttpRequest(HttpMethod.GET, url),
                com.azure.core.util.Context.NONE)) {
            String body = response.getBodyAsBinaryData().toString();
            if (response.getStatusCode() != 200) {
                throw new ManagementException("the permissions API answered " + response.getStatusCode() + ": " + body, response);
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions answer", e);
        }
    }

    private List<Check> granted(JsonNode permissions) {
        List<Pattern> allowed = new ArrayList<>();
        List<Pattern> excluded = new ArrayList<>();
        permissions.path("value").forEach(p -> {
            p.path("actions").forEach(a -> allowed.add(wildcard(a.asText())));
            p.path("notActions").forEach(a -> excluded.add(wildcard(a.asText())));
        });
        List<Check> checks = new ArrayList<>();
        for (String action : roleActions) {
            boolean holds = allowed.stream().anyMatch(p -> p.matcher(action).matches())
                    && excluded.stream().noneMatch(p -> p.matcher(action).matches());
            if (!holds) {
                checks.add(Check.fail(Cloud.AZURE, Check.ACCOUNT, "permission " + action, "not granted",
                        "update the role: az role definition update --role-definition @onboarding/azure/overcast-role.json"));
            }
        }
        if (checks.isEmpty()) {
            checks.add(Check.pass(Cloud.AZURE, Check.ACCOUNT, "permissions", "all " + roleActions.size() + " actions of the role granted"));
        }
        return checks;
    }

    /** Azure action patterns: {@code *} matches anything, case-insensitively. */
    private static Pattern wildcard(String action) {
        StringBuilder regex = new StringBuilder();
        for (String part : action.split("\\*", -1)) {
            if (!regex.isEmpty() || action.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(action.equals("*") ? ".*" : regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private List<Check> quotas(RegionDemand region) {
        String location = region.region();
        Map<String, long[]> usage = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        clients.compute().getUsages().list(location).forEach(u -> usage.put(u.name().value(), new long[] {u.limit(), u.currentValue()}));
        clients.network().getUsages().list(location).forEach(u -> usage.put(u.name().value(), new long[] {u.limit(), u.currentValue()}));
        Map<String, Long> families = new TreeMap<>();
        region.instanceTypes().forEach((size, count) ->
                families.merge(InstanceCatalog.vcpuFamily(Cloud.AZURE, size), (long) CATALOG.vcpus(Cloud.AZURE, size).orElse(0) * count, Long::sum));
        List<Check> checks = new ArrayList<>();
        checks.add(quota(usage, location, "VirtualNetworks", region.networks()));
        checks.add(quota(usage, location, "PublicIPAddresses", region.publicIps()));
        checks.add(quota(usage, location, "cores", families.values().stream().mapToLong(Long::longValue).sum()));
        families.forEach((family, needed) -> checks.add(quota(usage, location, family, needed)));
        return checks;
    }

    private static Check quota(Map<String, long[]> usage, String location, String name, long needed) {
        long[] found = usage.get(name);
        if (found == null) {
            return Check.pass(Cloud.AZURE, location, "quota " + name, "not limited in this location");
        }
        return Check.quota(Cloud.AZURE, location, name, found[0], found[1], needed,
                "request a higher " + name + " quota for " + location + " (Subscriptions > Usage + quotas), or free some");
    }


    private Check offerings(RegionDemand region) {
        Set<String> offered = new HashSet<>();
        clients.compute().getVirtualMachineSizes().list(region.region()).forEach(s -> offered.add(s.name().toLowerCase(Locale.ROOT)));
        List<String> missing = region.instanceTypes().keySet().stream().filter(s -> !offered.contains(s.toLowerCase(Locale.ROOT))).toList();
        String name = "offers " + String.join(", ", region.instanceTypes().keySet());
        return missing.isEmpty() ? Check.pass(Cloud.AZURE, region.region(), name, "offered in " + region.region())
                : Check.fail(Cloud.AZURE, region.region(), name, "not offered: " + String.join(", ", missing),
                        "choose another size or region in the spec (./overcast plan shows the choice)");
    }
}
