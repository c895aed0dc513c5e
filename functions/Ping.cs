using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Readiness.Functions;

public sealed class Ping
{
    [Function(nameof(Ping))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "ping")] HttpRequest req) => new OkResult();

    [Function("Tick")]
    public void Tick([TimerTrigger("0 */15 * * * *")] TimerInfo timer) { }

    [Function("Q")]
    public void Q([QueueTrigger("score-requests")] string message) { }
}
