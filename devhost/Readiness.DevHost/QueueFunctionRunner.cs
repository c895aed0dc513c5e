using System.Reflection;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Readiness.Storage;

namespace Readiness.DevHost;

/// <summary>
/// Runs the app's queue functions the way the Functions host's queue listener does, with host.json's queue settings:
/// it polls each queue (100 ms after a message, backing off to <c>maxPollingInterval</c> while it is empty), runs up
/// to <c>batchSize + newBatchThreshold</c> messages of a queue at once, deletes a message its function finished, and
/// makes a failed one visible again after <c>visibilityTimeout</c>; a message that failed <c>maxDequeueCount</c>
/// deliveries is moved to <c>{queue}-poison</c>, which its own function handles. The function gets the message text
/// and the binding data the host gives (<c>DequeueCount</c>, <c>Id</c>, <c>InsertionTime</c>…).
/// </summary>
public sealed class QueueFunctionRunner(
    FunctionCatalog catalog,
    HostSettings host,
    StorageAccount account,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<QueueFunctionRunner> logger) : BackgroundService
{
    /// <summary>How long a received message stays invisible while its function runs (the host renews it; a local run
    /// that takes longer may see it delivered twice, which the app's idempotent processing allows).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Queues.Select(function => ListenAsync(function, stoppingToken)));

    /// <summary>A queue name as the attribute gives it, with <c>%Setting%</c> parts read from the configuration.</summary>
    public static string Resolve(string name, IConfiguration configuration) =>
        name.StartsWith('%') && name.EndsWith('%') && name.Length > 2
            ? configuration[name[1..^1]] ?? throw new InvalidOperationException($"The app setting {name[1..^1]} is not set.")
            : name;

    private async Task ListenAsync(QueueFunction function, CancellationToken stoppingToken)
    {
        var settings = host.Queues;
        var name = Resolve(function.QueueName, configuration);
        var queue = account.Queue(name);
        var poison = account.Queue(name + "-poison");
        var slots = new SemaphoreSlim(settings.BatchSize + settings.NewBatchThreshold);
        var running = new List<Task>();
        var wait = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                await slots.WaitAsync(stoppingToken);
                slots.Release();
                var room = Math.Min(settings.BatchSize, slots.CurrentCount);
                messages = (await queue.ReceiveMessagesAsync(Math.Clamp(room, 1, 32), Lease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The queue is not there (yet): create it, as the host does for the queues it listens on.
                await CreateQuietlyAsync(queue, stoppingToken);
                messages = [];
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Polling {Queue} for {Function} failed; trying again", name, function.Name);
                messages = [];
            }

            foreach (var message in messages)
            {
                await slots.WaitAsync(stoppingToken);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await HandleAsync(function, queue, poison, message, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }

            running.RemoveAll(t => t.IsCompleted);
            wait = messages.Length > 0 ? MinimumPollingInterval : Min(wait * 2, settings.MaxPollingInterval);
            try
            {
                await Task.Delay(messages.Length > 0 ? TimeSpan.Zero : wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running);
    }

    private async Task HandleAsync(QueueFunction function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var maxDequeueCount = host.Queues.MaxDequeueCount;
        if (message.DequeueCount > maxDequeueCount)
        {
            // Delivered more often than allowed without an answer (a crashed run): straight to the poison queue.
            await MoveToPoisonAsync(queue, poison, message, stoppingToken);
            return;
        }

        try
        {
            await InvokeAsync(function, message, queue.Name, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "{Function} failed on delivery {Delivery} of {MaxDeliveries} of message {MessageId}", function.Name, message.DequeueCount, maxDequeueCount, message.MessageId);
            if (message.DequeueCount >= maxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: host.Queues.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message becomes visible again when its lease ends and is processed on the next start.
        }
    }

    private async Task InvokeAsync(QueueFunction function, QueueMessage message, string queueName, CancellationToken stoppingToken)
    {
        var text = message.Body.ToString();
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["QueueTrigger"] = text,
            ["DequeueCount"] = message.DequeueCount,
            ["Id"] = message.MessageId,
            ["PopReceipt"] = message.PopReceipt,
            ["InsertionTime"] = message.InsertedOn,
            ["ExpirationTime"] = message.ExpiresOn,
            ["NextVisibleTime"] = message.NextVisibleOn,
        };
        await using var scope = scopes.CreateAsyncScope();
        var context = new LocalFunctionContext(function, scope.ServiceProvider, bindingData, stoppingToken);
        using var _ = logger.BeginScope("{Function} {Queue} {MessageId}", function.Name, queueName, message.MessageId);
        await FunctionInvoker.InvokeAsync(function, context, parameter =>
            parameter.GetCustomAttribute<QueueTriggerAttribute>() is null
                ? parameter.Name is { } name && bindingData.TryGetValue(name, out var value) ? FunctionInvoker.Convert(value, parameter.ParameterType) : FunctionInvoker.Unbound
                : parameter.ParameterType == typeof(string) ? text
                : parameter.ParameterType == typeof(BinaryData) ? message.Body
                : parameter.ParameterType == typeof(byte[]) ? message.Body.ToArray()
                : throw new NotSupportedException($"{function.Name}: the local host binds a queue message to string, BinaryData or byte[] only."));
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        logger.LogWarning("Message {MessageId} of {Queue} reached its maximum of {MaxDeliveries} deliveries and is moved to {Poison}",
            message.MessageId, queue.Name, host.Queues.MaxDequeueCount, poison.Name);
        await CreateQuietlyAsync(poison, cancellationToken);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    private async Task CreateQuietlyAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            logger.LogWarning("Could not create queue {Queue}: {Explanation}", queue.Name, StorageErrors.Explain(e));
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
