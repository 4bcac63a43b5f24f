namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>ConfigMaps, Secrets and ServiceAccounts, with kubectl's columns.</summary>
internal static class ConfigPrinters
{
    public static TablePrinter ConfigMap { get; } = new ColumnPrinter(
        [TableColumn.ObjectName, TableColumn.Integer("Data", "Number of data in configmap"), TableColumn.Age],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteNumberValue(o.Count("data") + o.Count("binaryData"));
            w.WriteStringValue(o.Age(now));
        });

    public static TablePrinter Secret { get; } = new ColumnPrinter(
        [TableColumn.ObjectName, TableColumn.Text("Type", "The type of the secret"), TableColumn.Integer("Data", "The number of entries in the secret"), TableColumn.Age],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue(o.Str("type"));
            w.WriteNumberValue(o.Count("data") + o.Count("stringData"));
            w.WriteStringValue(o.Age(now));
        });

    public static TablePrinter ServiceAccount { get; } = new ColumnPrinter(
        [TableColumn.ObjectName, TableColumn.Integer("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), TableColumn.Age],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteNumberValue(o.Count("secrets"));
            w.WriteStringValue(o.Age(now));
        });
}
