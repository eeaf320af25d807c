using Xunit;

namespace NewsPortal.BrowserTests;

/// <summary>One database, one web app and one browser for all browser tests: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}
