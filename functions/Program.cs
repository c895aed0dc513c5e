using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Readiness.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Everything the app registers is in AddReadinessFunctions, which the local host (devhost/) calls too.
//
// Body limits and early answers. The upload limit (Readiness:MaxUploadBytes, 20 MB by default) and the admin bodies'
// limits are ours: the functions count bytes while they stream a body and answer 413 with a JSON report. In Azure the
// Functions host sits in front of this worker as a reverse proxy (YARP); if the worker answers before it has read the
// whole body (an early 413, 415, 422, or a 401/403 before reading) and the client did not send Expect: 100-continue
// (browsers do not), the proxy's send fails ("ForwarderError: RequestBodyDestination") and the client gets a bare 500
// instead of our answer. So every HTTP function, through ApiResults.GuardAsync, reads and discards the rest of the body
// before it answers, up to the host's own cap (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT, 100 MB by default): the proxy can
// always finish sending, and nothing larger than the cap ever reaches the worker. Kestrel's limit is therefore that cap
// (it used to sit just above our limit, and its own 413 became a bare 500 too:
// https://github.com/Azure/azure-functions-host/issues/10640). Draining costs reading at most the cap per refused
// request; closing the connection instead is exactly what the proxy cannot pass on.
builder.Services.AddReadinessFunctions(builder.Configuration);

builder.Build().Run();
