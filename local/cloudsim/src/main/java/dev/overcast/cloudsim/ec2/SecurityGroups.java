package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Security groups and their rules. Each rule is one peer (a CIDR or a group) for one protocol and port
 * range, as {@code DescribeSecurityGroupRules} shows them; {@code DescribeSecurityGroups} folds rules with
 * the same protocol and ports into one {@code IpPermission}, as EC2 does.
 */
final class SecurityGroups {

    static final String SECURITY_GROUP = "security-group";

    private static final List<String> RULE_FIELDS = List.of("ipProtocol", "fromPort", "toPort", "cidrIpv4", "referencedGroupId");

    private static final Filters FILTERS = Filters.of(Map.of(
            "group-id", Filters.id(),
            "group-name", Filters.attribute("groupName"),
            "description", Filters.attribute("groupDescription"),
            "vpc-id", Filters.attribute("vpcId"),
            "owner-id", Filters.attribute("ownerId")));

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("CreateSecurityGroup", this::create);
        actions.put("DescribeSecurityGroups", this::describe);
        actions.put("DeleteSecurityGroup", this::delete);
        actions.put("AuthorizeSecurityGroupIngress", this::authorize);
        actions.put("RevokeSecurityGroupIngress", this::revoke);
        actions.put("DescribeSecurityGroupRules", this::describeRules);
    }

    /** The group EC2 makes with every VPC: members may reach each other, everything may leave. */
    static void createDefault(Ec2Call call, SimResource vpc) {
        SimResource group = newGroup(call, vpc, "default", "default VPC security group", "none");
        group.attributes().put("createdWith", vpc.id());
        group.list("ingress").add(rule(call, group, "-1", null, null, null, group.id(), null));
    }

    private static SimResource newGroup(Ec2Call call, SimResource vpc, String name, String description, String tagType) {
        return call.create(SECURITY_GROUP, "sg", "available", "available", tagType, r -> {
            r.attributes().put("groupName", name);
            r.attributes().put("groupDescription", description);
            r.attributes().put("vpcId", vpc.id());
            r.attributes().put("ownerId", call.account());
            r.attributes().put("securityGroupArn", "arn:aws:ec2:" + call.region() + ":" + call.account() + ":security-group/" + r.id());
            r.dependsOn().add(vpc.id());
            r.list("egress").add(rule(call, r, "-1", null, null, "0.0.0.0/0", null, null));
        });
    }

    private void create(Ec2Call call, Xml out) {
        String name = call.required("GroupName");
        String description = call.required("GroupDescription");
        String vpcId = call.param("VpcId");
        if (vpcId == null) {
            throw new CloudError("VPCIdNotSpecified", "No default VPC for this user");
        }
        SimResource vpc = call.require(Networks.VPC, vpcId, "InvalidVpcID.NotFound");
        if (name.equals("default")) {
            throw new CloudError("InvalidGroup.Reserved", "The security group 'default' is reserved");
        }
        if (name.startsWith("sg-")) {
            throw Ec2Call.invalid("Group names may not be in the format sg-*.");
        }
        boolean taken = call.live(SECURITY_GROUP).stream()
                .anyMatch(g -> vpcId.equals(g.attribute("vpcId")) && name.equals(g.attribute("groupName")));
        if (taken) {
            throw new CloudError("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
        }
        SimResource group = newGroup(call, vpc, name, description, "security-group");
        out.el("return", true).el("groupId", group.id()).tags(group.tags()).el("securityGroupArn", group.attribute("securityGroupArn"));
    }

    private void describe(Ec2Call call, Xml out) {
        List<SimResource> groups = call.describe(SECURITY_GROUP, "GroupId", "InvalidGroup.NotFound", FILTERS);
        List<String> names = call.list("GroupName");
        if (!names.isEmpty()) {
            groups = groups.stream().filter(g -> names.contains(g.attribute("groupName"))).toList();
            for (String name : names) {
                if (groups.stream().noneMatch(g -> name.equals(g.attribute("groupName")))) {
                    throw new CloudError("InvalidGroup.NotFound", "The security group '" + name + "' does not exist");
                }
            }
        }
        Page.write(call, out, "securityGroupInfo", groups, SecurityGroups::render);
    }

    private static void render(Xml out, SimResource group) {
        out.el("ownerId", group.attribute("ownerId"))
                .el("groupId", group.id())
                .el("groupName", group.attribute("groupName"))
                .el("groupDescription", group.attribute("groupDescription"))
                .el("vpcId", group.attribute("vpcId"))
                .el("securityGroupArn", group.attribute("securityGroupArn"));
        permissions(out.start("ipPermissions"), group.list("ingress")).end();
        permissions(out.start("ipPermissionsEgress"), group.list("egress")).end();
        out.tags(group.tags());
    }

    private void delete(Ec2Call call, Xml out) {
        SimResource group = call.require(SECURITY_GROUP, call.required("GroupId"), "InvalidGroup.NotFound");
        if (group.attribute("createdWith") != null) {
            throw new CloudError("CannotDelete",
                    "the specified group: \"" + group.id() + "\" name: \"default\" cannot be deleted by a user");
        }
        for (SimResource other : call.live(SECURITY_GROUP)) {
            boolean references = other != group && other.list("ingress").stream().anyMatch(r -> group.id().equals(r.get("referencedGroupId")));
            if (references) {
                throw new CloudError(CloudError.DEPENDENCY_VIOLATION, "resource " + group.id() + " has a dependent object");
            }
        }
        if (!call.world().dependents(group).isEmpty()) {
            throw new CloudError(CloudError.DEPENDENCY_VIOLATION, "resource " + group.id() + " has a dependent object");
        }
        call.world().delete(group);
        out.el("return", true);
    }

    private void authorize(Ec2Call call, Xml out) {
        SimResource group = call.require(SECURITY_GROUP, call.required("GroupId"), "InvalidGroup.NotFound");
        List<Map<String, String>> rules = requestedRules(call, group);
        List<Map<String, String>> ingress = group.list("ingress");
        for (Map<String, String> rule : rules) {
            if (ingress.stream().anyMatch(existing -> sameRule(existing, rule))) {
                throw new CloudError("InvalidPermission.Duplicate", "the specified rule \"peer: "
                        + Objects.requireNonNullElse(rule.get("cidrIpv4"), rule.get("referencedGroupId")) + ", "
                        + rule.get("ipProtocol") + ", from port: " + rule.get("fromPort") + ", to port: " + rule.get("toPort")
                        + ", ALLOW\" already exists");
            }
        }
        Map<String, String> ruleTags = call.tagsAtCreate("security-group-rule");
        rules.forEach(rule -> ruleTags.forEach((k, v) -> rule.put("tag:" + k, v)));
        ingress.addAll(rules);
        out.el("return", true).start("securityGroupRuleSet");
        rules.forEach(rule -> renderRule(out.start("item"), group, rule).end());
        out.end();
    }

    private void revoke(Ec2Call call, Xml out) {
        SimResource group = call.require(SECURITY_GROUP, call.required("GroupId"), "InvalidGroup.NotFound");
        List<Map<String, String>> ingress = group.list("ingress");
        List<Map<String, String>> revoked = new ArrayList<>();
        List<String> ruleIds = call.list("SecurityGroupRuleId");
        for (Map<String, String> existing : ingress) {
            boolean named = ruleIds.contains(existing.get("securityGroupRuleId"));
            boolean matched = ruleIds.isEmpty() && requestedRules(call, group).stream().anyMatch(r -> sameRule(existing, r));
            if (named || matched) {
                revoked.add(existing);
            }
        }
        if (revoked.isEmpty()) {
            throw new CloudError("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
        }
        ingress.removeAll(revoked);
        out.el("return", true).start("revokedSecurityGroupRuleSet");
        for (Map<String, String> rule : revoked) {
            out.start("item").el("securityGroupRuleId", rule.get("securityGroupRuleId")).el("groupId", group.id())
                    .el("isEgress", false).el("ipProtocol", rule.get("ipProtocol")).el("fromPort", rule.get("fromPort"))
                    .el("toPort", rule.get("toPort")).el("cidrIpv4", rule.get("cidrIpv4"))
                    .el("referencedGroupId", rule.get("referencedGroupId")).el("description", rule.get("description")).end();
        }
        out.end();
    }

    private void describeRules(Ec2Call call, Xml out) {
        List<String> groupIds = new ArrayList<>();
        List<String> ruleIds = new ArrayList<>(call.list("SecurityGroupRuleId"));
        for (Map<String, String> filter : call.structs("Filter")) {
            List<String> values = Filters.values(filter);
            switch (String.valueOf(filter.get("Name"))) {
                case "group-id" -> groupIds.addAll(values);
                case "security-group-rule-id" -> ruleIds.addAll(values);
                default -> throw Ec2Call.invalid("The filter '" + filter.get("Name") + "' is invalid");
            }
        }
        List<Map.Entry<SimResource, Map<String, String>>> rules = new ArrayList<>();
        for (SimResource group : call.visible(SECURITY_GROUP)) {
            if (!groupIds.isEmpty() && !groupIds.contains(group.id())) {
                continue;
            }
            for (String list : List.of("ingress", "egress")) {
                for (Map<String, String> rule : group.list(list)) {
                    if (ruleIds.isEmpty() || ruleIds.contains(rule.get("securityGroupRuleId"))) {
                        Map<String, String> shown = new LinkedHashMap<>(rule);
                        shown.put("isEgress", String.valueOf(list.equals("egress")));
                        rules.add(Map.entry(group, shown));
                    }
                }
            }
        }
        Page.write(call, out, "securityGroupRuleSet", rules, (x, entry) -> renderRule(x, entry.getKey(), entry.getValue()));
    }

    /** The rules an authorize/revoke names: {@code IpPermissions.N} with its ranges and groups. */
    private static List<Map<String, String>> requestedRules(Ec2Call call, SimResource group) {
        List<Map<String, String>> rules = new ArrayList<>();
        for (Map<String, String> permission : call.structs("IpPermissions")) {
            String protocol = protocol(permission.get("IpProtocol"));
            String from = protocol.equals("-1") ? null : port(protocol, "FromPort", permission.get("FromPort"));
            String to = protocol.equals("-1") ? null : port(protocol, "ToPort", permission.get("ToPort"));
            if (from != null && to != null && Integer.parseInt(from) > Integer.parseInt(to) && Integer.parseInt(to) != -1) {
                throw Ec2Call.invalid("Invalid value for portRange. FromPort (" + from + ") must not exceed ToPort (" + to + ").");
            }
            for (int i = 1; permission.containsKey("IpRanges." + i + ".CidrIp"); i++) {
                String cidr = Cidr.parse("CidrIp", permission.get("IpRanges." + i + ".CidrIp"), 0, 32).toCanonicalString();
                rules.add(rule(call, group, protocol, from, to, cidr, null, permission.get("IpRanges." + i + ".Description")));
            }
            for (int i = 1; permission.containsKey("Groups." + i + ".GroupId"); i++) {
                String peer = call.require(SECURITY_GROUP, permission.get("Groups." + i + ".GroupId"), "InvalidGroup.NotFound").id();
                rules.add(rule(call, group, protocol, from, to, null, peer, permission.get("Groups." + i + ".Description")));
            }
        }
        if (call.param("CidrIp") != null) {
            String protocol = protocol(call.param("IpProtocol"));
            String cidr = Cidr.parse("CidrIp", call.param("CidrIp"), 0, 32).toCanonicalString();
            rules.add(rule(call, group, protocol, port(protocol, "FromPort", call.param("FromPort")),
                    port(protocol, "ToPort", call.param("ToPort")), cidr, null, null));
        }
        if (rules.isEmpty()) {
            throw new CloudError("MissingParameter", "The request must contain the parameter ipPermissions");
        }
        return rules;
    }

    /** A port for TCP/UDP (0–65535, required) or an ICMP type/code (-1–255); other protocols take any or none. */
    private static String port(String protocol, String field, String given) {
        boolean ports = protocol.equals("tcp") || protocol.equals("udp");
        if (given == null) {
            if (ports) {
                throw Ec2Call.invalid("Invalid value for portRange. Must specify both from and to ports with TCP/UDP.");
            }
            return protocol.equals("-1") ? null : "-1";
        }
        int value;
        try {
            value = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            throw Ec2Call.invalid("Invalid value '" + given + "' for " + field + ": must be an integer.");
        }
        int low = ports ? 0 : -1;
        int high = ports ? 65535 : 255;
        if (value < low || value > high) {
            throw Ec2Call.invalid("Invalid value '" + given + "' for " + field + ": must be between " + low + " and " + high + ".");
        }
        return String.valueOf(value);
    }

    private static String protocol(String given) {
        if (given == null) {
            throw new CloudError("MissingParameter", "The request must contain the parameter ipProtocol");
        }
        return switch (given.toLowerCase()) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "-1", "all" -> "-1";
            default -> {
                if (given.matches("\\d{1,3}")) {
                    yield given;
                }
                throw Ec2Call.invalid("Invalid value '" + given + "' for IP protocol. Unknown protocol.");
            }
        };
    }

    private static Map<String, String> rule(Ec2Call call, SimResource group, String protocol, String from, String to,
                                            String cidr, String referencedGroup, String description) {
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("securityGroupRuleId", call.world().newId("sgr"));
        rule.put("ipProtocol", protocol);
        rule.put("fromPort", protocol.equals("-1") ? "-1" : from);
        rule.put("toPort", protocol.equals("-1") ? "-1" : to);
        rule.put("cidrIpv4", cidr);
        rule.put("referencedGroupId", referencedGroup);
        rule.put("description", description);
        rule.values().removeIf(Objects::isNull);
        rule.put("groupOwnerId", group.attribute("ownerId"));
        return rule;
    }

    private static boolean sameRule(Map<String, String> a, Map<String, String> b) {
        return RULE_FIELDS.stream().allMatch(field -> Objects.equals(a.get(field), b.get(field)));
    }

    private static Xml renderRule(Xml out, SimResource group, Map<String, String> rule) {
        out.el("securityGroupRuleId", rule.get("securityGroupRuleId"))
                .el("groupId", group.id())
                .el("groupOwnerId", group.attribute("ownerId"))
                .el("isEgress", rule.getOrDefault("isEgress", "false"))
                .el("ipProtocol", rule.get("ipProtocol"))
                .el("fromPort", rule.get("fromPort"))
                .el("toPort", rule.get("toPort"))
                .el("cidrIpv4", rule.get("cidrIpv4"));
        if (rule.get("referencedGroupId") != null) {
            out.start("referencedGroupInfo").el("groupId", rule.get("referencedGroupId")).el("userId", group.attribute("ownerId")).end();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        rule.forEach((k, v) -> {
            if (k.startsWith("tag:")) {
                tags.put(k.substring(4), v);
            }
        });
        return out.el("description", rule.get("description"))
                .el("securityGroupRuleArn", "arn:aws:ec2:" + group.key().region() + ":" + group.attribute("ownerId")
                        + ":security-group-rule/" + rule.get("securityGroupRuleId"))
                .tags(tags);
    }

    /** Rules with the same protocol and ports become one {@code IpPermission} with its ranges and groups. */
    private static Xml permissions(Xml out, List<Map<String, String>> rules) {
        Map<List<String>, List<Map<String, String>>> byPorts = new LinkedHashMap<>();
        for (Map<String, String> rule : rules) {
            byPorts.computeIfAbsent(List.of(rule.get("ipProtocol"), String.valueOf(rule.get("fromPort")), String.valueOf(rule.get("toPort"))),
                    k -> new ArrayList<>()).add(rule);
        }
        byPorts.forEach((ports, grouped) -> {
            Map<String, String> first = grouped.get(0);
            out.start("item").el("ipProtocol", first.get("ipProtocol"));
            if (!"-1".equals(first.get("ipProtocol"))) {
                out.el("fromPort", first.get("fromPort")).el("toPort", first.get("toPort"));
            }
            out.start("groups");
            grouped.stream().filter(r -> r.get("referencedGroupId") != null).forEach(r -> out.start("item")
                    .el("groupId", r.get("referencedGroupId")).el("userId", r.get("groupOwnerId"))
                    .el("description", r.get("description")).end());
            out.end().start("ipRanges");
            grouped.stream().filter(r -> r.get("cidrIpv4") != null).forEach(r -> out.start("item")
                    .el("cidrIp", r.get("cidrIpv4")).el("description", r.get("description")).end());
            out.end().start("ipv6Ranges").end().start("prefixListIds").end().end();
        });
        return out;
    }
}
