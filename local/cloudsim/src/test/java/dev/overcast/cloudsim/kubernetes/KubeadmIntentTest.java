package dev.overcast.cloudsim.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.bootstrap.BootstrapNode;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.bootstrap.ClusterBootstrap;
import dev.overcast.core.bootstrap.NodeRole;
import dev.overcast.core.Cloud;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeadmIntentTest {
    private static final ClusterBootstrap CLUSTER = new ClusterBootstrap("demo", "1.31", "10.10.0.10", "10.244.0.0/16",
            "10.96.0.0/12", "demo-kubeadm-join");
    private final CloudInit cloudInit = new CloudInit();

    @Test
    void of_shouldReadInit_fromMasterZerosUserData() {
        String userData = cloudInit.render(CLUSTER, new BootstrapNode("demo-instance-master-0", Cloud.AWS, "us-east-1", NodeRole.INIT));

        assertThat(KubeadmIntent.of(userData)).contains(new KubeadmIntent(true, true, "demo-instance-master-0",
                Map.of(CloudInit.REGION_LABEL, "us-east-1", CloudInit.CLOUD_LABEL, "aws"), "10.10.0.10:6443"));
    }

    @Test
    void of_shouldReadJoins_withTheirEndpointAndRole() {
        String master = cloudInit.render(CLUSTER, new BootstrapNode("demo-instance-master-1", Cloud.GCP, "us-east4", NodeRole.CONTROL_PLANE));
        String worker = cloudInit.render(CLUSTER, new BootstrapNode("demo-instance-azure-0", Cloud.AZURE, "eastus2", NodeRole.WORKER));

        assertThat(KubeadmIntent.of(master)).hasValueSatisfying(i -> assertThat(i.controlPlane()).isTrue());
        assertThat(KubeadmIntent.of(worker)).hasValueSatisfying(i -> {
            assertThat(i.init()).isFalse();
            assertThat(i.controlPlane()).isFalse();
            assertThat(i.endpoint()).isEqualTo("10.10.0.10:6443");
            assertThat(i.labels()).containsEntry(CloudInit.CLOUD_LABEL, "azure");
        });
    }

    @Test
    void of_shouldIgnore_userDataThatKubeadmCouldNotRun() {
        String worker = cloudInit.render(CLUSTER, new BootstrapNode("demo-instance-aws-0", Cloud.AWS, "us-east-1", NodeRole.WORKER));

        assertThat(KubeadmIntent.of(worker.replace("#cloud-config", "#!/bin/sh"))).as("not cloud-config").isEmpty();
        assertThat(KubeadmIntent.of(worker.replace("apiServerEndpoint: 10.10.0.10:6443", "apiServerEndpoint: ''"))).as("no endpoint").isEmpty();
        assertThat(KubeadmIntent.of(worker.replace("- /etc/overcast/kubeadm.yaml", "- /etc/other.yaml"))).as("config not written").isEmpty();
        assertThat(KubeadmIntent.of(worker.replace("runcmd:", "runcmd: [\"\"\n"))).as("not YAML").isEmpty();
        assertThat(KubeadmIntent.of(null)).isEmpty();
    }
}
