using RagChat.Api.Ingestion.Chunking;
using RagChat.Api.Ingestion.Fetching;
using RagChat.Api.Ingestion.Jobs;
using RagChat.Api.Ingestion.Reading;

namespace RagChat.Api.Ingestion;

public static class IngestionRegistration
{
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDocumentReader, PlainTextReader>();
        services.AddSingleton<IDocumentReader, MarkdownReader>();
        services.AddSingleton<IDocumentReader, HtmlReader>();
        services.AddSingleton<IDocumentReader, CsvReader>();
        services.AddSingleton<IDocumentReader, JsonReader>();
        services.AddSingleton<IDocumentReader, PdfReader>();
        services.AddSingleton<IDocumentReader, DocxReader>();
        services.AddSingleton<IDocumentReader, PptxReader>();
        services.AddSingleton<IDocumentReader, XlsxReader>();
        services.AddSingleton<DocumentReaders>();
        services.AddSingleton<TextChunker>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<EmbeddingCache>();
        services.AddUrlFetching();
        services.AddSingleton<IngestionJobs>();
        services.AddSingleton<IngestionWorkers>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestionWorkers>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
