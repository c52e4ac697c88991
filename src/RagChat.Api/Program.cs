using RagChat.Api.Attention;
using RagChat.Api.Chat;
using RagChat.Api.Common;
using RagChat.Api.Documents;
using RagChat.Api.Embeddings;
using RagChat.Api.Health;
using RagChat.Api.Ingestion;
using RagChat.Api.Ingestion.Jobs;
using RagChat.Api.OpenAiApi;
using RagChat.Api.Search;
using RagChat.Api.VectorStore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRootAppSettings();

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext());
// Errors the framework answers itself (wrong Content-Type, unknown route) get a code as well.
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions.TryAdd("code", ProblemDetailsExceptionHandler.CodeForStatus(context.ProblemDetails.Status ?? 500)));
// Malformed bodies throw, so the one exception handler answers them like every other error (with a code).
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddRagChatSwagger();

builder.Services.AddLocalEmbeddings();
builder.Services.AddAttention();
builder.Services.AddChunkStore(builder.Configuration);
builder.Services.AddIngestion();
builder.Services.AddChat(builder.Configuration);
builder.Services.AddOptions<OpenAiApiOptions>().BindConfiguration(OpenAiApiOptions.Section);
builder.Services.AddRagChatHealthChecks();

var app = builder.Build();

// Request logging wraps the exception handler, so it logs the status the client really got.
app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseRagChatSwagger();

app.MapIngestionEndpoints();
app.MapJobEndpoints();
app.MapChunkPreviewEndpoints();
app.MapDocumentEndpoints();
app.MapSearchEndpoints();
app.MapChatEndpoints();
app.MapOpenAiEndpoints();
app.MapAttentionEndpoints();
app.MapHealthEndpoints();
app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
