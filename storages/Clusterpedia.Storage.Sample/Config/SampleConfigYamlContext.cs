using YamlDotNet.Serialization;

namespace Clusterpedia.Storage.Sample.Config;

/// <summary>
/// The source-generated YAML context: no reflection, so the config reads the same under NativeAOT.
/// Every class that appears in the config file must be listed here.
/// </summary>
[YamlStaticContext]
[YamlSerializable(typeof(SampleStorageConfig))]
public partial class SampleConfigYamlContext : StaticContext
{
}
