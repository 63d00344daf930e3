package dev.overcast.cloudsim.kubernetes;

import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.core.cloud.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instance of any cloud as the Kubernetes simulation sees it. Fronts keep their cloud's field
 * names, so where user-data and the private address live is data: EC2 {@code userData} (base64)
 * and {@code privateIpAddress}, Azure {@code customData} (base64) and {@code privateIPAddress},
 * GCP a {@code metadata} item {@code user-data} (plain) and {@code networkIP}.
 *
 * @param cluster   the {@code overcast:cluster} tag in the cloud's spelling
 * @param state     the instance's state now ({@code running} on every cloud's front)
 * @param runningAt when it started running
 */
record Machine(Cloud cloud, String cluster, String state, Instant runningAt, String privateIp, KubeadmIntent intent) {

    static final String RUNNING = "running";
    private static final List<String> BASE64_USER_DATA = List.of("userData", "customData");
    private static final String METADATA = "metadata";
    private static final String METADATA_USER_DATA = "user-data";
    private static final List<String> PRIVATE_IP = List.of("privateIpAddress", "networkIP", "privateIPAddress");

    /** The machine, when the resource is an owned instance whose user-data carries a well-formed kubeadm intent. */
    static Optional<Machine> of(SimResource instance, Instant now) {
        Optional<Cloud> cloud = Cloud.fromId(instance.key().front());
        if (cloud.isEmpty()) {
            return Optional.empty();
        }
        String cluster = instance.tags().get(OwnershipTags.key(cloud.get(), OwnershipTags.CLUSTER));
        if (cluster == null) {
            return Optional.empty();
        }
        String privateIp = PRIVATE_IP.stream().map(instance::attribute).filter(a -> a != null).findFirst().orElse(null);
        return KubeadmIntent.of(userData(instance)).map(intent ->
                new Machine(cloud.get(), cluster, instance.state(now), instance.readyAt(), privateIp, intent));
    }

    private static String userData(SimResource instance) {
        for (String name : BASE64_USER_DATA) {
            String encoded = instance.attribute(name);
            if (encoded != null) {
                try {
                    return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        if (instance.attributes().get(METADATA) instanceof List<?>) {
            for (Map<String, String> item : instance.list(METADATA)) {
                if (METADATA_USER_DATA.equals(item.get("key"))) {
                    return item.get("value");
                }
            }
        }
        return null;
    }
}
