package io.magnum.local.heat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated resource types: for each, the properties Heat checks (required ones, the known ones) and the
 * attributes it gives. Types with a life of their own (groups, nested templates, wait conditions, test resources)
 * are run by the engine; their property rules are here too.
 */
final class ResourceTypes
{
    static final String GROUP = "OS::Heat::ResourceGroup";
    static final String WAIT_CONDITION = "OS::Heat::WaitCondition";
    static final String TEST_RESOURCE = "OS::Heat::TestResource";
    static final String SOFTWARE_DEPLOYMENT = "OS::Heat::SoftwareDeployment";

    /** What a creator may ask of the engine. */
    interface Context
    {
        Inventory inventory();

        ResourceState physical(String id);

        String allocateFixedIp(String network, String subnet);

        String allocateFloatingIp();

        String stackName();

        String resourceName();

        String physicalId();
    }

    /** Computes the attributes of a new (or updated) resource; throws {@link ResourceFailure} to fail it. */
    interface Creator
    {
        Map<String, Object> create(Context context, Map<String, Object> properties);
    }

    /** One type: its property rules, attributes and creator. A null property set accepts any property. */
    record Type(String name, Set<String> required, Set<String> properties, Set<String> attributes, Creator creator)
    {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Type> types = new LinkedHashMap<>();

    ResourceTypes()
    {
        server();
        networking();
        loadBalancers();
        volumes();
        software();
        heat();
    }

    Type get(String name)
    {
        return types.get(name);
    }

    private void add(String name, Set<String> required, Set<String> properties, Set<String> attributes, Creator creator)
    {
        types.put(name, new Type(name, required, properties, attributes, creator));
    }

    private void server()
    {
        add("OS::Nova::Server", Set.of("flavor"), Set.of("name", "image", "flavor", "key_name", "networks", "user_data",
                "user_data_format", "user_data_update_policy", "software_config_transport", "security_groups",
                "metadata", "config_drive", "block_device_mapping", "block_device_mapping_v2", "availability_zone",
                "scheduler_hints", "admin_pass", "admin_user", "personality", "diskConfig", "flavor_update_policy",
                "image_update_policy", "reservation_id", "deployment_swift_data", "tags", "default_secgroup"),
                Set.of("first_address", "addresses", "networks", "name", "accessIPv4", "accessIPv6", "instance_name",
                        "console_urls", "os_collect_config", "show", "tags"),
                (ctx, p) -> {
                    String flavor = Values.text(p.get("flavor"));
                    if (!ctx.inventory().hasFlavor(flavor)) {
                        throw propertyError(ctx, "flavor", "Error validating value '" + flavor + "': The Flavor ID ("
                                + flavor + ") could not be found.");
                    }
                    if (p.get("image") != null && !ctx.inventory().hasImage(Values.text(p.get("image")))) {
                        throw propertyError(ctx, "image", "Error validating value '" + Values.text(p.get("image"))
                                + "': The Image (" + Values.text(p.get("image")) + ") could not be found.");
                    }
                    if (p.get("image") == null && p.get("block_device_mapping") == null && p.get("block_device_mapping_v2") == null) {
                        throw propertyError(ctx, "image", "Neither image nor bootable volume is specified for instance "
                                + ctx.resourceName());
                    }
                    if (p.get("key_name") != null && !ctx.inventory().hasKeypair(Values.text(p.get("key_name")))) {
                        throw propertyError(ctx, "key_name", "Error validating value '" + Values.text(p.get("key_name"))
                                + "': The Key (" + Values.text(p.get("key_name")) + ") could not be found.");
                    }
                    Map<String, Object> addresses = new LinkedHashMap<>();
                    Map<String, Object> networks = new LinkedHashMap<>();
                    String first = null;
                    Object nets = p.get("networks");
                    List<?> entries = nets instanceof List<?> l ? l : List.of(Map.of("network", "private"));
                    for (Object entry : entries) {
                        Map<String, Object> net = HotTemplate.mapOf(entry, "networks");
                        String ip;
                        String netName;
                        if (net.get("port") != null) {
                            ResourceState port = ctx.physical(Values.text(net.get("port")));
                            if (port == null) {
                                throw new ResourceFailure("PortNotFound", "Port " + net.get("port") + " could not be found.");
                            }
                            ip = String.valueOf(port.attributes.get("ip_address"));
                            netName = String.valueOf(port.attributes.get("network_name"));
                        }
                        else {
                            String network = net.get("network") != null ? Values.text(net.get("network")) : "private";
                            ip = net.get("fixed_ip") != null ? Values.text(net.get("fixed_ip"))
                                    : ctx.allocateFixedIp(network, net.get("subnet") == null ? null : Values.text(net.get("subnet")));
                            ResourceState local = ctx.physical(network);
                            netName = local != null ? String.valueOf(local.attributes.get("name")) : network;
                        }
                        if (first == null) {
                            first = ip;
                        }
                        List<Object> list = new ArrayList<>();
                        list.add(Map.of("addr", ip, "version", 4L, "OS-EXT-IPS:type", "fixed"));
                        addresses.put(netName, list);
                        networks.put(netName, List.of(ip));
                    }
                    String name = p.get("name") != null ? Values.text(p.get("name")) : ctx.stackName() + "-" + ctx.resourceName();
                    Map<String, Object> attrs = new LinkedHashMap<>();
                    attrs.put("first_address", first == null ? "" : first);
                    attrs.put("addresses", addresses);
                    attrs.put("networks", networks);
                    attrs.put("name", name);
                    attrs.put("accessIPv4", first == null ? "" : first);
                    attrs.put("accessIPv6", "");
                    attrs.put("instance_name", "instance-" + ctx.physicalId().substring(0, 8));
                    attrs.put("console_urls", Map.of());
                    attrs.put("os_collect_config", Map.of());
                    attrs.put("tags", List.of());
                    return attrs;
                });
    }

    private void networking()
    {
        add("OS::Neutron::Net", Set.of(), Set.of("name", "admin_state_up", "shared", "value_specs", "tenant_id",
                        "port_security_enabled", "dhcp_agent_ids", "qos_policy", "dns_domain", "tags"),
                Set.of("name", "status", "subnets", "admin_state_up", "tenant_id", "mtu", "show"),
                (ctx, p) -> attrs("name", p.get("name") != null ? Values.text(p.get("name"))
                                : ctx.stackName() + "-" + ctx.resourceName() + "-" + ctx.physicalId().substring(0, 8),
                        "status", "ACTIVE", "subnets", new ArrayList<>(), "admin_state_up", true, "mtu", 1450L));
        add("OS::Neutron::Subnet", Set.of(), Set.of("network", "network_id", "cidr", "ip_version", "dns_nameservers",
                        "gateway_ip", "enable_dhcp", "allocation_pools", "name", "subnetpool", "host_routes", "prefixlen",
                        "ipv6_ra_mode", "ipv6_address_mode", "tenant_id", "value_specs", "segment", "tags"),
                Set.of("name", "network_id", "cidr", "gateway_ip", "allocation_pools", "host_routes", "ip_version",
                        "dns_nameservers", "enable_dhcp", "show"),
                (ctx, p) -> {
                    Object network = p.get("network") != null ? p.get("network") : p.get("network_id");
                    if (network == null) {
                        throw propertyError(ctx, "network", "Property network not assigned");
                    }
                    String cidr = p.get("cidr") == null ? null : Values.text(p.get("cidr"));
                    if (cidr == null || !cidr.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                        throw propertyError(ctx, "cidr", "Error validating value '" + cidr + "': Invalid net cidr " + cidr);
                    }
                    ResourceState net = ctx.physical(Values.text(network));
                    String networkId = net != null ? net.physicalId : ctx.inventory().networkId(Values.text(network));
                    if (networkId == null) {
                        throw propertyError(ctx, "network", "Unable to find network with name or id '" + network + "'");
                    }
                    if (net != null) {
                        @SuppressWarnings("unchecked")
                        List<Object> subnets = (List<Object>) net.attributes.get("subnets");
                        subnets.add(ctx.physicalId());
                    }
                    String gateway = p.get("gateway_ip") != null ? Values.text(p.get("gateway_ip")) : Addresses.host(cidr, 1);
                    return attrs("name", p.get("name") == null ? "" : Values.text(p.get("name")), "network_id", networkId,
                            "cidr", cidr, "gateway_ip", gateway, "ip_version", 4L,
                            "dns_nameservers", p.get("dns_nameservers") == null ? List.of() : p.get("dns_nameservers"),
                            "enable_dhcp", p.get("enable_dhcp") == null ? Boolean.TRUE : p.get("enable_dhcp"),
                            "allocation_pools", p.get("allocation_pools") instanceof List<?> pools && !pools.isEmpty() ? pools
                                    : List.of(Map.of("start", Addresses.host(cidr, 2), "end", Addresses.lastHost(cidr))),
                            "host_routes", List.of());
                });
        add("OS::Neutron::Router", Set.of(), Set.of("name", "external_gateway_info", "admin_state_up", "value_specs",
                        "distributed", "ha", "l3_agent_ids", "availability_zone_hints", "tags"),
                Set.of("name", "status", "external_gateway_info", "admin_state_up", "tenant_id", "show"),
                (ctx, p) -> {
                    Object gateway = p.get("external_gateway_info");
                    if (gateway != null) {
                        String network = Values.text(HotTemplate.mapOf(gateway, "external_gateway_info").get("network"));
                        if (!ctx.inventory().isExternalNetwork(network)) {
                            throw propertyError(ctx, "external_gateway_info", "Unable to find network with name or id '"
                                    + network + "' among external networks");
                        }
                    }
                    return attrs("name", p.get("name") == null ? ctx.resourceName() : Values.text(p.get("name")),
                            "status", "ACTIVE", "external_gateway_info", gateway == null ? Map.of() : gateway,
                            "admin_state_up", true);
                });
        add("OS::Neutron::RouterInterface", Set.of(), Set.of("router", "router_id", "subnet", "subnet_id", "port",
                "port_id"), Set.of("show"), (ctx, p) -> {
                    if (p.get("router") == null && p.get("router_id") == null) {
                        throw propertyError(ctx, "router", "Property router not assigned");
                    }
                    if (p.get("subnet") == null && p.get("subnet_id") == null && p.get("port") == null && p.get("port_id") == null) {
                        throw propertyError(ctx, "subnet", "At least one of the following properties must be specified: subnet, port.");
                    }
                    return attrs();
                });
        // "network" or its deprecated alias "network_id", which Heat still translates
        add("OS::Neutron::Port", Set.of(), Set.of("network", "network_id", "fixed_ips", "security_groups",
                        "name", "allowed_address_pairs", "mac_address", "admin_state_up", "binding:vnic_type",
                        "device_owner", "device_id", "replacement_policy", "value_specs", "port_security_enabled",
                        "qos_policy", "dns_name", "tags"),
                Set.of("fixed_ips", "mac_address", "network_id", "name", "status", "show", "device_id",
                        "device_owner", "security_groups", "allowed_address_pairs", "admin_state_up", "tenant_id",
                        "subnets", "qos_policy_id", "dns_assignment"),
                (ctx, p) -> {
                    Object networkRef = p.get("network") != null ? p.get("network") : p.get("network_id");
                    if (networkRef == null) {
                        throw propertyError(ctx, "network", "Property network not assigned");
                    }
                    String network = Values.text(networkRef);
                    String subnet = null;
                    String ip = null;
                    if (p.get("fixed_ips") instanceof List<?> fixed && !fixed.isEmpty()) {
                        Map<String, Object> first = HotTemplate.mapOf(fixed.get(0), "fixed_ips");
                        subnet = first.get("subnet") != null ? Values.text(first.get("subnet"))
                                : first.get("subnet_id") == null ? null : Values.text(first.get("subnet_id"));
                        ip = first.get("ip_address") == null ? null : Values.text(first.get("ip_address"));
                    }
                    if (ip == null) {
                        ip = ctx.allocateFixedIp(network, subnet);
                    }
                    ResourceState net = ctx.physical(network);
                    String networkName = net != null ? String.valueOf(net.attributes.get("name")) : network;
                    String networkId = net != null ? net.physicalId : ctx.inventory().networkId(network);
                    if (networkId == null) {
                        throw propertyError(ctx, "network", "Error validating value '" + network
                                + "': Unable to find network with name or id '" + network + "'");
                    }
                    return attrs("ip_address", ip, "network_name", networkName, "network_id", networkId,
                            "fixed_ips", List.of(Map.of("ip_address", ip, "subnet_id", subnet == null ? "" : subnet)),
                            "mac_address", Addresses.mac(ctx.physicalId()), "name", p.get("name") == null ? "" : Values.text(p.get("name")),
                            "status", "ACTIVE", "device_id", "", "device_owner", "", "admin_state_up", true,
                            "security_groups", p.get("security_groups") == null ? List.of() : p.get("security_groups"),
                            "allowed_address_pairs", p.get("allowed_address_pairs") == null ? List.of() : p.get("allowed_address_pairs"),
                            "subnets", List.of(), "dns_assignment", List.of());
                });
        add("OS::Neutron::FloatingIP", Set.of("floating_network"), Set.of("floating_network", "floating_network_id",
                        "port_id", "fixed_ip_address", "value_specs", "floating_ip_address", "floating_subnet",
                        "dns_name", "dns_domain"),
                Set.of("floating_ip_address", "fixed_ip_address", "port_id", "floating_network_id", "router_id",
                        "tenant_id", "show"),
                (ctx, p) -> {
                    String network = Values.text(p.get("floating_network"));
                    if (!ctx.inventory().isExternalNetwork(network)) {
                        throw propertyError(ctx, "floating_network", "Error validating value '" + network
                                + "': Unable to find network with name or id '" + network + "' among external networks");
                    }
                    String fixed = null;
                    if (p.get("port_id") != null) {
                        ResourceState port = ctx.physical(Values.text(p.get("port_id")));
                        fixed = port == null ? null : String.valueOf(port.attributes.get("ip_address"));
                    }
                    String floating = p.get("floating_ip_address") != null ? Values.text(p.get("floating_ip_address"))
                            : ctx.allocateFloatingIp();
                    return attrs("floating_ip_address", floating, "fixed_ip_address", fixed == null ? "" : fixed,
                            "port_id", p.get("port_id") == null ? "" : Values.text(p.get("port_id")),
                            "floating_network_id", ctx.inventory().networkId(network), "router_id", "");
                });
        add("OS::Neutron::FloatingIPAssociation", Set.of("floatingip_id", "port_id"),
                Set.of("floatingip_id", "port_id", "fixed_ip_address"), Set.of("show"), (ctx, p) -> attrs());
        add("OS::Neutron::SecurityGroup", Set.of(), Set.of("name", "description", "rules", "tags"),
                Set.of("show"), (ctx, p) -> {
                    if (p.get("rules") instanceof List<?> rules) {
                        for (Object raw : rules) {
                            Map<String, Object> rule = HotTemplate.mapOf(raw, "rules");
                            Object direction = rule.get("direction");
                            if (direction != null && !Set.of("ingress", "egress").contains(Values.text(direction))) {
                                throw propertyError(ctx, "rules", "\"" + direction + "\" is not an allowed value [ingress, egress]");
                            }
                            Long min = rule.get("port_range_min") == null ? null : Values.number(rule.get("port_range_min")).longValue();
                            Long max = rule.get("port_range_max") == null ? null : Values.number(rule.get("port_range_max")).longValue();
                            if ((min != null && (min < 0 || min > 65535)) || (max != null && (max < 0 || max > 65535))
                                    || (min != null && max != null && min > max)) {
                                throw propertyError(ctx, "rules", "The port range " + min + "-" + max + " is invalid");
                            }
                        }
                    }
                    return attrs();
                });
        add("OS::Neutron::SecurityGroupRule", Set.of("security_group"), Set.of("security_group", "direction",
                "ethertype", "port_range_min", "port_range_max", "protocol", "remote_ip_prefix", "remote_group",
                "remote_mode", "description"), Set.of("show"), (ctx, p) -> attrs());
    }

    private void loadBalancers()
    {
        Creator vip = (ctx, p) -> {
            Object subnet = p.get("vip_subnet");
            String address = p.get("vip_address") != null ? Values.text(p.get("vip_address"))
                    : ctx.allocateFixedIp(null, subnet == null ? null : Values.text(subnet));
            return attrs("vip_address", address, "vip_port_id", "port-" + ctx.physicalId(),
                    "vip_subnet_id", subnet == null ? "" : Values.text(subnet), "pools", List.of(), "listeners", List.of(),
                    "flavor_id", "", "ip_address", address);
        };
        for (String prefix : List.of("OS::Neutron::LBaaS::", "OS::Octavia::")) {
            add(prefix + "LoadBalancer", Set.of("vip_subnet"), Set.of("name", "description", "vip_subnet", "vip_address",
                    "provider", "admin_state_up", "tenant_id", "flavor", "availability_zone"),
                    Set.of("vip_address", "vip_port_id", "vip_subnet_id", "pools", "listeners", "flavor_id", "show"), vip);
            add(prefix + "Listener", Set.of("protocol", "protocol_port"), Set.of("name", "description", "protocol",
                    "protocol_port", "loadbalancer", "default_pool", "admin_state_up", "connection_limit",
                    "default_tls_container_ref", "sni_container_refs", "tenant_id", "allowed_cidrs"),
                    Set.of("loadbalancers", "default_pool_id", "show"), (ctx, p) -> {
                        if (p.get("loadbalancer") == null && p.get("default_pool") == null) {
                            throw propertyError(ctx, "loadbalancer", "At least one of the following properties must be"
                                    + " specified: loadbalancer, default_pool.");
                        }
                        return attrs("loadbalancers", p.get("loadbalancer") == null ? List.of() : List.of(p.get("loadbalancer")),
                                "default_pool_id", p.get("default_pool") == null ? "" : p.get("default_pool"));
                    });
            add(prefix + "Pool", Set.of("lb_algorithm", "protocol"), Set.of("name", "description", "lb_algorithm",
                    "protocol", "listener", "loadbalancer", "admin_state_up", "session_persistence", "tls_enabled"),
                    Set.of("members", "listeners", "healthmonitor_id", "show"), (ctx, p) -> {
                        if (p.get("listener") == null && p.get("loadbalancer") == null) {
                            throw propertyError(ctx, "listener", "At least one of the following properties must be"
                                    + " specified: listener, loadbalancer.");
                        }
                        return attrs("members", List.of(), "listeners", p.get("listener") == null ? List.of() : List.of(p.get("listener")),
                                "healthmonitor_id", "");
                    });
            add(prefix + "PoolMember", Set.of("pool", "address", "protocol_port"), Set.of("pool", "address",
                    "protocol_port", "weight", "subnet", "admin_state_up", "monitor_address", "monitor_port", "tags"),
                    Set.of("address", "pool_id", "show"), (ctx, p) -> attrs("address", p.get("address"), "pool_id", p.get("pool")));
            add(prefix + "HealthMonitor", Set.of("delay", "type", "max_retries", "timeout", "pool"), Set.of("delay",
                    "type", "max_retries", "timeout", "pool", "admin_state_up", "http_method", "expected_codes",
                    "url_path", "tenant_id", "max_retries_down"), Set.of("pools", "show"), (ctx, p) -> attrs("pools", List.of(p.get("pool"))));
        }
        add("OS::Neutron::Pool", Set.of("protocol", "lb_method", "vip"), Set.of("protocol", "subnet", "subnet_id",
                "lb_method", "name", "description", "admin_state_up", "vip", "monitors", "provider"),
                Set.of("admin_state_up", "name", "protocol", "subnet_id", "lb_method", "description", "tenant_id",
                        "vip", "provider", "show"),
                (ctx, p) -> {
                    Map<String, Object> vipDef = HotTemplate.mapOf(p.get("vip"), "vip");
                    String subnet = p.get("subnet") != null ? Values.text(p.get("subnet"))
                            : p.get("subnet_id") == null ? null : Values.text(p.get("subnet_id"));
                    String address = vipDef.get("address") != null ? Values.text(vipDef.get("address"))
                            : ctx.allocateFixedIp(null, subnet);
                    return attrs("admin_state_up", true, "name", p.get("name") == null ? "" : p.get("name"),
                            "protocol", p.get("protocol"), "subnet_id", subnet == null ? "" : subnet,
                            "lb_method", p.get("lb_method"), "vip", attrs("address", address, "port_id", "port-" + ctx.physicalId(),
                                    "protocol_port", vipDef.get("protocol_port")));
                });
        add("OS::Neutron::PoolMember", Set.of("pool_id", "address", "protocol_port"), Set.of("pool_id", "address",
                "protocol_port", "weight", "admin_state_up"), Set.of("address", "pool_id", "protocol_port", "weight",
                "admin_state_up", "tenant_id", "show"), (ctx, p) -> attrs("address", p.get("address"), "pool_id", p.get("pool_id"),
                "protocol_port", p.get("protocol_port")));
        add("OS::Neutron::HealthMonitor", Set.of("delay", "type", "max_retries", "timeout"), Set.of("delay", "type",
                "max_retries", "timeout", "admin_state_up", "http_method", "expected_codes", "url_path"),
                Set.of("admin_state_up", "delay", "expected_codes", "http_method", "max_retries", "timeout", "type",
                        "url_path", "tenant_id", "show"), (ctx, p) -> attrs());
        add("OS::Neutron::LoadBalancer", Set.of("pool_id", "protocol_port"), Set.of("pool_id", "protocol_port", "members"),
                Set.of("show"), (ctx, p) -> attrs());
    }

    private void volumes()
    {
        add("OS::Cinder::Volume", Set.of(), Set.of("size", "name", "description", "volume_type", "image",
                "availability_zone", "metadata", "snapshot_id", "backup_id", "source_volid", "scheduler_hints",
                "read_only", "multiattach", "bootable"),
                Set.of("size", "status", "display_name", "display_description", "volume_type", "metadata",
                        "source_volid", "snapshot_id", "created_at", "bootable", "attachments", "attachments_list",
                        "encrypted", "multiattach", "show"),
                (ctx, p) -> {
                    if (p.get("size") == null && p.get("image") == null && p.get("snapshot_id") == null
                            && p.get("source_volid") == null && p.get("backup_id") == null) {
                        throw propertyError(ctx, "size", "Size must be specified when the volume is not created from an"
                                + " image, a snapshot, a backup or another volume");
                    }
                    if (p.get("size") != null && Values.number(p.get("size")).longValue() < 1) {
                        throw propertyError(ctx, "size", "The value must be at least 1.");
                    }
                    return attrs("size", p.get("size"), "status", "available", "display_name",
                            p.get("name") == null ? "" : p.get("name"), "attachments", List.of(), "attachments_list", List.of(),
                            "bootable", false, "encrypted", false, "multiattach", false);
                });
        add("OS::Cinder::VolumeAttachment", Set.of("instance_uuid", "volume_id"), Set.of("instance_uuid", "volume_id",
                "mountpoint"), Set.of("show"), (ctx, p) -> {
                    ResourceState volume = ctx.physical(Values.text(p.get("volume_id")));
                    if (volume != null) {
                        volume.attributes.put("status", "in-use");
                        volume.attributes.put("attachments", List.of(Map.of("server_id", Values.text(p.get("instance_uuid")),
                                "device", p.get("mountpoint") == null ? "/dev/vdb" : Values.text(p.get("mountpoint")))));
                    }
                    return attrs();
                });
    }

    private void software()
    {
        add("OS::Heat::SoftwareConfig", Set.of(), Set.of("group", "config", "inputs", "outputs", "options"),
                Set.of("config", "show"), (ctx, p) -> attrs("config", p.get("config") == null ? "" : Values.text(p.get("config"))));
        add("OS::Heat::CloudConfig", Set.of(), Set.of("cloud_config"), Set.of("config", "show"),
                (ctx, p) -> attrs("config", "#cloud-config\n" + new org.yaml.snakeyaml.Yaml().dump(
                        p.get("cloud_config") == null ? Map.of() : p.get("cloud_config"))));
        add("OS::Heat::MultipartMime", Set.of(), Set.of("parts", "group"), Set.of("config", "show"), (ctx, p) -> {
            StringBuilder mime = new StringBuilder("Content-Type: multipart/mixed; boundary=\"===============magnum4j==\"\n"
                    + "MIME-Version: 1.0\n\n");
            if (p.get("parts") instanceof List<?> parts) {
                for (Object raw : parts) {
                    Map<String, Object> part = HotTemplate.mapOf(raw, "parts");
                    String config = Values.text(part.get("config"));
                    ResourceState referenced = ctx.physical(config);
                    if (referenced != null && referenced.attributes.get("config") != null) {
                        config = String.valueOf(referenced.attributes.get("config"));
                    }
                    String subtype = part.get("subtype") == null ? (config.startsWith("#cloud-config") ? "cloud-config" : "x-shellscript")
                            : Values.text(part.get("subtype"));
                    mime.append("--===============magnum4j==\nContent-Type: text/").append(subtype)
                            .append("; charset=\"us-ascii\"\nMIME-Version: 1.0\n");
                    if (part.get("filename") != null) {
                        mime.append("Content-Disposition: attachment; filename=\"").append(Values.text(part.get("filename"))).append("\"\n");
                    }
                    mime.append('\n').append(config).append('\n');
                }
            }
            mime.append("--===============magnum4j==--\n");
            return attrs("config", mime.toString());
        });
        add(SOFTWARE_DEPLOYMENT, Set.of("server"), Set.of("server", "config", "input_values", "actions",
                "signal_transport", "name", "options"), null, (ctx, p) -> {
                    Map<String, Object> attrs = attrs("deploy_stdout", "", "deploy_stderr", "", "deploy_status_code", 0L);
                    ResourceState config = p.get("config") == null ? null : ctx.physical(Values.text(p.get("config")));
                    if (config != null && config.properties.get("outputs") instanceof List<?> outputs) {
                        for (Object output : outputs) {
                            Object name = HotTemplate.mapOf(output, "outputs").get("name");
                            if (name != null) {
                                attrs.put(Values.text(name), null);
                            }
                        }
                    }
                    return attrs;
                });
        add("OS::Heat::SoftwareDeploymentGroup", Set.of("servers"), Set.of("servers", "config", "input_values",
                "actions", "signal_transport", "name", "options", "rolling_update", "batch_create"), null, (ctx, p) -> {
                    Map<String, Object> servers = HotTemplate.mapOf(p.get("servers"), "servers");
                    Map<String, Object> empty = new LinkedHashMap<>();
                    Map<String, Object> codes = new LinkedHashMap<>();
                    servers.keySet().forEach(k -> {
                        empty.put(k, "");
                        codes.put(k, 0L);
                    });
                    return attrs("deploy_stdouts", empty, "deploy_stderrs", new LinkedHashMap<>(empty), "deploy_status_codes", codes);
                });
        types.put("OS::Heat::SoftwareDeployments", new Type("OS::Heat::SoftwareDeployments",
                types.get("OS::Heat::SoftwareDeploymentGroup").required(), types.get("OS::Heat::SoftwareDeploymentGroup").properties(),
                null, types.get("OS::Heat::SoftwareDeploymentGroup").creator()));
        add("OS::Heat::WaitConditionHandle", Set.of(), Set.of("signal_transport"),
                Set.of("token", "endpoint", "curl_cli", "signal"), (ctx, p) -> {
                    String endpoint = "http://127.0.0.1:8004/v1/local/stacks/" + ctx.stackName() + "/resources/"
                            + ctx.resourceName() + "/signal";
                    String token = ctx.physicalId().replace("-", "");
                    return attrs("token", token, "endpoint", endpoint,
                            "curl_cli", "curl -i -X POST -H 'X-Auth-Token: " + token + "' -H 'Content-Type: application/json'"
                                    + " -H 'Accept: application/json' " + endpoint,
                            "signal", Map.of("url", endpoint, "token", token));
                });
        add(WAIT_CONDITION, Set.of("handle", "timeout"), Set.of("handle", "timeout", "count"), Set.of("data"),
                (ctx, p) -> {
                    long count = p.get("count") == null ? 1 : Values.number(p.get("count")).longValue();
                    Map<String, Object> data = new LinkedHashMap<>();
                    for (long i = 1; i <= count; i++) {
                        data.put(String.valueOf(i), null);
                    }
                    return attrs("data", Values.json(data));
                });
    }

    private void heat()
    {
        add("OS::Heat::None", Set.of(), null, null, (ctx, p) -> attrs());
        add("OS::Heat::RandomString", Set.of(), Set.of("length", "sequence", "character_classes",
                "character_sequences", "salt"), Set.of("value"), (ctx, p) -> {
                    int length = p.get("length") == null ? 32 : (int) Values.number(p.get("length")).longValue();
                    if (length < 1 || length > 512) {
                        throw propertyError(ctx, "length", "The value must be in the range 1 to 512.");
                    }
                    String alphabet = switch (p.get("sequence") == null ? "lettersdigits" : Values.text(p.get("sequence"))) {
                        case "letters" -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
                        case "lowercase" -> "abcdefghijklmnopqrstuvwxyz";
                        case "uppercase" -> "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
                        case "digits" -> "0123456789";
                        case "hexdigits" -> "0123456789ABCDEF"; // Heat's: digits and upper-case A to F
                        case "octdigits" -> "01234567";
                        default -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                    };
                    StringBuilder value = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
                    }
                    return attrs("value", value.toString());
                });
        add(TEST_RESOURCE, Set.of(), Set.of("value", "update_replace", "fail", "client_name", "entity_name",
                "wait_secs", "action_wait_secs", "attr_wait_secs", "constraint_prop_secs", "update_replace_value"),
                Set.of("output"), (ctx, p) -> {
                    if (p.get("fail") != null && bool(p.get("fail"))) {
                        throw new ResourceFailure("ValueError", "Test Resource failed " + ctx.resourceName());
                    }
                    return attrs("output", p.get("value") == null ? "test_string" : Values.text(p.get("value")));
                });
        // GROUP and template resources are run by the engine; their rules live here
        add(GROUP, Set.of("resource_def"), Set.of("count", "resource_def", "removal_policies", "index_var",
                "removal_policies_mode"), null, (ctx, p) -> attrs());
    }

    /** Heat's reading of a boolean property. */
    static boolean bool(Object value)
    {
        if (value instanceof Boolean b) {
            return b;
        }
        return Set.of("t", "true", "on", "y", "yes", "1").contains(String.valueOf(value).trim().toLowerCase());
    }

    static ResourceFailure propertyError(Context ctx, String property, String message)
    {
        return new ResourceFailure("StackValidationFailed", "Property error: resources." + ctx.resourceName()
                + ".properties." + property + ": " + message);
    }

    static Map<String, Object> attrs(Object... pairs)
    {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return map;
    }
}
