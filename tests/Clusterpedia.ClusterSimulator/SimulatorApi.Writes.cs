using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ClusterSimulator;

internal sealed partial class SimulatorApi
{
    /// <summary>POST, PUT (object or status) and DELETE of raw objects; the simulator's own resources are read-only.</summary>
    private async Task WriteAsync(HttpContext ctx, SimulatedResource resource, string ns, string? name, bool status)
    {
        if (!SimulatedResource.Writable.Contains(resource))
            throw new SimulatedApiException(405, "MethodNotAllowed", $"the simulator does not write {resource.Resource}");
        byte[] body;
        var method = ctx.Request.Method;
        if (HttpMethods.IsDelete(method) && name != null) body = cluster.Store.DeleteRaw(resource, ns, name);
        else
        {
            JsonObject node;
            try
            {
                node = await JsonNode.ParseAsync(ctx.Request.Body).ConfigureAwait(false) as JsonObject
                    ?? throw new SimulatedApiException(400, "BadRequest", "the body is not a JSON object");
            }
            catch (JsonException e)
            {
                throw new SimulatedApiException(400, "BadRequest", e.Message);
            }
            if (HttpMethods.IsPost(method) && name is null) body = cluster.Store.CreateRaw(resource, ns, node);
            else if (HttpMethods.IsPut(method) && name != null) body = cluster.Store.ReplaceRaw(resource, ns, name, node, status);
            else throw new SimulatedApiException(405, "MethodNotAllowed", $"{method} is not supported here");
        }
        ctx.Response.StatusCode = HttpMethods.IsPost(method) ? 201 : 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}
