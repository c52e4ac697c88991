using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace RagChat.Api.Common;

public static class AppSettingsFile
{
    /// <summary>
    /// appsettings.json lives at the repository root and is copied next to the app at build time. Read it
    /// from there, whatever the working directory, as the lowest-priority source: environment variables
    /// and command-line arguments still override it.
    /// </summary>
    public static void AddRootAppSettings(this ConfigurationManager configuration)
    {
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
    }
}
