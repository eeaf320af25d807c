namespace NewsPortal.Benchmarks;

/// <summary>
/// Deterministic Chinese news prose: clause templates with names, places and topics, between
/// clauses of "content words" drawn from a large generated vocabulary. The templates alone would
/// make every article share most of its 5-character shingles with every other (estimated Jaccard
/// ≈ 0.1 between unrelated items, against ≈ 0.01 between unrelated real articles), which makes the
/// near-duplicate candidate lookups far busier than real news does; the content clauses bring the
/// overlap down to real levels (the benchmark prints the figure it got).
/// </summary>
internal sealed class ChineseNewsText(Random random)
{
    private static readonly string[] People =
    [
        "普京", "张又侠", "王毅", "李强", "拜登", "布林肯", "马克龙", "朔尔茨", "岸田文雄", "尹锡悦", "莫迪", "古特雷斯",
        "赖清德", "侯友宜", "柯文哲", "李家超", "黄循财", "安瓦尔", "佐科", "小马科斯", "泽连斯基", "内塔尼亚胡", "埃尔多安",
        "苏纳克", "特鲁多", "卢拉", "米莱", "冯德莱恩", "斯托尔滕贝格", "耶伦", "秦刚", "董军", "奥斯汀", "沙利文",
    ];

    private static readonly string[] Places =
    [
        "北京", "莫斯科", "华盛顿", "东京", "首尔", "台北", "香港", "新加坡", "布鲁塞尔", "柏林", "巴黎", "伦敦", "日内瓦",
        "纽约", "旧金山", "基辅", "耶路撒冷", "加沙", "德黑兰", "新德里", "雅加达", "马尼拉", "河内", "曼谷", "上海", "广州",
        "深圳", "武汉", "成都", "重庆", "西安", "杭州", "南海", "台湾海峡", "黑海", "红海", "中东", "东南亚", "欧盟总部",
    ];

    private static readonly string[] Organizations =
    [
        "外交部", "国防部", "商务部", "国家统计局", "中国人民银行", "美联储", "欧洲央行", "联合国安理会", "世界卫生组织",
        "国际货币基金组织", "世界银行", "北约", "东盟", "七国集团", "二十国集团", "上海合作组织", "金砖国家", "国务院",
        "全国人大常委会", "中央军委", "白宫", "国会众议院", "国会参议院", "欧盟委员会", "国际原子能机构", "世界贸易组织",
        "证监会", "发改委", "工信部", "交通运输部", "应急管理部", "气象局", "地震台网", "红十字会", "消费者协会",
    ];

    private static readonly string[] Topics =
    [
        "战略安全", "高科技军事合作", "经贸往来", "供应链稳定", "半导体出口管制", "能源转型", "气候变化", "粮食安全",
        "人工智能治理", "数字经济", "房地产市场", "地方政府债务", "青年失业率", "人口老龄化", "医疗改革", "教育公平",
        "新能源汽车", "芯片产业", "关税政策", "汇率波动", "通货膨胀", "利率决议", "股市震荡", "外资准入", "一带一路",
        "台海局势", "南海争端", "俄乌战争", "巴以冲突", "朝鲜半岛无核化", "难民安置", "网络安全", "数据跨境流动",
        "疫情防控", "公共卫生", "极端天气", "防汛抗旱", "文物保护", "体育赛事", "航天探索", "大飞机项目", "乡村振兴",
    ];

    private static readonly string[] Clauses =
    [
        "{P}在{L}会见了到访的{O}代表团", "双方就{T}深入交换了意见", "{O}发言人在例行记者会上表示", "{P}强调{T}是双边关系的重要支柱",
        "分析人士认为这一举动释放了明确信号", "据{O}官方公众号发布的消息", "当地时间{N}日", "{L}方面对此尚未作出回应",
        "外界普遍关注{T}的后续走向", "{P}说这些措施将确保{T}", "有关部门表示将进一步完善相关政策", "此前{O}曾多次就{T}发表声明",
        "专家指出{T}面临的不确定性正在上升", "{L}的多名官员证实了这一消息", "这是{P}今年第{N}次访问{L}", "会谈持续了大约{N}个小时",
        "{O}公布的数据显示{T}相关指标同比增长{N}%", "市场人士预计{T}在短期内仍将承压", "记者在现场看到大批民众聚集",
        "{P}批评{O}在{T}问题上采取双重标准", "{O}随后发表声明予以回应", "双方同意继续保持沟通", "{L}警方已经介入调查",
        "事件造成至少{N}人受伤", "救援工作仍在紧张进行中", "{P}表示愿与各方加强合作", "这一决定引发了广泛争议",
        "反对党议员对此提出质疑", "{O}将于下月召开会议讨论{T}", "有评论认为{T}已进入新的阶段", "舆论对此反应不一",
        "{P}在社交媒体上发文称", "据知情人士透露", "{L}股市当天收跌{N}%", "这一数字创下近{N}年来新高", "官方媒体对此进行了报道",
        "多家外国媒体引述匿名官员的话说", "{O}呼吁有关各方保持克制", "中方对此表示坚决反对", "美方则认为这是正常的防御行为",
        "{P}还谈到了{T}", "双方签署了{N}项合作文件", "与会代表围绕{T}展开讨论", "报告建议加大对{T}的投入",
        "{L}市政府宣布启动应急预案", "气象部门发布了橙色预警", "交通一度陷入瘫痪", "学校和企业暂停运营",
        "{O}表示将密切关注事态发展", "受访民众普遍表示担忧", "业内人士认为政策效果仍有待观察", "{P}的讲话在网络上引发热议",
        "相关视频在社交平台上迅速传播", "截至发稿时", "事件的具体原因仍在调查之中", "这并非{L}首次发生类似事件",
    ];

    private static readonly string[] Bylines = ["记者 张三", "记者 李四", "特约记者 王五", "本台记者", "编辑 赵六", "驻华盛顿记者 陈七", "实习记者 刘八"];

    private static readonly string[] Sections = ["国际", "中国", "台湾", "港澳", "财经", "科技", "军事", "社会", "评论", "体育", "文化", "健康"];

    // Common characters of news copy; words of 2–4 of them stand in for the long tail of names, terms
    // and figures that makes each real article's text its own.
    private const string CommonCharacters =
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府走受今书完效条" +
        "市场企业经济合作发展安全会谈表示记者报道官员政府部门公司银行投资增长下降数据调查事件地区城市警方民众专家学者消息社会舆论网络平台媒体声明协议谈判制裁贸易关税能源军事演习边境海峡外交访问总统总理部长议员选举投票法院判决案件医院疫苗学校学生教师农民工人就业价格房屋土地交通铁路机场航班港口船只天气暴雨地震火灾救援伤亡";

    private static readonly string[] ContentWords = BuildVocabulary(30_000);

    private static string[] BuildVocabulary(int size)
    {
        // Its own seed: the vocabulary is the same whatever seed the items use.
        var r = new Random(20231108);
        return [.. Enumerable.Range(0, size).Select(_ =>
            string.Concat(Enumerable.Range(0, r.Next(2, 5)).Select(_ => CommonCharacters[r.Next(CommonCharacters.Length)])))];
    }

    public string Pick(string[] pool) => pool[random.Next(pool.Length)];

    public string Byline() => Pick(Bylines);

    public string Section() => Pick(Sections);

    /// <summary>A template clause one time in three, else a clause of 3–7 content words.</summary>
    public string Clause()
    {
        if (random.Next(3) != 0)
            return string.Concat(Enumerable.Range(0, random.Next(3, 8)).Select(_ => Pick(ContentWords)));
        return TemplateClause();
    }

    private string TemplateClause()
    {
        var template = Pick(Clauses);
        return template.Replace("{P}", Pick(People)).Replace("{L}", Pick(Places)).Replace("{O}", Pick(Organizations))
            .Replace("{T}", Pick(Topics)).Replace("{N}", random.Next(2, 30).ToString());
    }

    public string Sentence()
    {
        var parts = Enumerable.Range(0, random.Next(2, 5)).Select(_ => Clause());
        var sentence = string.Join("，", parts) + "。";
        return random.Next(8) == 0 ? $"“{sentence}”{Pick(People)}说。" : sentence;
    }

    /// <summary>Mostly a few sentences, now and then a long one: paragraph lengths vary as in real copy.</summary>
    public string Paragraph() => string.Concat(Enumerable.Range(0, random.Next(8) == 0 ? random.Next(5, 9) : random.Next(1, 4)).Select(_ => Sentence()));

    public IReadOnlyList<string> Paragraphs() => [.. Enumerable.Range(0, random.Next(10) == 0 ? random.Next(10, 20) : random.Next(3, 9)).Select(_ => Paragraph())];

    private static readonly string[] Counterparts = [.. People, .. Organizations, .. Places];

    public string Title()
    {
        var head = $"{Pick(People)}{Pick(["会见", "谈", "批评", "访问", "回应", "警告", "呼吁"])}{Pick(Counterparts)}";
        return random.Next(3) == 0 ? head : $"{head}，{Pick(["聚焦", "盛赞", "关注", "力推", "质疑", "讨论"])}{Pick(Topics)}";
    }

    public string Caption() => $"{TemplateClause()}。（{random.Next(2022, 2025)}年{random.Next(1, 13)}月{random.Next(1, 29)}日）";
}
