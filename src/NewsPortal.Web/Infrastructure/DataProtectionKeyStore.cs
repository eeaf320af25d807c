using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// ASP.NET Core's data-protection key ring in <c>data_protection_keys</c> (migration 0019), so every
/// web node signs and reads editor cookies and form tokens with the same keys. The interface is
/// synchronous; the framework reads the ring rarely (at start and when it expires, about daily).
/// Keys are stored as the framework writes them: whoever can read the database can read them, as
/// they could read everything the keys protect.
/// </summary>
public sealed class DataProtectionKeyStore(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").Select(x => XElement.Parse(x))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@Name, @Xml)",
            new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
