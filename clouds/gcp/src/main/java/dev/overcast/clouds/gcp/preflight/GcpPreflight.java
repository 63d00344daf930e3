package dev.overcast.clouds.gcp.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.compute.v1.MachineTypesClient;
import com.google.cloud.compute.v1.MachineTypesSettings;
import com.google.cloud.compute.v1.Quota;
import com.google.cloud.compute.v1.Region;
import com.google.cloud.compute.v1.RegionsClient;
import com.google.cloud.compute.v1.RegionsSettings;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.core.Cloud;
import dev.overcast.core.preflight.Check;
import dev.overcast.core.preflight.CloudDemand;
import dev.overcast.core.preflight.CloudPreflight;
import dev.overcast.core.preflight.PackagedGrant;
import dev.overcast.core.preflight.RegionDemand;
import dev.overcast.core.spec.InstanceCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The GCP preflight: {@code regions.get} (the token is accepted; the region's quotas), Resource Manager's
 * {@code projects.testIamPermissions} with every permission of the custom role the customer applied
 * ({@code onboarding/gcp/overcast-role.yaml}, packaged with this module), the regional quotas against the
 * plan (static addresses, HA VPN gateways, tunnels, vCPUs in total and per machine family) and
 * {@code machineTypes.get} in every zone the plan places instances.
 */
public final class GcpPreflight implements CloudPreflight {

    static final String ROLE_RESOURCE = "/onboarding/gcp/overcast-role.yaml";
    private static final URI RESOURCE_MANAGER = URI.create("https://cloudresourcemanager.googleapis.com");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InstanceCatalog CATALOG = InstanceCatalog.standard();
    /** testIamPermissions answers at most 100 permissions per call. */
    private static final int PERMISSIONS_PER_CALL = 100;

    private final ComputeClients clients;
    private final List<String> rolePermissions;

    public GcpPreflight(ComputeClients clients) {
        this.clients = clients;
        this.rolePermissions = rolePermissions();
    }

    /** The {@code includedPermissions} of the packaged custom role. */
    public static List<String> rolePermissions() {
        return PackagedGrant.list(GcpPreflight.class, ROLE_RESOURCE, "includedPermissions");
    }

    @Override
    public Cloud cloud() {
        return Cloud.GCP;
    }

    @Override
    public List<Check> run(CloudDemand demand) {
        List<Check> checks = new ArrayList<>();
        String project = clients.project();
        try (RegionsClient regions = RegionsClient.create(clients.asProject(RegionsSettings.newBuilder()).build());
                MachineTypesClient machineTypes = MachineTypesClient.create(clients.asProject(MachineTypesSettings.newBuilder()).build())) {
            Map<String, Region> byName = new TreeMap<>();
            try {
                for (RegionDemand region : demand.regions()) {
                    byName.put(region.region(), regions.get(project, region.region()));
                }
                checks.add(Check.pass(Cloud.GCP, Check.ACCOUNT, "credentials", "project " + project + " answers"));
            } catch (ApiException e) {
                checks.add(Check.fail(Cloud.GCP, Check.ACCOUNT, "credentials", e.getMessage(),
                        "check the workload identity federation setup (onboarding/gcp/workload-identity.sh) and the project id"));
                return checks;
            }
            checks.addAll(permissions(project));
            for (RegionDemand region : demand.regions()) {
                checks.addAll(quotas(byName.get(region.region()), region));
                checks.add(offerings(machineTypes, project, region));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the Compute clients for the preflight", e);
        }
        return checks;
    }

    private List<Check> permissions(String project) {
        URI base = clients.config().endpoint().orElse(RESOURCE_MANAGER);
        URI uri = URI.create(base.toString().replaceAll("/$", "") + "/v1/projects/" + project + ":testIamPermissions");
        Set<String> granted = new HashSet<>();
        // One POST per 100 permissions; the Resource Manager client library would add a second transport stack to every Lambda.
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (int from = 0; from < rolePermissions.size(); from += PERMISSIONS_PER_CALL) {
                List<String> batch = rolePermissions.subList(from, Math.min(rolePermissions.size(), from + PERMISSIONS_PER_CALL));
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("permissions", batch))));
                clients.authorization(uri).forEach((name, values) -> values.forEach(v -> request.header(name, v)));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return List.of(Check.fail(Cloud.GCP, Check.ACCOUNT, "permissions", "testIamPermissions answered "
                            + response.statusCode() + ": " + response.body(), "check that the project id is right and the token is accepted"));
                }
                JsonNode answer = JSON.readTree(response.body());
                answer.path("permissions").forEach(p -> granted.add(p.asText()));
            }
        } catch (IOException e) {
            return List.of(Check.fail(Cloud.GCP, Check.ACCOUNT, "permissions", e.getMessage(), "check the network path to Resource Manager"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(Check.fail(Cloud.GCP, Check.ACCOUNT, "permissions", "interrupted", "run the preflight again"));
        }
        List<Check> checks = new ArrayList<>();
        List<String> missing = rolePermissions.stream().filter(p -> !granted.contains(p)).toList();
        missing.forEach(p -> checks.add(Check.fail(Cloud.GCP, Check.ACCOUNT, "permission " + p, "not granted",
                "update the custom role: gcloud iam roles update overcast --project " + project + " --file onboarding/gcp/overcast-role.yaml")));
        if (missing.isEmpty()) {
            checks.add(Check.pass(Cloud.GCP, Check.ACCOUNT, "permissions", "all " + rolePermissions.size() + " of the role granted"));
        }
        return checks;
    }

    private static List<Check> quotas(Region region, RegionDemand demand) {
        Map<String, Quota> byMetric = new TreeMap<>();
        region.getQuotasList().forEach(q -> byMetric.put(q.getMetric(), q));
        Map<String, Long> cpus = new TreeMap<>();
        demand.instanceTypes().forEach((type, count) ->
                cpus.merge(InstanceCatalog.vcpuFamily(Cloud.GCP, type), (long) CATALOG.vcpus(Cloud.GCP, type).orElse(0) * count, Long::sum));
        List<Check> checks = new ArrayList<>();
        checks.add(quota(byMetric, demand.region(), "STATIC_ADDRESSES", demand.publicIps()));
        checks.add(quota(byMetric, demand.region(), "VPN_GATEWAYS", demand.vpnGateways()));
        // Each planned GCP tunnel resource is an HA pair: two Compute VPN tunnels.
        checks.add(quota(byMetric, demand.region(), "VPN_TUNNELS", 2L * demand.vpnTunnels()));
        checks.add(quota(byMetric, demand.region(), "CPUS", cpus.values().stream().mapToLong(Long::longValue).sum()));
        cpus.forEach((metric, needed) -> checks.add(quota(byMetric, demand.region(), metric, needed)));
        return checks;
    }

    private static Check quota(Map<String, Quota> byMetric, String region, String metric, long needed) {
        Quota quota = byMetric.get(metric);
        if (quota == null) {
            return Check.pass(Cloud.GCP, region, "quota " + metric, "not limited in this region");
        }
        return Check.quota(Cloud.GCP, region, metric, (long) quota.getLimit(), (long) quota.getUsage(), needed,
                "request a higher " + metric + " quota for " + region + " (IAM & Admin > Quotas), or free some");
    }


    private static Check offerings(MachineTypesClient machineTypes, String project, RegionDemand region) {
        List<String> missing = new ArrayList<>();
        for (String type : region.instanceTypes().keySet()) {
            for (String zone : region.zones()) {
                try {
                    machineTypes.get(project, zone, type);
                } catch (ApiException e) {
                    missing.add(type + " in " + zone + " (" + e.getStatusCode().getCode() + ")");
                }
            }
        }
        String name = "offers " + String.join(", ", region.instanceTypes().keySet());
        return missing.isEmpty() ? Check.pass(Cloud.GCP, region.region(), name, "offered in " + String.join(", ", region.zones()))
                : Check.fail(Cloud.GCP, region.region(), name, "not offered: " + String.join(", ", missing),
                        "choose another size or region in the spec (./overcast plan shows the choice)");
    }
}
