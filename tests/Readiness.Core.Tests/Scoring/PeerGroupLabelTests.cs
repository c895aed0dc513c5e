using Readiness.Core.Scoring;

namespace Readiness.Core.Tests.Scoring;

public class PeerGroupLabelTests
{
    [Theory]
    [InlineData("Kabupaten kecil", "Regency, small")]
    [InlineData("Kabupaten sedang", "Regency, medium")]
    [InlineData("Kota besar", "City, large")]
    [InlineData("Kota", "City")]
    [InlineData("Kabupaten metropolitan", "Regency, metropolitan")]
    [InlineData("", "")]
    public void English_NamesTheTypeAndSizeClass_AndKeepsAClassItDoesNotKnow(string code, string english) =>
        Assert.Equal(english, PeerGroups.English(code));
}
