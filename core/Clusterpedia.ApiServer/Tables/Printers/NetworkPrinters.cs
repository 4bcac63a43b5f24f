using System.Text.Json;
using static Clusterpedia.ApiServer.Tables.Printers.PrintFormat;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>Services, Ingresses and Endpoints, with kubectl's columns.</summary>
internal static class NetworkPrinters
{
    public static TablePrinter Service { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Type", "type determines how the Service is exposed."),
            TableColumn.Text("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly."),
            TableColumn.Text("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
            TableColumn.Text("Port(s)", "The list of ports that are exposed by this service."),
            TableColumn.Age,
            TableColumn.Wide("Selector", "Route service traffic to pods with label keys and values matching this selector."),
        ],
        (w, o, now) =>
        {
            var type = o.Str("spec", "type") is { Length: > 0 } t ? t : "ClusterIP";
            w.WriteStringValue(o.Name());
            w.WriteStringValue(type);
            w.WriteStringValue(o.Str("spec", "clusterIP").OrNone());
            w.WriteStringValue(ExternalIp(o, type));
            w.WriteStringValue(Ports(o));
            w.WriteStringValue(o.Age(now));
            w.WriteStringValue(LabelMap(o.Get("spec", "selector")));
        });

    public static TablePrinter Ingress { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Class", "The name of the IngressClass resource that should be used for ingress"),
            TableColumn.Text("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
            TableColumn.Text("Address", "Address is a list containing ingress points for the load-balancer"),
            TableColumn.Text("Ports", "Ports of TLS configurations that open"),
            TableColumn.Age,
        ],
        (w, o, now) =>
        {
            var hosts = o.Items("spec", "rules").Select(r => r.Str("host")).Where(h => h.Length > 0).ToArray();
            w.WriteStringValue(o.Name());
            w.WriteStringValue(o.Str("spec", "ingressClassName").OrNone());
            w.WriteStringValue(hosts.Length == 0 ? "*" : string.Join(',', hosts));
            w.WriteStringValue(string.Join(',', LoadBalancerAddresses(o)));
            w.WriteStringValue(o.Count("spec", "tls") > 0 ? "80, 443" : "80");
            w.WriteStringValue(o.Age(now));
        });

    public static TablePrinter Endpoints { get; } = new ColumnPrinter(
        [TableColumn.ObjectName, TableColumn.Text("Endpoints", "Endpoints of the service"), TableColumn.Age],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue(EndpointList(o));
            w.WriteStringValue(o.Age(now));
        });

    private static string ExternalIp(JsonElement svc, string type)
    {
        var external = svc.Items("spec", "externalIPs").Select(e => e.GetString() ?? "").ToList();
        switch (type)
        {
            case "ClusterIP" or "NodePort":
                return external.Count > 0 ? string.Join(',', external) : "<none>";
            case "LoadBalancer":
                var all = LoadBalancerAddresses(svc).Concat(external).ToArray();
                return all.Length > 0 ? string.Join(',', all) : "<pending>";
            case "ExternalName":
                return svc.Str("spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    private static IEnumerable<string> LoadBalancerAddresses(JsonElement o) =>
        o.Items("status", "loadBalancer", "ingress").Select(i => i.Str("ip") is { Length: > 0 } ip ? ip : i.Str("hostname")).Where(a => a.Length > 0);

    private static string Ports(JsonElement svc)
    {
        var ports = svc.Items("spec", "ports").Select(p =>
        {
            var protocol = p.Str("protocol") is { Length: > 0 } pr ? pr : "TCP";
            var nodePort = p.Int("nodePort");
            return nodePort > 0 ? $"{p.Int("port")}:{nodePort}/{protocol}" : $"{p.Int("port")}/{protocol}";
        }).ToArray();
        return ports.Length == 0 ? "<none>" : string.Join(',', ports);
    }

    private static string EndpointList(JsonElement ep)
    {
        const int max = 3;
        var list = new List<string>();
        var count = 0;
        foreach (var subset in ep.Items("subsets"))
        {
            var ports = subset.Items("ports").Select(p => p.Int("port")).ToArray();
            foreach (var address in subset.Items("addresses"))
            {
                var ip = address.Str("ip");
                if (ports.Length == 0)
                {
                    count++;
                    if (list.Count < max) list.Add(ip);
                    continue;
                }
                foreach (var port in ports)
                {
                    count++;
                    if (list.Count < max) list.Add($"{ip}:{Num(port)}");
                }
            }
        }
        if (count == 0) return "<none>";
        var text = string.Join(',', list);
        return count > max ? $"{text} + {count - max} more..." : text;
    }
}
