namespace Readiness.Core.Tests.Conventions;

public class ResultTests
{
    [Fact]
    public void Success_CarriesItsValue_EvenANullOne()
    {
        Result<string?, string> absent = Result<string?, string>.Success(null);

        Assert.True(absent.Ok);
        Assert.Null(absent.Value);
        Assert.Null(absent.Error);
    }

    [Fact]
    public void Failure_HasNoValueToRead()
    {
        Result<int, string> failed = "year must be a number";

        Assert.False(failed.Ok);
        Assert.Equal("year must be a number", failed.Error);
        Assert.Throws<InvalidOperationException>(() => failed.Value);
    }
}
