namespace NewsPortal.Core.Editors;

/// <summary>
/// The two roles of a desk account (the <c>editors.role</c> column, migration 0026): an admin
/// manages accounts and reads the audit log; an editor works on articles and stories.
/// </summary>
public static class EditorRoles
{
    public const string Admin = "admin";
    public const string Editor = "editor";

    public static IReadOnlyList<string> All { get; } = [Admin, Editor];

    public static bool IsKnown(string? role) => role is Admin or Editor;

    public static string Label(string role) => role switch { Admin => "管理员", Editor => "编辑", _ => role };
}
