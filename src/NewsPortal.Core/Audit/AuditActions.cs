namespace NewsPortal.Core.Audit;

/// <summary>The actions the audit log names, and how the admin page says them.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string ArticleEdited = "article-edited";
    public const string ArticleRepublished = "article-republished";
    public const string ArticleUnpublished = "article-unpublished";
    public const string StoryMovedOut = "story-moved-out";
    public const string StoryMerged = "story-merged";
    public const string StorySplit = "story-split";
    public const string AccountAdded = "account-added";
    public const string AccountPasswordReset = "account-password-reset";
    public const string AccountRoleChanged = "account-role-changed";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string AccountRemoved = "account-removed";

    private static readonly Dictionary<string, string> Labels = new()
    {
        [SignIn] = "登录",
        [SignInFailed] = "登录失败",
        [SignOut] = "退出",
        [ArticleEdited] = "编辑文章",
        [ArticleRepublished] = "重新发布",
        [ArticleUnpublished] = "撤下文章",
        [StoryMovedOut] = "移出事件",
        [StoryMerged] = "合并事件",
        [StorySplit] = "拆分事件",
        [AccountAdded] = "添加账户",
        [AccountPasswordReset] = "重设密码",
        [AccountRoleChanged] = "更改角色",
        [AccountDisabled] = "停用账户",
        [AccountEnabled] = "启用账户",
        [AccountRemoved] = "删除账户",
    };

    public static IReadOnlyCollection<string> All => Labels.Keys;

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}
