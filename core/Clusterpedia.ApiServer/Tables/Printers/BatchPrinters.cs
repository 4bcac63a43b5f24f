using System.Text.Json;
using static Clusterpedia.ApiServer.Tables.Printers.PrintFormat;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>Jobs and CronJobs, with kubectl's columns.</summary>
internal static class BatchPrinters
{
    private static readonly TableColumn Containers = TableColumn.Wide("Containers", "Names of each container in the template.");
    private static readonly TableColumn Images = TableColumn.Wide("Images", "Images referenced by each container in the template.");
    private static readonly TableColumn Selector = TableColumn.Wide("Selector", "A label query over pods that should match the pod count.");

    public static TablePrinter Job { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Status", "Status of the job."),
            TableColumn.Text("Completions", "The desired number of successfully finished pods the job should be run with."),
            TableColumn.Text("Duration", "Time required to complete the job."),
            TableColumn.Age, Containers, Images, Selector,
        ],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue(JobStatus(o));
            w.WriteStringValue(Completions(o));
            w.WriteStringValue(Duration(o, now));
            w.WriteStringValue(o.Age(now));
            WorkloadPrinters.WriteTemplate(w, o);
        });

    public static TablePrinter CronJob { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
            TableColumn.Text("Timezone", "The time zone name for the given schedule."),
            TableColumn.Text("Suspend", "This flag tells the controller to suspend subsequent executions."),
            TableColumn.Integer("Active", "A list of pointers to currently running jobs."),
            TableColumn.Text("Last Schedule", "Information when was the last time the job was successfully scheduled."),
            TableColumn.Age, Containers, Images, Selector,
        ],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue(o.Str("spec", "schedule"));
            w.WriteStringValue(o.Str("spec", "timeZone").OrNone());
            w.WriteStringValue(o.Bool("spec", "suspend") ? "True" : "False");
            w.WriteNumberValue(o.Count("status", "active"));
            w.WriteStringValue(o.Time("status", "lastScheduleTime") is { } last ? HumanDuration.Format(now - last) : "<none>");
            w.WriteStringValue(o.Age(now));
            var spec = o.Get("spec", "jobTemplate", "spec", "template", "spec") ?? default;
            w.WriteStringValue(ContainerNames(spec));
            w.WriteStringValue(ContainerImages(spec));
            w.WriteStringValue(LabelSelector(o.Get("spec", "jobTemplate", "spec", "selector")));
        });

    private static string JobStatus(JsonElement job)
    {
        bool Has(string type) => job.Items("status", "conditions").Any(c => c.Str("type") == type && c.Str("status") == "True");
        if (Has("Complete")) return "Complete";
        if (Has("Failed")) return "Failed";
        if (job.Get("metadata", "deletionTimestamp") is not null) return "Terminating";
        if (Has("SuccessCriteriaMet")) return "SuccessCriteriaMet";
        if (Has("FailureTarget")) return "FailureTarget";
        if (Has("Suspended")) return "Suspended";
        return "Running";
    }

    private static string Completions(JsonElement job)
    {
        var succeeded = job.Int("status", "succeeded");
        if (job.IntOrNull("spec", "completions") is { } completions) return $"{succeeded}/{completions}";
        var parallelism = job.IntOrNull("spec", "parallelism") ?? 1;
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static string Duration(JsonElement job, DateTimeOffset now)
    {
        if (job.Time("status", "startTime") is not { } start) return "";
        var end = job.Time("status", "completionTime") ?? now;
        return HumanDuration.Format(end - start);
    }
}
