using NewsPortal.Core.Text;

namespace NewsPortal.Core.Tests.Text;

public sealed class AuthorNamesTests
{
    [Theory]
    [InlineData("张三", new[] { "张三" })]
    [InlineData("张三 李四", new[] { "张三", "李四" })]
    [InlineData("张三、李四", new[] { "张三", "李四" })]
    [InlineData("张三，李四", new[] { "张三", "李四" })]
    [InlineData("新华社", new[] { "新华社" })]
    [InlineData("欧阳娜娜", new[] { "欧阳娜娜" })]
    [InlineData("阿卜杜勒·拉赫曼", new[] { "阿卜杜勒·拉赫曼" })]
    [InlineData("John Smith", new[] { "John Smith" })]
    [InlineData("John Smith and Jane Doe", new[] { "John Smith", "Jane Doe" })]
    [InlineData("Reuters", new[] { "Reuters" })]
    [InlineData("  张三  ", new[] { "张三" })]
    [InlineData("张三 张三", new[] { "张三" })]
    [InlineData("本报记者 张三", new[] { "张三" })]
    [InlineData("记者张三 通讯员李四", new[] { "张三", "李四" })]
    [InlineData("文天祥", new[] { "文天祥" })]
    [InlineData("评论员 罗博 萧海川", new[] { "罗博", "萧海川" })]
    [InlineData("本报实习生 刘国栋 本报记者 王燕平", new[] { "刘国栋", "王燕平" })]
    [InlineData("见习记者林子沛", new[] { "林子沛" })]
    [InlineData("Damien Leloup et Morgane Tual", new[] { "Damien Leloup", "Morgane Tual" })]
    [InlineData("Ana Pérez y Luis Gómez", new[] { "Ana Pérez", "Luis Gómez" })]
    [InlineData("Finian Cunningham. Sputnik International", new[] { "Finian Cunningham", "Sputnik International" })]
    [InlineData("Troy L. Smith", new[] { "Troy L. Smith" })]
    [InlineData("David Hutzler, dpa", new[] { "David Hutzler" })]
    public void Accepts_person_and_agency_names(string value, string[] expected)
    {
        Assert.Equal(expected, AuthorNames.Parse(value));
    }

    [Theory]
    [InlineData("中方:坚决反对美方恶意封锁打压")]
    [InlineData("中方：坚决反对美方恶意封锁打压")]
    [InlineData("搜索")]
    [InlineData("他说今天天气很好。")]
    [InlineData("这是一个很长的句子而不是任何人的名字")]
    [InlineData("Putin lauds military cooperation with China.")]
    [InlineData("john smith")]
    [InlineData("det/dpa")]
    [InlineData("责任编辑")]
    [InlineData("admin")]
    [InlineData("《环球时报》")]
    [InlineData("By")]
    [InlineData("Von")]
    [InlineData("Por")]
    [InlineData("Redaktion")]
    [InlineData("La Rédaction")]
    [InlineData("编辑部")]
    public void Rejects_what_is_not_a_name(string value)
    {
        Assert.Empty(AuthorNames.Parse(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Gives_no_names_for_an_empty_field(string? value)
    {
        Assert.Empty(AuthorNames.Parse(value));
    }

    [Fact]
    public void One_bad_part_rejects_the_whole_field()
    {
        // "张三 搜索": a name next to a button label means the field was not a name list at all.
        Assert.Empty(AuthorNames.Parse("张三 搜索"));
    }

    [Theory]
    [InlineData("张三", true)]
    [InlineData("新华社", true)]
    [InlineData("张", false)]
    [InlineData("中方:坚决反对", false)]
    [InlineData("佚名", false)]
    [InlineData("Jane O'Neil-Smith", true)]
    [InlineData("Conan O’Brien", true)]
    public void Judges_a_single_name(string name, bool plausible)
    {
        Assert.Equal(plausible, AuthorNames.IsPlausibleName(name));
    }

    [Theory]
    [InlineData("Pamela Anderson", true)]
    [InlineData("Boris T. Kaiser", true)]
    [InlineData("Christoph von Eichhorn", true)]
    [InlineData("Die Tagespost", false)]
    [InlineData("Daily News", false)]
    [InlineData("JUNGE FREIHEIT", false)]
    [InlineData("Madonna", false)]
    public void Tells_a_persons_name_where_nothing_labels_it(string name, bool person)
    {
        Assert.Equal(person, AuthorNames.ReadsAsPerson(name));
    }
}
