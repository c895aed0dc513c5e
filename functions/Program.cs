using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Readiness.Core.Ingestion;
using Readiness.Functions.Http;
using Readiness.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddReadiness(builder.Configuration);

// The upload size limit (Readiness:MaxUploadBytes, 20 MB by default) is ours: the import counts bytes while it
// streams the body and answers 413 with a JSON report. Kestrel's own limit (30 MB by default, answered before our
// code runs, and turned into a bare 500 by the host: https://github.com/Azure/azure-functions-host/issues/10640)
// therefore sits just above it, with room for a multipart envelope, and follows the setting when it is raised.
// The Functions host in front has its own cap (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT, 100 MB by default).
builder.Services.AddOptions<KestrelServerOptions>()
    .Configure<IOptions<ImportOptions>>((kestrel, import) => kestrel.Limits.MaxRequestBodySize = UploadBody.RequestLimit(import.Value.MaxUploadBytes));

builder.Build().Run();
