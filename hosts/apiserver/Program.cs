using Clusterpedia.Hosting;

// The storage layers in the registry are the ones selected at build time (hosts/Storages.props).
return await ClusterpediaHost.RunAsync("apiserver", args, Clusterpedia.Generated.StorageLayerRegistry.Instance, HostDefaults.ApiServer);
