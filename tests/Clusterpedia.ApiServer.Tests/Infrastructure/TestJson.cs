using System.Text.Json.Serialization;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
