using System.Text.Json;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>core/v1 and events.k8s.io Events, with kubectl's columns.</summary>
internal static class EventPrinter
{
    public static TablePrinter Instance { get; } = new ColumnPrinter(
        [
            TableColumn.Text("Last Seen", "Time when last event occurred"),
            TableColumn.Text("Type", "Type of this event (Normal, Warning), new types could be added in the future."),
            TableColumn.Text("Reason", "This should be a short, machine understandable string that gives the reason for this event being generated."),
            TableColumn.Text("Object", "The object that this event is about."),
            TableColumn.Wide("Subobject", "Specific subobject of the object that this event is about."),
            TableColumn.Wide("Source", "The component reporting this event. Should be a short machine understandable string."),
            TableColumn.Text("Message", "A human-readable description of the status of this operation."),
            TableColumn.Wide("First Seen", "The time at which the event was first recorded."),
            TableColumn.Wide("Count", "The number of times this event has occurred."),
            new TableColumn("Name", "string", "Name of the event.", "name", 1),
        ],
        (w, o, now) =>
        {
            var first = o.Time("firstTimestamp") ?? o.Time("eventTime") ?? o.Time("metadata", "creationTimestamp");
            var last = o.Time("lastTimestamp") ?? o.Time("series", "lastObservedTime") ?? first;
            var involved = o.Get("involvedObject") ?? o.Get("regarding") ?? default;
            var source = o.Str("source", "component") is { Length: > 0 } c ? c : o.Str("reportingComponent");
            var host = o.Str("source", "host");
            var count = o.IntOrNull("count") ?? o.IntOrNull("series", "count") ?? 1;
            w.WriteStringValue(last is { } l ? HumanDuration.Format(now - l) : "<unknown>");
            w.WriteStringValue(o.Str("type"));
            w.WriteStringValue(o.Str("reason"));
            w.WriteStringValue($"{involved.Str("kind").ToLowerInvariant()}/{involved.Str("name")}");
            w.WriteStringValue(involved.Str("fieldPath"));
            w.WriteStringValue(host.Length > 0 ? $"{source}, {host}" : source);
            w.WriteStringValue(o.Str("message") is { Length: > 0 } m ? m : o.Str("note"));
            w.WriteStringValue(first is { } f ? HumanDuration.Format(now - f) : "<unknown>");
            w.WriteStringValue(PrintFormat.Num(count));
            w.WriteStringValue(o.Name());
        });
}
