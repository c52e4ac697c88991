using RagChat.Api.Chat;
using RagChat.Api.Common;
using RagChat.Api.Documents;
using RagChat.Api.Embeddings;
using RagChat.Api.Health;
using RagChat.Api.Ingestion;
using RagChat.Api.Search;
using RagChat.Api.VectorStore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRootAppSettings();

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext());
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddRagChatSwagger();

builder.Services.AddLocalEmbeddings();
builder.Services.AddChunkStore(builder.Configuration);
builder.Services.AddIngestion();
builder.Services.AddChat(builder.Configuration);
builder.Services.AddRagChatHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSerilogRequestLogging();
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseRagChatSwagger();

app.MapIngestionEndpoints();
app.MapDocumentEndpoints();
app.MapSearchEndpoints();
app.MapChatEndpoints();
app.MapHealthEndpoints();
app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
