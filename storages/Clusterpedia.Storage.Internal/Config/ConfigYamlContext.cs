using YamlDotNet.Serialization;

namespace Clusterpedia.Storage.Internal.Config;

/// <summary>The source-generated YAML context (no reflection, AOT-safe); every nested config type is listed.</summary>
[YamlStaticContext]
[YamlSerializable(typeof(InternalStorageConfig))]
[YamlSerializable(typeof(ConnPoolConfig))]
[YamlSerializable(typeof(MySqlConfig))]
[YamlSerializable(typeof(PostgresConfig))]
[YamlSerializable(typeof(LogConfig))]
[YamlSerializable(typeof(LumberjackConfig))]
[YamlSerializable(typeof(MetricsConfig))]
public partial class ConfigYamlContext : StaticContext
{
}
