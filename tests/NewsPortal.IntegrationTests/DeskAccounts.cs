using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;

namespace NewsPortal.IntegrationTests;

/// <summary>Desk accounts made straight through the store, for tests that need more than the portal's one editor.</summary>
public static class DeskAccounts
{
    public const string AdminName = "admin1";
    public const string AdminPassword = "an admin's long secret";

    public static async Task AddAsync(TestDatabase database, string name, string password, string role)
    {
        var added = await new EditorStore(database.DataSource).AddAsync(name, new EditorPasswords().Hash(name, password), role, CancellationToken.None);
        if (!added) throw new InvalidOperationException($"account {name} exists");
    }

    public static Task AddAdminAsync(TestDatabase database) => AddAsync(database, AdminName, AdminPassword, EditorRoles.Admin);
}
