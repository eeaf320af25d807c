# One image for both hosts: the web app (default) and the ingestion service.
#   docker build -t newsportal .
#   docker run newsportal                                    -> the portal on port 8080
#   docker run newsportal dotnet /app/ingestion/NewsPortal.Ingestion.dll ingest /data
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props NewsPortal.sln ./
COPY src/ src/
RUN dotnet publish src/NewsPortal.Web -c Release -o /app/web \
 && dotnet publish src/NewsPortal.Ingestion -c Release -o /app/ingestion

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app/web
COPY --from=build /app /app
COPY samples/ /app/samples/
# The image proxy's disk cache (Images:CacheDirectory) defaults to .data/image-cache under the app.
RUN mkdir -p /app/web/.data && chown app /app/web/.data
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER app
CMD ["dotnet", "/app/web/NewsPortal.Web.dll"]
