using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ClusterSimulator;

// Lists, with kube's resourceVersion semantics: unset (or an exact version) is a paged read from etcd, with continue
// tokens and remainingItemCount; resourceVersion=0 or resourceVersionMatch=NotOlderThan is answered from the watch
// cache, which ignores limit and sends everything in one response.
internal sealed partial class SimulatorApi
{
    private const string NotOlderThan = "NotOlderThan";
    private const string Exact = "Exact";

    private async Task ListAsync(HttpContext ctx, SimulatedResource resource, string? ns, ObjectSelector selector)
    {
        var query = ctx.Request.Query;
        _ = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var limit);
        string rv = query["resourceVersion"].ToString(), match = query["resourceVersionMatch"].ToString(), cont = query["continue"].ToString();
        ValidateList(rv, match, cont);
        long? version = rv.Length == 0 ? null
            : long.TryParse(rv, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n
            : throw new SimulatedApiException(400, "BadRequest", $"invalid resource version \"{rv}\"");
        var current = cluster.Store.ResourceVersion;
        if (version > current)
            throw new SimulatedApiException(504, "Timeout", $"Too large resource version: {version}, current: {current}",
                new StatusDetails(Causes: [new StatusCause("ResourceVersionTooLarge", "Too large resource version")], RetryAfterSeconds: 1));

        var fromWatchCache = cont.Length == 0 && (rv == "0" || match == NotOlderThan || (version != null && limit == 0 && match != Exact));
        ListPage page;
        try
        {
            if (fromWatchCache) page = cluster.Store.List(resource, ns, 0, null, selector) with { RemainingItemCount = null };
            else
            {
                // An exact read of a compacted version fails; of a kept one, the simulator (which keeps no old states) shows now.
                if (version > 0 && cluster.Store.IsCompacted(version.Value))
                    throw new SimulatedApiException(410, "Expired", "The resourceVersion for the provided list is too old.");
                page = cluster.Store.List(resource, ns, limit, cont, selector);
            }
        }
        catch (ExpiredException e)
        {
            throw new SimulatedApiException(410, "Expired", e.Message);
        }
        catch (FormatException e)
        {
            throw new SimulatedApiException(400, "BadRequest", $"invalid continue token: {e.Message}");
        }
        await WriteJsonAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", resource.Kind + "List");
            w.WriteString("apiVersion", resource.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (page.Continue != null) w.WriteString("continue", page.Continue);
            if (page.RemainingItemCount is { } remaining) w.WriteNumber("remainingItemCount", remaining);
            w.WriteEndObject();
            if (page.Items.Count == 0 && cluster.Options.EmptyListItems != EmptyListItems.Array)
            {
                if (cluster.Options.EmptyListItems == EmptyListItems.Null) w.WriteNull("items");
            }
            else
            {
                w.WriteStartArray("items");
                foreach (var item in page.Items) w.WriteRawValue(item.ListItemJson, skipInputValidation: true);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void ValidateList(string rv, string match, string cont)
    {
        if (cont.Length > 0 && rv is not ("" or "0"))
            throw new SimulatedApiException(400, "BadRequest", "specifying resource version is not allowed when using continue");
        if (match.Length == 0) return;
        if (rv.Length == 0)
            throw InvalidListOptions("resourceVersionMatch", "FieldValueForbidden", "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
        if (cont.Length > 0)
            throw InvalidListOptions("resourceVersionMatch", "FieldValueForbidden", "Forbidden: resourceVersionMatch is forbidden when continue is provided");
        if (match is not (Exact or NotOlderThan))
            throw InvalidListOptions("resourceVersionMatch", "FieldValueNotSupported",
                $"Unsupported value: \"{match}\": supported values: \"{Exact}\", \"{NotOlderThan}\", \"\"");
        if (match == Exact && rv == "0")
            throw InvalidListOptions("resourceVersionMatch", "FieldValueForbidden", "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
    }
}
