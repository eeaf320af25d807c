using Microsoft.AspNetCore.Razor.TagHelpers;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.TagHelpers;

/// <summary>
/// <c>&lt;china-time value="…"/&gt;</c> renders a <c>&lt;time&gt;</c> showing China time to readers
/// and carrying the exact UTC instant for machines.
/// </summary>
[HtmlTargetElement("china-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChinaTimeTagHelper : TagHelper
{
    public DateTimeOffset? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Value is not { } value)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", ChinaTime.IsoUtc(value));
        output.Content.SetContent(ChinaTime.Display(value));
    }
}
