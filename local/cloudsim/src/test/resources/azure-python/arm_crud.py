"""Drives cloudsim's ARM front with Microsoft's Python management SDKs (Debian's python3-azure).

Usage: arm_crud.py ENDPOINT CA_PEM SUBSCRIPTION. Create, read, list, update and delete every kind Overcast
uses, through the SDKs' long-running-operation pollers, with error cases. Prints one line per check
("ok NAME" or "FAIL NAME: why") and exits 1 when any check failed.
"""
import sys
import time

from azure.core.credentials import AccessToken
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.mgmt.compute import ComputeManagementClient
from azure.mgmt.network import NetworkManagementClient
from azure.mgmt.resource import ResourceManagementClient

ENDPOINT, CA, SUBSCRIPTION = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
LOCATION = "westeurope"
GROUP = "py-rg"
failures = []


class StaticToken:
    """A token credential stub: the front wants a bearer token and does not verify it."""

    def get_token(self, *scopes, **kwargs):
        return AccessToken("cloudsim", int(time.time()) + 3600)


def client(kind):
    return kind(StaticToken(), SUBSCRIPTION, base_url=ENDPOINT, connection_verify=CA,
                credential_scopes=["https://management.azure.com/.default"], polling_interval=0.2)


def check(name, condition, detail=""):
    if condition:
        print("ok " + name)
    else:
        failures.append(name)
        print("FAIL " + name + ": " + str(detail))


def refused(name, code, call):
    try:
        call()
    except HttpResponseError as e:
        check(name, e.error is not None and e.error.code == code, "got %s" % (e.error.code if e.error else e))
        return
    check(name, False, "accepted, expected " + code)


resources = client(ResourceManagementClient)
network = client(NetworkManagementClient)
compute = client(ComputeManagementClient)
net = "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Network" % (SUBSCRIPTION, GROUP)

# resource group
resources.resource_groups.create_or_update(GROUP, {"location": LOCATION, "tags": {"overcast:cluster": "py"}})
check("group.exists", resources.resource_groups.check_existence(GROUP))
check("group.missing", not resources.resource_groups.check_existence("py-none"))
check("group.get", resources.resource_groups.get(GROUP).tags == {"overcast:cluster": "py"})
check("group.list", GROUP in [g.name for g in resources.resource_groups.list()])
resources.resource_groups.update(GROUP, {"tags": {"overcast:cluster": "py", "k": "v"}})
check("group.update", resources.resource_groups.get(GROUP).tags.get("k") == "v")
refused("group.get.missing", "ResourceGroupNotFound", lambda: resources.resource_groups.get("py-none"))

# virtual network with an inline subnet, and subnets of their own
vnet = network.virtual_networks.begin_create_or_update(GROUP, "vnet", {
    "location": LOCATION, "address_space": {"address_prefixes": ["10.30.0.0/16"]},
    "subnets": [{"name": "nodes", "address_prefix": "10.30.1.0/24"}]}).result()
refused("vnet.badPrefix", "InvalidAddressPrefixFormat", lambda: network.virtual_networks.begin_create_or_update(GROUP, "bad", {
    "location": LOCATION, "address_space": {"address_prefixes": ["10.30.0.0/33"]}}).result())
check("vnet.create.inlineSubnet", [s.name for s in vnet.subnets] == ["nodes"], vnet.subnets)
check("vnet.list", [v.name for v in network.virtual_networks.list(GROUP)] == ["vnet"])
check("vnet.listAll", "vnet" in [v.name for v in network.virtual_networks.list_all()])
network.virtual_networks.update_tags(GROUP, "vnet", {"tags": {"overcast:cluster": "py"}})
check("vnet.updateTags", network.virtual_networks.get(GROUP, "vnet").tags == {"overcast:cluster": "py"})
refused("subnet.outsideVnet", "NetcfgSubnetRangeOutsideVnet", lambda: network.subnets.begin_create_or_update(
    GROUP, "vnet", "outside", {"address_prefix": "10.99.0.0/24"}).result())
network.subnets.begin_create_or_update(GROUP, "vnet", "GatewaySubnet", {"address_prefix": "10.30.255.0/27"}).result()
check("subnet.list", sorted(s.name for s in network.subnets.list(GROUP, "vnet")) == ["GatewaySubnet", "nodes"])
try:
    network.subnets.get(GROUP, "vnet", "none")
    check("subnet.get.missing", False, "found")
except ResourceNotFoundError:
    check("subnet.get.missing", True)

# network security group and its rules
rule = {"protocol": "Tcp", "access": "Allow", "direction": "Inbound", "priority": 100, "source_address_prefix": "*",
        "source_port_range": "*", "destination_address_prefix": "*", "destination_port_range": "22"}
nsg = network.network_security_groups.begin_create_or_update(GROUP, "nsg", {
    "location": LOCATION, "security_rules": [dict(rule, name="ssh")]}).result()
check("nsg.rule.id", nsg.security_rules[0].id == net + "/networkSecurityGroups/nsg/securityRules/ssh", nsg.security_rules[0].id)
check("nsg.defaultRules", len(nsg.default_security_rules or []) == 6)
network.security_rules.begin_create_or_update(GROUP, "nsg", "https", dict(rule, priority=110, destination_port_range="443")).result()
refused("rule.badPriority", "SecurityRuleInvalidPriority", lambda: network.security_rules.begin_create_or_update(
    GROUP, "nsg", "bad", dict(rule, priority=5000)).result())
check("rule.list", sorted(r.name for r in network.security_rules.list(GROUP, "nsg")) == ["https", "ssh"])
check("rule.get", network.security_rules.get(GROUP, "nsg", "https").destination_port_range == "443")
network.security_rules.begin_delete(GROUP, "nsg", "https").result()
check("rule.delete", [r.name for r in network.security_rules.list(GROUP, "nsg")] == ["ssh"])
subnet = network.subnets.begin_create_or_update(GROUP, "vnet", "nodes", {
    "address_prefix": "10.30.1.0/24", "network_security_group": {"id": nsg.id}}).result()
check("subnet.update.nsg", subnet.network_security_group is not None and subnet.network_security_group.id == nsg.id)
refused("nsg.delete.inUse", "InUseNetworkSecurityGroupCannotBeDeleted",
        lambda: network.network_security_groups.begin_delete(GROUP, "nsg").result())

# public IP
ip = network.public_ip_addresses.begin_create_or_update(GROUP, "gw-ip", {
    "location": LOCATION, "sku": {"name": "Standard"}, "public_ip_allocation_method": "Static"}).result()
check("publicIp.address", bool(ip.ip_address))
check("publicIp.list", [p.name for p in network.public_ip_addresses.list(GROUP)] == ["gw-ip"])
network.public_ip_addresses.update_tags(GROUP, "gw-ip", {"tags": {"role": "gateway"}})
check("publicIp.updateTags", network.public_ip_addresses.get(GROUP, "gw-ip").tags == {"role": "gateway"})

# virtual network gateway, local network gateway, connection
refused("gateway.wrongSubnet", "GatewaySubnet", lambda: network.virtual_network_gateways.begin_create_or_update(GROUP, "bad", {
    "location": LOCATION, "gateway_type": "Vpn", "vpn_type": "RouteBased", "sku": {"name": "VpnGw1", "tier": "VpnGw1"},
    "ip_configurations": [{"name": "default", "subnet": {"id": vnet.id + "/subnets/nodes"}, "public_ip_address": {"id": ip.id}}]}).result())
gateway = network.virtual_network_gateways.begin_create_or_update(GROUP, "gw", {
    "location": LOCATION, "gateway_type": "Vpn", "vpn_type": "RouteBased", "sku": {"name": "VpnGw1", "tier": "VpnGw1"},
    "enable_bgp": True, "bgp_settings": {"asn": 65515, "bgp_peering_addresses": [
        {"ipconfiguration_id": "x", "custom_bgp_ip_addresses": ["169.254.21.1"]}]},
    "ip_configurations": [{"name": "default", "subnet": {"id": vnet.id + "/subnets/GatewaySubnet"},
                           "public_ip_address": {"id": ip.id}}]}).result()
check("gateway.ready", gateway.provisioning_state == "Succeeded", gateway.provisioning_state)
check("gateway.tunnelAddress", gateway.bgp_settings.bgp_peering_addresses[0].tunnel_ip_addresses == [ip.ip_address])
check("gateway.list", [g.name for g in network.virtual_network_gateways.list(GROUP)] == ["gw"])
local = network.local_network_gateways.begin_create_or_update(GROUP, "peer", {
    "location": LOCATION, "gateway_ip_address": "203.0.113.10", "bgp_settings": {"asn": 64512, "bgp_peering_address": "169.254.21.2"}}).result()
local = network.local_network_gateways.begin_create_or_update(GROUP, "peer", {
    "location": LOCATION, "gateway_ip_address": "203.0.113.11", "bgp_settings": {"asn": 64512, "bgp_peering_address": "169.254.21.2"}}).result()
check("localGateway.update", local.gateway_ip_address == "203.0.113.11")
connection = network.virtual_network_gateway_connections.begin_create_or_update(GROUP, "tunnel", {
    "location": LOCATION, "connection_type": "IPsec", "enable_bgp": True, "shared_key": "secret",
    "virtual_network_gateway1": {"id": gateway.id, "location": LOCATION}, "local_network_gateway2": {"id": local.id, "location": LOCATION},
    "gateway_custom_bgp_ip_addresses": [{"ip_configuration_id": gateway.ip_configurations[0].id if gateway.ip_configurations else "x",
                                         "custom_bgp_ip_address": "169.254.21.1"}]}).result()
check("connection.noSharedKey", connection.shared_key is None)
check("connection.status", network.virtual_network_gateway_connections.get(GROUP, "tunnel").connection_status == "Connected")
refused("connection.foreignBgpAddress", "InvalidCustomBgpIpAddress", lambda: network.virtual_network_gateway_connections.begin_create_or_update(
    GROUP, "tunnel2", {"location": LOCATION, "connection_type": "IPsec", "enable_bgp": True, "shared_key": "secret",
                       "virtual_network_gateway1": {"id": gateway.id, "location": LOCATION},
                       "local_network_gateway2": {"id": local.id, "location": LOCATION},
                       "gateway_custom_bgp_ip_addresses": [{"ip_configuration_id": "x", "custom_bgp_ip_address": "169.254.22.9"}]}).result())
refused("publicIp.delete.inUse", "PublicIPAddressInUse", lambda: network.public_ip_addresses.begin_delete(GROUP, "gw-ip").result())
check("connection.list", [c.name for c in network.virtual_network_gateway_connections.list(GROUP)] == ["tunnel"])
refused("localGateway.delete.inUse", "InUseLocalNetworkGatewayCannotBeDeleted",
        lambda: network.local_network_gateways.begin_delete(GROUP, "peer").result())

# NIC and VM with its managed OS disk
nic = network.network_interfaces.begin_create_or_update(GROUP, "vm-nic", {
    "location": LOCATION, "network_security_group": {"id": nsg.id},
    "ip_configurations": [{"name": "primary", "subnet": {"id": subnet.id}}]}).result()
check("nic.privateIp", nic.ip_configurations[0].private_ip_address == "10.30.1.4", nic.ip_configurations[0].private_ip_address)
check("nic.listAll", "vm-nic" in [n.name for n in network.network_interfaces.list_all()])
refused("vm.noNic", "InvalidRequestFormat", lambda: compute.virtual_machines.begin_create_or_update(GROUP, "bad", {
    "location": LOCATION, "hardware_profile": {"vm_size": "Standard_D2s_v5"},
    "storage_profile": {"image_reference": {"publisher": "Canonical", "offer": "o", "sku": "s", "version": "latest"}},
    "network_profile": {"network_interfaces": []}}).result())


def machine(name, nic_id, delete_option):
    return compute.virtual_machines.begin_create_or_update(GROUP, name, {
        "location": LOCATION, "hardware_profile": {"vm_size": "Standard_D2s_v5"},
        "storage_profile": {"image_reference": {"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server",
                                                "version": "latest"},
                            "os_disk": {"create_option": "FromImage", "delete_option": delete_option}},
        "os_profile": {"computer_name": name, "admin_username": "overcast", "custom_data": "I2Nsb3VkLWNvbmZpZw=="},
        "network_profile": {"network_interfaces": [{"id": nic_id, "primary": True, "delete_option": delete_option}]}}).result()


vm = machine("vm", nic.id, "Delete")
check("vm.ready", vm.provisioning_state == "Succeeded", vm.provisioning_state)
refused("nic.delete.inUse", "NicInUse", lambda: network.network_interfaces.begin_delete(GROUP, "vm-nic").result())
try:
    compute.disks.get(GROUP, "none")
    check("disk.get.missing", False, "found")
except ResourceNotFoundError:
    check("disk.get.missing", True)
check("vm.list", [v.name for v in compute.virtual_machines.list(GROUP)] == ["vm"])
check("vm.listAll", "vm" in [v.name for v in compute.virtual_machines.list_all()])
view = compute.virtual_machines.instance_view(GROUP, "vm")
check("vm.instanceView", "PowerState/running" in [s.code for s in view.statuses])
disk = compute.disks.get(GROUP, vm.storage_profile.os_disk.name)
check("disk.managedBy", disk.managed_by == vm.id, disk.managed_by)
check("disk.list", [d.name for d in compute.disks.list_by_resource_group(GROUP)] == [disk.name])
check("group.resources", {"Microsoft.Compute/virtualMachines", "Microsoft.Network/virtualNetworks"}
      <= {r.type for r in resources.resources.list_by_resource_group(GROUP)})
compute.virtual_machines.begin_delete(GROUP, "vm").result()
check("vm.delete.takesDiskAndNic", [n.name for n in network.network_interfaces.list(GROUP)] == []
      and [d.name for d in compute.disks.list_by_resource_group(GROUP)] == [])

# the group's delete takes everything still in it (a VM whose disk and NIC it does not delete itself
# included), polled through Location
nic2 = network.network_interfaces.begin_create_or_update(GROUP, "vm2-nic", {
    "location": LOCATION, "ip_configurations": [{"name": "primary", "subnet": {"id": subnet.id}}]}).result()
vm2 = machine("vm2", nic2.id, "Detach")
resources.resource_groups.begin_delete(GROUP).result()
check("group.delete", not resources.resource_groups.check_existence(GROUP))
check("group.delete.vm", "vm2" not in [v.name for v in compute.virtual_machines.list_all()])
check("group.delete.disk", vm2.storage_profile.os_disk.name not in [d.name for d in compute.disks.list()])
check("group.delete.nic", "vm2-nic" not in [n.name for n in network.network_interfaces.list_all()])

sys.exit(1 if failures else 0)
