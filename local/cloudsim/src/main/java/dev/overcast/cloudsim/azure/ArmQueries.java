package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.Cloud;
import dev.overcast.core.spec.InstanceCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscription-level reads a preflight makes: the caller's permissions
 * ({@code Microsoft.Authorization/permissions}: {@code *} less what the world denies), usages per location
 * (Compute: {@code cores} and per-family vCPUs; Network: virtual networks and public IPs; limits from the
 * world's {@link Quotas}, current values counted) and the VM sizes a location offers (the catalog's).
 */
final class ArmQueries {

    private static final Pattern PERMISSIONS = Pattern.compile("(?i)/subscriptions/([^/]+)/providers/Microsoft\\.Authorization/permissions/?");
    private static final Pattern LOCATION_READ = Pattern.compile(
            "(?i)/subscriptions/([^/]+)/providers/(Microsoft\\.Compute|Microsoft\\.Network)/locations/([^/]+)/(usages|vmSizes)/?");
    private static final InstanceCatalog CATALOG = InstanceCatalog.standard();

    /** A matched query: its call log name, the RBAC action it needs, its subscription and how to answer it. */
    record Query(String action, String permission, String subscription, java.util.function.Supplier<ArmAnswer> answer) {}

    private final World world;

    ArmQueries(World world) {
        this.world = world;
    }

    Optional<Query> match(String method, String rawPath) {
        if (!method.equals("GET")) {
            return Optional.empty();
        }
        Matcher permissions = PERMISSIONS.matcher(rawPath);
        if (permissions.matches()) {
            String subscription = permissions.group(1);
            return Optional.of(new Query("GET permissions", "Microsoft.Authorization/permissions/read", subscription,
                    () -> permissions(subscription)));
        }
        Matcher read = LOCATION_READ.matcher(rawPath);
        if (read.matches()) {
            String subscription = read.group(1);
            String namespace = read.group(2).equalsIgnoreCase("Microsoft.Compute") ? "Microsoft.Compute" : "Microsoft.Network";
            String location = read.group(3).toLowerCase(Locale.ROOT);
            boolean usages = read.group(4).equalsIgnoreCase("usages");
            if (!usages && namespace.equals("Microsoft.Network")) {
                return Optional.empty();
            }
            return Optional.of(new Query("GET " + namespace + " " + (usages ? "usages" : "vmSizes"),
                    namespace + "/locations/" + (usages ? "usages" : "vmSizes") + "/read", subscription,
                    () -> usages ? usages(subscription, namespace, location) : vmSizes()));
        }
        return Optional.empty();
    }

    private ArmAnswer permissions(String subscription) {
        ObjectNode body = ArmStore.JSON.createObjectNode();
        ObjectNode permission = body.putArray("value").addObject();
        permission.putArray("actions").add("*");
        ArrayNode notActions = permission.putArray("notActions");
        world.iam().denied(ArmStore.FRONT, subscription).forEach(notActions::add);
        permission.putArray("dataActions");
        permission.putArray("notDataActions");
        return ArmAnswer.ok(body);
    }

    private ArmAnswer usages(String subscription, String namespace, String location) {
        ObjectNode body = ArmStore.JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        if (namespace.equals("Microsoft.Network")) {
            usage(value, "VirtualNetworks", "Virtual Networks", limit(ArmType.VIRTUAL_NETWORK),
                    world.live(ArmStore.FRONT, subscription, location, ArmType.VIRTUAL_NETWORK.key()).size());
            usage(value, "PublicIPAddresses", "Public IP Addresses", limit(ArmType.PUBLIC_IP_ADDRESS),
                    world.live(ArmStore.FRONT, subscription, location, ArmType.PUBLIC_IP_ADDRESS.key()).size());
            return ArmAnswer.ok(body);
        }
        Map<String, Integer> families = new TreeMap<>();
        CATALOG.types(Cloud.AZURE).forEach(size -> families.put(InstanceCatalog.vcpuFamily(Cloud.AZURE, size), 0));
        int cores = 0;
        List<SimResource> machines = world.live(ArmStore.FRONT, subscription, location, ArmType.VIRTUAL_MACHINE.key());
        for (SimResource machine : machines) {
            String size = ArmStore.document(machine).path("properties").path("hardwareProfile").path("vmSize").asText();
            int vcpus = CATALOG.vcpus(Cloud.AZURE, size).orElse(0);
            cores += vcpus;
            families.merge(InstanceCatalog.vcpuFamily(Cloud.AZURE, size), vcpus, Integer::sum);
        }
        int coreLimit = world.quotas().of(ArmStore.FRONT, "cores").map(Quotas.Quota::limit).orElse(Integer.MAX_VALUE);
        usage(value, "cores", "Total Regional vCPUs", coreLimit, cores);
        usage(value, "virtualMachines", "Virtual Machines", limit(ArmType.VIRTUAL_MACHINE), machines.size());
        families.forEach((family, used) -> usage(value, family, family, coreLimit, used));
        return ArmAnswer.ok(body);
    }

    private ArmAnswer vmSizes() {
        ObjectNode body = ArmStore.JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        CATALOG.types(Cloud.AZURE).forEach(size -> value.addObject().put("name", size)
                .put("numberOfCores", CATALOG.vcpus(Cloud.AZURE, size).orElseThrow()));
        return ArmAnswer.ok(body);
    }


    private int limit(ArmType type) {
        return world.quotas().of(ArmStore.FRONT, type.key()).map(Quotas.Quota::limit).orElse(Integer.MAX_VALUE);
    }

    private static void usage(ArrayNode value, String name, String localized, int limit, int current) {
        ObjectNode usage = value.addObject().put("unit", "Count").put("currentValue", current).put("limit", (long) limit);
        usage.putObject("name").put("value", name).put("localizedValue", localized);
    }
}
