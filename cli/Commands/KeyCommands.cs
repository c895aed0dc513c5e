using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Access;
using Readiness.Core.Registry;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness keys create|list|revoke</c>: API keys issued, rotated and revoked without a redeploy
/// (<see cref="ApiKeyService"/>). The key is printed once, at creation; only its hash is stored.
/// </summary>
internal static class KeyCommands
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys for the HTTP API: a regency key acts for one regency, a province key (Walidata) reads and reviews its province's regencies, an admin key is the ministry's.");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command CreateKey()
    {
        var regency = CommonOptions.StoredRegency("The regency the key acts for (Kemendagri code or name).", required: false);
        var admin = new Option<bool>("--admin") { Description = "Create a ministry operator (admin) key instead of a regency key." };
        var province = new Option<string?>("--province")
        {
            Description = "Create a province (Walidata) key for this two-digit province code (13): it reads the data of the province's regencies and verifies or returns their years.",
            HelpName = "PP",
        };
        var expires = new Option<int?>("--expires")
        {
            Description = "Days until the key expires (default: never; rotate by creating a new key and revoking the old one).",
            HelpName = "DAYS",
            CustomParser = result => result.Tokens.Count == 0 ? null : CommonOptions.ParseInt(result, "--expires", 1, 3650),
        };
        var description = new Option<string?>("--description") { Description = "Who or what the key is for (shown by 'keys list')." };
        var command = new Command("create", "Create a key and print it once. Store it safely: it cannot be shown again.");
        command.Options.Add(regency);
        command.Options.Add(admin);
        command.Options.Add(province);
        command.Options.Add(expires);
        command.Options.Add(description);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var isAdmin = parseResult.GetValue(admin);
            var regencyText = parseResult.GetValue(regency);
            var provinceCode = parseResult.GetValue(province)?.Trim();
            if ((isAdmin ? 1 : 0) + (regencyText is null ? 0 : 1) + (provinceCode is null ? 0 : 1) != 1)
            {
                throw new CliException("Give one of --regency CODE (a regency key), --province PP (a province key) or --admin (an admin key).");
            }

            if (provinceCode is not null && !RegencyRegistry.IsProvinceCode(provinceCode))
            {
                throw new CliException($"--province takes the two-digit Kemendagri province code (such as 13 for Sumatera Barat), not '{provinceCode}'.");
            }

            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = regencyText is null ? null : (await StoredReference.ResolveRegencyAsync(services, regencyText, cancellationToken))!.Code;
            if (provinceCode is not null)
            {
                var registry = (await services.GetRequiredService<Core.Ports.IReferenceData>().GetAsync(cancellationToken)).Registry;
                if (!registry.Regencies.Any(r => r.ProvinceCode == provinceCode))
                {
                    throw new CliException($"No regency of the registry is in province {provinceCode}. Provinces with regencies: {string.Join(", ", registry.Regencies.Select(r => r.ProvinceCode).Distinct().Order(StringComparer.Ordinal))}.");
                }
            }

            var role = isAdmin ? Role.Admin : provinceCode is not null ? Role.Province : Role.Regency;
            var (key, plaintext) = await services.GetRequiredService<ApiKeyService>().CreateAsync(
                role, code, parseResult.GetValue(expires), parseResult.GetValue(description), cancellationToken, provinceCode);
            var whose = role switch
            {
                Role.Admin => "an admin key",
                Role.Province => $"a key for province {provinceCode}",
                _ => $"a key for regency {code}",
            };
            console.Error.WriteLine($"Created {whose} with id {key.Id}{(key.ExpiresAt is { } at ? $", expiring {at:yyyy-MM-dd}" : "")}. It is shown once:");
            console.Out.WriteLine(plaintext);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json("Print the keys as JSON (never the secrets, which are not stored).");
        var command = new Command("list", "List the keys: id, role, regency, created, expires, revoked, description. Secrets are never stored or shown.");
        command.Options.Add(json);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var keys = await services.GetRequiredService<ApiKeyService>().ListAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var rows = keys.Select(k => new KeyRow(k.Id, k.Role.ToString().ToLowerInvariant(), k.RegencyCode, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.IsActive(now), k.Description, k.ProvinceCode)).ToList();
            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, rows);
                return ExitCodes.Success;
            }

            if (rows.Count == 0)
            {
                console.Out.WriteLine("No keys. Create the first admin key with 'readiness keys create --admin'.");
                return ExitCodes.Success;
            }

            foreach (var row in rows)
            {
                var state = row.Active ? "active" : row.RevokedAt is not null ? "revoked" : "expired";
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Id}  {row.Role,-8} {row.Regency ?? row.Province ?? "-",-6} {state,-8} created {row.CreatedAt:yyyy-MM-dd}  expires {(row.ExpiresAt is { } e ? e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never")}  {row.Description}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("ID") { Description = "The key id, as 'keys list' shows it." };
        var command = new Command("revoke", "Revoke a key at once: requests with it get 401 from then on.");
        command.Arguments.Add(id);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var keyId = parseResult.GetRequiredValue(id);
            if (!await services.GetRequiredService<ApiKeyService>().RevokeAsync(keyId, cancellationToken))
            {
                throw new CliException($"No key has the id '{keyId}'. See 'readiness keys list'.");
            }

            console.Out.WriteLine($"Revoked key {keyId}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A key as listed: everything but the hash; a province key names its province.</summary>
    private sealed record KeyRow(string Id, string Role, string? Regency, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, bool Active, string? Description, string? Province);
}
