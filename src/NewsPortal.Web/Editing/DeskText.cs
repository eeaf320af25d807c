using System.Globalization;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Editing;

/// <summary>How the desk's pages name statuses and revision actions, and write times into form fields.</summary>
public static class DeskText
{
    public static string Status(string status) => status switch
    {
        "published" => "已发布",
        "unpublished" => "已撤下",
        "pending_review" => "待审核",
        "rejected" => "审核未通过",
        "scheduled" => "定时发布",
        _ => status,
    };

    public static string Action(string action) => action switch
    {
        "ingested" => "入库",
        "source-updated" => "来源更新",
        "edited" => "编辑",
        "republished" => "重新发布",
        "unpublished" => "撤下",
        "source-accepted" => "采用来源版本",
        "source-merged" => "合并来源版本",
        "source-rejected" => "保留编辑版本",
        "review-published" => "审核发布",
        "review-rejected" => "审核拒绝",
        "scheduled" => "设置定时",
        "schedule-published" => "定时发布",
        "schedule-withdrawn" => "定时撤下",
        _ => action,
    };

    /// <summary>A time as a datetime-local field takes it, in China time; empty for none.</summary>
    public static string LocalInput(DateTimeOffset? value) =>
        value is { } v ? ChinaTime.ToChinaTime(v).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";
}
