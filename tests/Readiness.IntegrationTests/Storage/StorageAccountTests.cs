using Readiness.Storage;

namespace Readiness.IntegrationTests.Storage;

public class StorageAccountTests
{
    [Theory]
    [InlineData("https://streadiness7x.table.core.windows.net/")]
    [InlineData("https://streadiness7x.blob.core.windows.net")]
    [InlineData("https://streadiness7x.queue.core.windows.net/")]
    public void Open_WithAServiceEndpoint_DerivesTheAccountsThreeEndpoints(string endpoint)
    {
        var account = StorageAccount.Open(endpoint, "p");

        Assert.Equal("https://streadiness7x.table.core.windows.net/", account.TableService.Uri.ToString());
        Assert.Equal("https://streadiness7x.blob.core.windows.net/", account.BlobService.Uri.ToString());
        Assert.Equal("https://streadiness7x.queue.core.windows.net/", account.QueueService.Uri.ToString());
        Assert.Equal("pscores", account.Table("scores").Name);
        Assert.True(account.IdentityBased);
    }

    [Theory]
    [InlineData("http://streadiness7x.table.core.windows.net/")]
    [InlineData("https://example.org/")]
    [InlineData("https://streadiness7x.file.core.windows.net/")]
    public void Open_RefusesAnEndpointThatIsNotAStorageEndpoint(string endpoint) =>
        Assert.Throws<ArgumentException>(() => StorageAccount.Open(endpoint));

    [Fact]
    public void Open_WithAConnectionString_UsesTheSharedKey()
    {
        var account = StorageAccount.Open(StorageAccount.Development, "p");

        Assert.False(account.IdentityBased);
        Assert.Equal("pscores", account.Table("scores").Name);
    }
}
