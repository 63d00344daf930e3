package dev.overcast.core.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.overcast.core.Cloud;
import java.util.List;

/**
 * One cloud's part of the address plan.
 *
 * @param cloud             the cloud
 * @param region            its region
 * @param cidr              the network (VPC / VNet) range
 * @param podCidr           the cloud's share of the cluster's pod range
 * @param asn               its VPN gateway's BGP ASN
 * @param subnets           node subnets: one per zone used (at most three) on AWS and GCP, one on Azure
 * @param gatewaySubnetCidr Azure's {@code GatewaySubnet} (the last /27 of the VNet); null elsewhere
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudNetwork(Cloud cloud, String region, String cidr, String podCidr, int asn,
                           List<SubnetPlan> subnets, String gatewaySubnetCidr) {

    public CloudNetwork {
        subnets = List.copyOf(subnets);
    }
}
