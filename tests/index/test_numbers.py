"""Tests for qa.numbers: figures in real corpus sentences, units, tolerance rules, properties.

Sentences are copied from corpus/ (the 2023 white paper in the traditional script that cleaning
leaves it in, with the pinyin annotations removed; plan-table rows as index.clean renders them).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.figures import (
    Figure,
    figure_context,
    format_value,
    generic_restatement,
    metric_phrase,
    normalize_unit,
    parse_figures,
    parse_number,
    units_compatible,
    values_match,
)
from qa.intent import unit_for_question

Row = tuple[str, float, str, str, str | None]  # text, value, unit, kind, qualifier


def rows(text: str) -> list[Row]:
    return [(f.text, f.value, f.unit, f.kind, f.qualifier) for f in parse_figures(text)]


def one(text: str) -> Figure:
    figures = [f for f in parse_figures(text) if f.kind not in ("year", "period")]
    assert len(figures) == 1, figures
    return figures[0]


def q(text: str, value: float, unit: str, qualifier: str | None = None) -> Row:
    return (text, value, unit, "quantity", qualifier)


def pct(text: str, value: float, qualifier: str | None = None) -> Row:
    return (text, value, "%", "percent", qualifier)


def year(text: str, value: int) -> Row:
    return (text, value, "年", "year", None)


def period(text: str, value: int) -> Row:
    return (text, value, "年", "period", None)


def rank(text: str, value: int, qualifier: str | None = None) -> Row:
    return (text, value, "位", "rank", qualifier)


def ordinal(text: str, value: int, unit: str = "") -> Row:
    return (text, value, unit, "ordinal", None)


# ---------------------------------------------------------------------------------------------
# Chinese sentences from the white papers, the plan and the news items
# ---------------------------------------------------------------------------------------------

ZH_CASES: list[tuple[str, list[Row]]] = [
    (
        (
            "2024年,全省检察机关持续加大侵犯知识产权犯罪打击力度,批准逮捕侵犯知识产权犯罪案件1265件1854人,"
            "同比分别上升64.29%、68.24%;起诉1779件3192人,同比分别上升61.73%、62.94%。"
        ),
        [
            year("2024年", 2024),
            q("1265件", 1265, "件"),
            q("1854人", 1854, "人"),
            pct("64.29%", 64.29),
            pct("68.24%", 68.24),
            q("1779件", 1779, "件"),
            q("3192人", 3192, "人"),
            pct("61.73%", 61.73),
            pct("62.94%", 62.94),
        ],
    ),
    (
        "查处知识产权案件3945件,案值8250.06万元,移送司法机关167件,持续加大对知识产权侵权行为的惩处力度。",
        [q("3945件", 3945, "件"), q("8250.06万元", 82500600, "元"), q("167件", 167, "件")],
    ),
    (
        (
            "2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%;审结88462件,结收比106.19%,"
            "同比提高2.36%;存案11337件,大幅减少31.17%;"
        ),
        [
            year("2024年", 2024),
            q("83308件", 83308, "件"),
            pct("8.54%", 8.54),
            q("88462件", 88462, "件"),
            pct("106.19%", 106.19),
            pct("2.36%", 2.36),
            q("11337件", 11337, "件"),
            pct("31.17%", 31.17),
        ],
    ),
    ("加大知识产权司法保护力度,全省知识产权民事案件赔偿额达88.5亿元。", [q("88.5亿元", 8850000000, "元")]),
    (
        "持续整治文化市场侵权假冒违法违规经营行为,处理举报投诉2万余件。",
        [q("2万余件", 20000, "件", "more_than")],
    ),
    (
        "累计检查林木种苗、花卉经营企业及繁殖、生产场所200余个。",
        [q("200余个", 200, "个", "more_than")],
    ),
    (
        (
            "2024年全省共核发知识产权领域执法人员证件5036张,已有537家涉知识产权领域执法单位、"
            "2.3万余名执法人员上线应用“粤执法”,在线累计办案2733件。"
        ),
        [
            year("2024年", 2024),
            q("5036张", 5036, "张"),
            q("537家", 537, "家"),
            q("2.3万余名", 23000, "名", "more_than"),
            q("2733件", 2733, "件"),
        ],
    ),
    (
        "2024年,全省共出动执法人员43667人次,检查场所26655家,累计巡查网站5352家,共查办案件370件",
        [
            year("2024年", 2024),
            q("43667人次", 43667, "人次"),
            q("26655家", 26655, "家"),
            q("5352家", 5352, "家"),
            q("370件", 370, "件"),
        ],
    ),
    (
        "2024年,省内海关实际查扣侵权商品14420批次、数量3478万件。",
        [year("2024年", 2024), q("14420批次", 14420, "批次"), q("3478万件", 34780000, "件")],
    ),
    (
        "ODR平台自2021年以来累计办结案件超千件,标的超100亿元,调解率约60%,远超全国仲裁机构办理案件的调解率。",
        [
            year("2021年", 2021),
            q("千件", 1000, "件", "more_than"),
            q("100亿元", 10_000_000_000, "元", "more_than"),
            pct("60%", 60, "about"),
        ],
    ),
    (
        "全省共有知识产权调解组织167个、调解员1360名,共调解知识产权纠纷6100余件。",
        [q("167个", 167, "个"), q("1360名", 1360, "名"), q("6100余件", 6100, "件", "more_than")],
    ),
    (
        "2024年依托各国家级知识产权保护中心和快速维权中心受理专利预审申请5.23万件,知识产权保护维权相关案件1.61万件。",
        [year("2024年", 2024), q("5.23万件", 52300, "件"), q("1.61万件", 16100, "件")],
    ),
    (
        (
            "累计设立6家海外知识产权纠纷应对指导地方分中心,为1000余家企业提供海外纠纷应对指导服务,"
            "举办海外知识产权保护培训宣传活动,惠及企业5000余家次。"
        ),
        [
            q("6家", 6, "家"),
            q("1000余家", 1000, "家", "more_than"),
            q("5000余家次", 5000, "家次", "more_than"),
        ],
    ),
    (
        "全省新增农业植物新品种权申请量486件(累计3467件),获得农业植物新品种授权84件(累计1252件)",
        [q("486件", 486, "件"), q("3467件", 3467, "件"), q("84件", 84, "件"), q("1252件", 1252, "件")],
    ),
    (
        "全省累计1.7万多家企业通过知识产权管理国家标准认证;865家企业开展创新管理知识产权国际标准试点,其中通过认证117家",
        [q("1.7万多家", 17000, "家", "more_than"), q("865家", 865, "家"), q("117家", 117, "家")],
    ),
    (
        "全省8.85万家企业共拥有发明专利68.82万件,占全省专利有效量的87%。",
        [q("8.85万家", 88500, "家"), q("68.82万件", 688200, "件"), pct("87%", 87)],
    ),
    (
        "广东超过170家高校和科研机构盘点专利达9.92万件。全省专利出让和受让超过14.1万次,专利许可和被许可1.9万次",
        [
            q("170家", 170, "家", "more_than"),
            q("9.92万件", 99200, "件"),
            q("14.1万次", 141000, "次", "more_than"),
            q("1.9万次", 19000, "次"),
        ],
    ),
    ("全省高校和科研机构专利产业化率提升至7.76%。", [pct("7.76%", 7.76)]),
    (
        "截至2024年底,全省认定登记技术合同47630项,成交额2845.47亿元,技术交易额2636.10亿元。",
        [
            year("2024年", 2024),
            q("47630项", 47630, "项"),
            q("2845.47亿元", 284547000000, "元"),
            q("2636.10亿元", 263610000000, "元"),
        ],
    ),
    (
        (
            "已汇聚4116名全球高端科技人才为大湾区企业服务,培养技术经纪人超1万名,2390余家企业发布技术需求1763项,"
            "1172项关键技术成果对接转化,实现技术交易额超8亿元"
        ),
        [
            q("4116名", 4116, "名"),
            q("1万名", 10000, "名", "more_than"),
            q("2390余家", 2390, "家", "more_than"),
            q("1763项", 1763, "项"),
            q("1172项", 1172, "项"),
            q("8亿元", 800000000, "元", "more_than"),
        ],
    ),
    (
        (
            "2024年,全省专利商标质押融资额3453.97亿元,同比增长49.74%,位居全国第2,惠及企业5067家,其中中小企业4931家;"
            "新发行知识产权证券化产品25支,规模逾40亿元。"
        ),
        [
            year("2024年", 2024),
            q("3453.97亿元", 345397000000, "元"),
            pct("49.74%", 49.74),
            rank("第2", 2),
            q("5067家", 5067, "家"),
            q("4931家", 4931, "家"),
            q("25支", 25, "支"),
            q("40亿元", 4000000000, "元", "more_than"),
        ],
    ),
    (
        "收集更新1.88亿条全球专利数据、1亿多条主要国家马德里商标数据、2.5万多条地理标志数据、7.8万条集成电路布图设计数据",
        [
            q("1.88亿条", 188000000, "条"),
            q("1亿多条", 100000000, "条", "more_than"),
            q("2.5万多条", 25000, "条", "more_than"),
            q("7.8万条", 78000, "条"),
        ],
    ),
    (
        (
            "全省共建设广州、深圳、珠海、佛山、江门等5个全国商业秘密保护创新试点地区,数量位居全国第一,"
            "累计建设24个“黄金内湾商业秘密保护创新工程”先行区,其他各类保护基地、服务站点900多个。"
        ),
        [q("5个", 5, "个"), rank("第一", 1), q("24个", 24, "个"), q("900多个", 900, "个", "more_than")],
    ),
    (
        "“深圳-香港-广州”科技集群创新指数连续5年位居全球第二。",
        [q("5年", 5, "年"), rank("第二", 2)],
    ),
    (
        "“广东高校科技成果转化中心加速高校专利转化”等2项经验,入选知识产权强国建设第三批典型案例。",
        [q("2项", 2, "项"), ordinal("第三批", 3, "批")],
    ),
    (
        (
            "大力实施《知识产权强国建设纲要(2021—2035年)》《关于强化知识产权保护的意见》"
            "和《“十四五”国家知识产权保护和运用规划》"
        ),
        [period("2021—2035年", 2021)],
    ),
    ("起草共建国际一流湾区知识产权强省2025—2026年工作要点", [period("2025—2026年", 2025)]),
    ("举办“4·26知识产权宣传周”活动,集中开展新闻发布、政策宣讲", []),
    ("省法院连续14年发布《广东法院知识产权司法保护状况》白皮书。", [q("14年", 14, "年")]),
    ("全省法院全年新收涉KTV著作权侵权案件同比下降超三成。", [pct("三成", 30, "more_than")]),
    (
        "2024年全国专利代理师资格考试广东参考考生达7074人,数量居全国首位。",
        [year("2024年", 2024), q("7074人", 7074, "人"), rank("首位", 1)],
    ),
    (
        (
            "累计完成培训96场,培养技术转移人才5776人次。其中2024年2家国家技术转移人才培养基地共开展培训29期,"
            "培养技术转移人才1530人次。"
        ),
        [
            q("96场", 96, "场"),
            q("5776人次", 5776, "人次"),
            year("2024年", 2024),
            q("2家", 2, "家"),
            q("29期", 29, "期"),
            q("1530人次", 1530, "人次"),
        ],
    ),
    (
        "截至2024年12月,全省共有地理标志产品166个,另有经农业农村部门登记的农产品地理标志63个。",
        [year("2024年12月", 2024), q("166个", 166, "个"), q("63个", 63, "个")],
    ),
    ("全省共抽查110家专利代理机构、819家商标代理机构。", [q("110家", 110, "家"), q("819家", 819, "家")]),
    (
        "联合利华公司诉郭某等侵害商标权及不正当竞争纠纷案等3案入选中国外商投资企业协会优质品牌保护委员会十佳案例。",
        [q("3案", 3, "案")],
    ),
    (
        "珠三角9地市召开跨区域知识产权保护工作会议,粤东西北12地市共同签署跨区域知识产权合作框架协议。",
        [q("9地市", 9, "个"), q("12地市", 12, "个")],
    ),
    (
        (
            "高效开展第十五届全国运动会和全国第十二届残疾人运动会暨第九届特殊奥林匹克运动会知识产权保护工作,"
            "高标准完成第135届、第136届中国进出口商品交易会(广交会)"
        ),
        [
            ordinal("第十五届", 15, "届"),
            ordinal("第十二届", 12, "届"),
            ordinal("第九届", 9, "届"),
            ordinal("第135届", 135, "届"),
            ordinal("第136届", 136, "届"),
        ],
    ),
    # The 2023 white paper, in the traditional script cleaning leaves it in.
    (
        "2023年,全省法院新收各類知識產權案件9.1萬件,審結各類知識產權案件9.5萬件,調撤5.3萬件,調撤率為57.4%。",
        [
            year("2023年", 2023),
            q("9.1萬件", 91000, "件"),
            q("9.5萬件", 95000, "件"),
            q("5.3萬件", 53000, "件"),
            pct("57.4%", 57.4),
        ],
    ),
    (
        "2023年全省共立侵犯知識產權犯罪案件1926起,破案1678起,打掉窩點1648個,抓獲犯罪嫌疑人4870名。",
        [
            year("2023年", 2023),
            q("1926起", 1926, "起"),
            q("1678起", 1678, "起"),
            q("1648個", 1648, "个"),
            q("4870名", 4870, "名"),
        ],
    ),
    (
        "全省統一銷毀行動合計銷毀侵權假冒偽劣商品1379.9噸,貨值3.8億元。",
        [q("1379.9噸", 1379.9, "吨"), q("3.8億元", 380000000, "元")],
    ),
    (
        "2023年省內海關實際查扣侵權商品15766批次、數量3314萬件,貨值超人民幣2億元。",
        [
            year("2023年", 2023),
            q("15766批次", 15766, "批次"),
            q("3314萬件", 33140000, "件"),
            q("2億元", 200000000, "元", "more_than"),
        ],
    ),
    (
        "推動277家省級新型研發機構高質量發展,新型研發機構服務企業數達2.3萬家,成果轉化收入達到593.96億元。",
        [q("277家", 277, "家"), q("2.3萬家", 23000, "家"), q("593.96億元", 59396000000, "元")],
    ),
    (
        "收錄全球專利數據達到1.66億條,商標數據9400多萬件。",
        [q("1.66億條", 166000000, "条"), q("9400多萬件", 94000000, "件", "more_than")],
    ),
    (
        "全省保險機構累計通過知識產權保險制度為1830家企業提供知識產權海外侵權責任險143單2.26億元。",
        [q("1830家", 1830, "家"), q("143單", 143, "单"), q("2.26億元", 226000000, "元")],
    ),
    ("發布《經貿摩擦預警信息》240期、共480條。", [q("240期", 240, "期"), q("480條", 480, "条")]),
    ("已收集提供252條海外知識產權信息資訊、提供公益咨詢服務上百次。", [q("252條", 252, "条")]),
    ("舉辦海外知識產權保護培訓、沙龍、研討會等近百場。", [q("百場", 100, "场", "nearly")]),
    (
        "在2022年國家海外知識產權糾紛應對指導中心地方分中心考核中,廣東省3家分中心位列前十,深圳分中心位列第一。",
        [year("2022年", 2022), q("3家", 3, "家"), rank("前十", 10, "at_most"), rank("第一", 1)],
    ),
    (
        "首屆大賽吸引619個項目參賽,其中華僑海歸參賽項目35個",
        [ordinal("首屆", 1, "届"), q("619個", 619, "个"), q("35個", 35, "个")],
    ),
    ("全面落實省委“1310”具體部署,按照省政府工作要求", []),
    (
        "廣東在第二十四屆中國專利獎評選中共獲獎項目282項,其中金獎8項,獲獎總量居全國首位。",
        [ordinal("第二十四屆", 24, "届"), q("282項", 282, "项"), q("8項", 8, "项"), rank("首位", 1)],
    ),
    (
        "實施專利轉化專項行動計劃(2021—2023年),全省21個市均出臺專利轉化專項相關配套政策。",
        [period("2021—2023年", 2021), q("21個", 21, "个")],
    ),
    ("廣州市在全國133個副省級城市及地級市中排名第一位", [q("133個", 133, "个"), rank("第一位", 1)]),
    (
        "2023年全市兩級市場監管部門共辦結專利侵權糾紛案件2282宗,案件數量同比增加11.81%",
        [year("2023年", 2023), q("2282宗", 2282, "宗"), pct("11.81%", 11.81)],
    ),
    (
        "查獲侵權假冒商品4萬余件,涉案物品貨值207萬余元。",
        [q("4萬余件", 40000, "件", "more_than"), q("207萬余元", 2070000, "元", "more_than")],
    ),
    ("簽出全國首張千萬保額知識產權海外侵權責任險保單", []),
    # The 2024 top-ten events item.
    (
        "4月25日,广东省市场监督管理局召开发布会,对外发布2024年度广东知识产权“十大事件”和15项“基层改革创新举措”。",
        [year("2024年", 2024), q("15项", 15, "项")],
    ),
    ("深圳出台河套深圳园区知识产权保护和促进“36条”,打造粤港知识产权合作示范典型", [q("36条", 36, "条")]),
    (
        (
            "据了解,广东省已连续第六年评选并发布年度广东省知识产权“十大事件”“基层改革创新举措”,"
            "本次共收到108件来自全省市场监管系统及知识产权各领域各行业推荐的重要事件和创新型举措,"
            "最终评选出十大事件和十五项创新举措。"
        ),
        [ordinal("第六年", 6, "年"), q("108件", 108, "件"), q("十五项", 15, "项")],
    ),
    ("2025-04-25 17:43", [year("2025-04-25", 2025)]),
    (
        "2024年查办知识产权行政案件1796宗,海关查扣涉嫌侵权货物物品5822批次,破获侵犯知识产权及制售假冒伪劣商品犯罪案件271起",
        [year("2024年", 2024), q("1796宗", 1796, "宗"), q("5822批次", 5822, "批次"), q("271起", 271, "起")],
    ),
    (
        "累计监测海外知识产权纠纷案件1955件,为1968家涉案企业提供“一对一”应对指导,为企业减少损失超21亿美元。",
        [q("1955件", 1955, "件"), q("1968家", 1968, "家"), q("21亿美元", 2100000000, "美元", "more_than")],
    ),
    ("在“十大事件”中,深圳两个案例上榜。", [q("两个", 2, "个")]),
    ("市场监管、公安、海关三部门建立“口岸拦、属地挖、源头治”协同保护机制", [q("三部门", 3, "部门")]),
    ("激活百县千镇万村高质量发展新引擎;“一庭两中心”整体入驻中新广州知识城", []),
    # The provincial plan, after cleaning has rejoined its split numbers and table cells.
    (
        "“十三五”时期,全省行政部门查处各类专利、商标案件4.8万件,连续三年在**知识产权局行政保护工作绩效考核中获全国第一。",
        [q("4.8万件", 48000, "件"), q("三年", 3, "年"), rank("第一", 1)],
    ),
    (
        "“十三五”期间,获中国专利奖845项,其中金奖31项,数量均为全国第一。",
        [q("845项", 845, "项"), q("31项", 31, "项"), rank("第一", 1)],
    ),
    (
        "发行16支知识产权证券化产品,发行规模逾26亿元,均位居全国首位。",
        [q("16支", 16, "支"), q("26亿元", 2600000000, "元", "more_than"), rank("首位", 1)],
    ),
    ("版权产业对国民经济的贡献率超过8.7%。", [pct("8.7%", 8.7, "more_than")]),
    (
        "知识产权服务机构超1万家,就业人数超10万人。",
        [q("1万家", 10000, "家", "more_than"), q("10万人", 100000, "人", "more_than")],
    ),
    ("至2025年,80%以上地市建立知识产权快保护机制。", [year("2025年", 2025), pct("80%", 80, "at_least")]),
    ("与**知识产权局深入实施第三轮知识产权合作会商。", [ordinal("第三轮", 3, "轮")]),
    ("研究加强大数据、人工智能、5G产业等新领域新业态知识产权保护措施。", []),
    ("发明专利有效量 (万件): 目标值 20, 完成值 35.1", [q("20", 200000, "件"), q("35.1", 351000, "件")]),
    ("版权产业对国民经济的贡献率 (%): 目标值 ≥9, 完成值 8.7", [pct("9", 9, "at_least"), pct("8.7", 8.7)]),
    (
        "知识产权质押融资年度金额 (亿元): 目标值 100, 完成值 181.5",
        [q("100", 10_000_000_000, "元"), q("181.5", 18_150_000_000, "元")],
    ),
    (
        "海外发明专利授权量 (万件): 2020年 ———, 2025年 (8) (预期性)",
        [year("2020年", 2020), year("2025年", 2025), q("8", 80000, "件")],
    ),
    (
        "商标**发展指数 (分): 2020年 87.95, 2025年 90 (预期性)",
        [year("2020年", 2020), q("87.95", 87.95, "分"), year("2025年", 2025), q("90", 90, "分")],
    ),
    (
        "知识产权维权援助和调解办案量 (件/年): 2020年 ———, 2025年 ≥3000 (预期性)",
        [year("2020年", 2020), year("2025年", 2025), q("3000", 3000, "件", "at_least")],
    ),
    # 只 / 隻 is no measure word of the documents: goods counted 3478万只 are the documents' 件, and after a number
    # 只 is as often "only" (83308只比上年少了8.54%)
    ("海关查扣侵权商品3478万只", [q("3478万", 34_780_000, "")]),
    ("新收知识产权案件83308只比上年少了8.54%", [q("83308", 83308, ""), pct("8.54%", 8.54)]),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_chinese_corpus_sentences(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


EN_CASES: list[tuple[str, list[Row]]] = [
    (
        (
            "In 2023, customs in Guangdong seized 15,766 batches of infringing goods, with the quantity of "
            "33.14 million items and the value of more than 200 million yuan."
        ),
        [
            year("2023", 2023),
            q("15,766 batches", 15766, "批次"),
            q("33.14 million items", 33140000, "件"),
            q("200 million yuan", 200000000, "元", "more_than"),
        ],
    ),
    (
        (
            "Across the province, 88,500 enterprises collectively hold 688,200 invention patents, accounting for "
            "87% of the province's total valid patents."
        ),
        [q("88,500 enterprises", 88500, "家"), q("688,200 invention patents", 688200, "件"), pct("87%", 87)],
    ),
    (
        (
            "The Guangdong Sub-Administration of the General Administration of Customs of China (GACC) and the "
            "customs of Hong Kong and Macao jointly launched 3 special actions of customs protection of IPR, "
            "with 2,825 batches of 2.2 million items of IPR-infringing goods seized."
        ),
        [q("3", 3, ""), q("2,825 batches", 2825, "批次"), q("2.2 million items", 2200000, "件")],
    ),
    (
        (
            "In 2024, all courts across the province received 83,308 new IPR cases of various types, representing a "
            "year-on-year decrease of 8.54%."
        ),
        [year("2024", 2024), q("83,308 new IPR cases", 83308, "件"), pct("8.54%", 8.54)],
    ),
    (
        "They concluded 88,462 cases, with a clearance-to-receipt ratio of 106.19%, up 2.36% year-on-year.",
        [q("88,462 cases", 88462, "件"), pct("106.19%", 106.19), pct("2.36%", 2.36)],
    ),
    (
        (
            "Efforts were intensified to enhance judicial IPR protection, with damages in civil IPR cases across the "
            "province totaling RMB 8.85 billion."
        ),
        [q("RMB 8.85 billion", 8850000000, "元")],
    ),
    (
        (
            "In 2024, procuratorial organs across the province stepped up efforts to combat IPR infringement crimes, "
            "approving the arrest of 1,854 suspects involved in 1,265 IPR infringement cases, representing "
            "year-on-year increases of 64.29% and 68.24% respectively."
        ),
        [
            year("2024", 2024),
            q("1,854 suspects", 1854, "人"),
            q("1,265 IPR infringement cases", 1265, "件"),
            pct("64.29%", 64.29),
            pct("68.24%", 68.24),
        ],
    ),
    (
        (
            "The legal supervision function was fully leveraged, overseeing the filing of 20 cases (20 individuals) "
            "by public security organs and the withdrawal of 19 cases (31 individuals)."
        ),
        [
            q("20 cases", 20, "件"),
            q("20 individuals", 20, "人"),
            q("19 cases", 19, "件"),
            q("31 individuals", 31, "人"),
        ],
    ),
    (
        (
            "investigated and handled 3,945 IPR-related cases involving a total value of RMB 82.5006 million, and "
            "transferred 167 cases to judicial authorities"
        ),
        [
            q("3,945 IPR-related cases", 3945, "件"),
            q("RMB 82.5006 million", 82500600, "元"),
            q("167 cases", 167, "件"),
        ],
    ),
    (
        (
            "Continuous efforts were made to rectify business practices involving IPR infringement and counterfeiting "
            "in the cultural market, with over 20,000 reports and complaints handled."
        ),
        [q("20,000 reports", 20000, "件", "more_than")],
    ),
    (
        (
            "537 law enforcement authorities in the IPR field and more than 23,000 law enforcement officers across "
            'the province used the "Guangdong Law Enforcement" app, processing a total of 2,733 cases online.'
        ),
        [
            q("537 law enforcement authorities", 537, "家"),
            q("23,000 law enforcement officers", 23000, "人", "more_than"),
            q("2,733 cases", 2733, "件"),
        ],
    ),
    (
        (
            "In 2024, the customs authorities across the province seized 14,420 batches of infringing goods, totaling "
            "34.78 million pieces."
        ),
        [year("2024", 2024), q("14,420 batches", 14420, "批次"), q("34.78 million pieces", 34780000, "件")],
    ),
    (
        (
            "Since 2021, the ODR platform has resolved over 1,000 cases with a total value exceeding RMB 10 billion. "
            "The mediation success rate of the platform is approximately 60%, far exceeding the national average."
        ),
        [
            year("2021", 2021),
            q("1,000 cases", 1000, "件", "more_than"),
            q("RMB 10 billion", 10_000_000_000, "元", "more_than"),
            pct("60%", 60, "about"),
        ],
    ),
    (
        (
            "In 2024, arbitration institutions across the province handled 742 IPR arbitration cases with value of "
            "the subject matter of approximately RMB 1,036 million."
        ),
        [
            year("2024", 2024),
            q("742 IPR arbitration cases", 742, "件"),
            q("RMB 1,036 million", 1036000000, "元", "about"),
        ],
    ),
    (
        (
            "The province is home to 167 mediation organizations for IPR disputes with 1,360 mediators, handling "
            "over 6,100 IPR cases in 2024."
        ),
        [
            q("167 mediation organizations", 167, "家"),
            q("1,360 mediators", 1360, "人"),
            q("6,100 IPR cases", 6100, "件", "more_than"),
            year("2024", 2024),
        ],
    ),
    (
        (
            "Across the province, 15 national-level IPR protection centers and rapid IPR protection centers have "
            "been set up, which accepted 52,300 pre-examination applications and 16,100 IPR protection cases "
            "throughout the year."
        ),
        [
            q("15 national-level IPR protection centers", 15, "家"),
            q("52,300 pre-examination applications", 52300, "件"),
            q("16,100 IPR protection cases", 16100, "件"),
        ],
    ),
    (
        (
            "Six local sub-centers for guiding the response to overseas IPR disputes have been established, which "
            "provide guidance services to over 1,000 enterprises."
        ),
        [q("Six local sub-centers", 6, "家"), q("1,000 enterprises", 1000, "家", "more_than")],
    ),
    (
        (
            "Twenty IPR collaborative operation centers for strategic industrial clusters were established, and 54 "
            "patent-specific databases were built to promote collaborative industrial innovation."
        ),
        [
            q("Twenty IPR collaborative operation centers", 20, "家"),
            q("54 patent-specific databases", 54, "个"),
        ],
    ),
    (
        (
            "9 national-level patent navigation service bases and 3 national patent navigation project support "
            "service institutions were approved to be established in the province."
        ),
        [
            q("9 national-level patent navigation service bases", 9, "个"),
            q("3 national patent navigation project support service institutions", 3, "家"),
        ],
    ),
    (
        (
            "The province built 5 national pilot areas for innovative trade secret protection, including Guangzhou, "
            "Shenzhen, Zhuhai, Foshan, and Jiangmen, ranking first in China by the number of pilot areas."
        ),
        [q("5 national pilot areas", 5, "个"), rank("first", 1)],
    ),
    (
        (
            "Notably, the Shenzhen-Hong Kong-Guangzhou Technology Cluster has been ranked second in the global "
            "innovation index for five consecutive years."
        ),
        [rank("second", 2), q("five consecutive years", 5, "年")],
    ),
    (
        "were listed as exemplary cases in the third batch of typical cases for building a nation strong in IPR.",
        [ordinal("third", 3, "批")],
    ),
    (
        (
            "In 2024, a total of 43,667 law enforcement officers were deployed across the province to inspect "
            "26,655 venues and monitor 5,352 websites, with 370 cases investigated and handled."
        ),
        [
            year("2024", 2024),
            q("43,667 law enforcement officers", 43667, "人"),
            q("26,655", 26655, ""),
            q("5,352", 5352, ""),
            q("370 cases", 370, "件"),
        ],
    ),
    (
        (
            "In 2024, in Guangdong Province, the number of patents granted was 692,600, of which 168,800 were "
            "invention patents; applications for PCT international patents were 23,400."
        ),
        [year("2024", 2024), q("692,600", 692600, ""), q("168,800", 168800, ""), q("23,400", 23400, "")],
    ),
    (
        "the number of valid trademark registrations was 9,064,600, all ranking first in the country.",
        [q("9,064,600", 9064600, ""), rank("first", 1)],
    ),
    (
        (
            "Four cases of Guangdong were included in the 2022 Top 10 IPR Protection Cases and Top 50 Typical Cases "
            "of IPR Protection from Courts."
        ),
        [q("Four cases", 4, "件"), year("2022", 2022)],
    ),
    (
        (
            "62 intellectual property cases in the province were subject to punitive damages, with the highest "
            "awarded damages of 317 million yuan."
        ),
        [q("62 intellectual property cases", 62, "件"), q("317 million yuan", 317000000, "元")],
    ),
    (
        (
            "in which the province destroyed 1,379.9 tons of infringing, counterfeit and shoddy goods with a value of "
            "380 million yuan."
        ),
        [q("1,379.9 tons", 1379.9, "吨"), q("380 million yuan", 380000000, "元")],
    ),
    (
        (
            "In 2023, 1,926 cases of IPR infringement were filed, 1,678 cases were solved, 1,648 criminal dens were "
            "destroyed, and 4,870 criminal suspects were arrested in the province."
        ),
        [
            year("2023", 2023),
            q("1,926 cases", 1926, "件"),
            q("1,678 cases", 1678, "件"),
            q("1,648", 1648, ""),
            q("4,870 criminal suspects", 4870, "人"),
        ],
    ),
    (
        (
            "The province contributed 1 case to the second batch of Typical Cases of Construction of an "
            "Intellectual Property Power Country."
        ),
        [q("1 case", 1, "件"), ordinal("second", 2, "批")],
    ),
    (
        "fully implemented the “1310” Development Scheme proposed by the CPC Guangdong Provincial Committee",
        [],
    ),
    (
        (
            "the Outline for Building an Intellectual Property Powerhouse (2021-2035), China, and the National Plan "
            "for Protection and Application of IPRfor the 14th Five-Year Plan Period."
        ),
        [period("2021-2035", 2021), ordinal("14th", 14)],
    ),
    (
        (
            "Four IPR civil judgments were recognized as outstanding in the 6th and 7th National Top 100 Judicial "
            "Documents competitions."
        ),
        [q("Four IPR civil judgments", 4, "篇"), ordinal("6th", 6), ordinal("7th", 7)],
    ),
    (
        (
            "Guangdong-Hong Kong-Macao Greater Bay Area Sub-forum was held in Hong Kong for the first time, "
            "providing a one-stop service platform."
        ),
        [],
    ),
    ("Customs staff can be reached at 0751-8203663 or yb8203663@163.com; 5G networks.", []),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english_corpus_sentences(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


FORM_CASES: list[tuple[str, list[Row]]] = [
    # Scales and numerals
    ("4.78万件", [q("4.78万件", 47800, "件")]),
    ("593.96亿元", [q("593.96亿元", 59396000000, "元")]),
    ("一千二百人", [q("一千二百人", 1200, "人")]),
    ("两万件", [q("两万件", 20000, "件")]),
    ("十五项", [q("十五项", 15, "项")]),
    ("三个", [q("三个", 3, "个")]),
    ("一百零八件", [q("一百零八件", 108, "件")]),
    ("一百多万元", [q("一百多万元", 1000000, "元", "more_than")]),
    ("二十多家", [q("二十多家", 20, "家", "more_than")]),
    ("三点八亿元", [q("三点八亿元", 380000000, "元")]),
    ("１２３件", [q("１２３件", 123, "件")]),
    ("４．７８万件", [q("４．７８万件", 47800, "件")]),
    ("14,200件", [q("14,200件", 14200, "件")]),
    ("1.5 billion", [q("1.5 billion", 1500000000, "")]),
    ("2.5 thousand items", [q("2.5 thousand items", 2500, "件")]),
    ("USD 3 million", [q("USD 3 million", 3000000, "美元")]),
    ("5 million US dollars", [q("5 million US dollars", 5000000, "美元")]),
    ("12 person-times", [q("12 person-times", 12, "人次")]),
    ("7 items of cooperation", [q("7 items of cooperation", 7, "项")]),
    ("three cases", [q("three cases", 3, "件")]),
    ("twelve suspects", [q("twelve suspects", 12, "人")]),
    ("two hundred and five cases", [q("two hundred and five cases", 205, "件")]),
    ("twenty-one enterprises", [q("twenty-one enterprises", 21, "家")]),
    # a count of a noun no unit names is a figure with no unit, as "3 law enforcement actions" is
    ("held five joint IP enforcement actions", [q("five", 5, "")]),
    ("seven ministries and commissions", [q("seven", 7, "")]),
    # Percentages
    ("31.17%", [pct("31.17%", 31.17)]),
    ("百分之十二点五", [pct("百分之十二点五", 12.5)]),
    ("百分之30", [pct("百分之30", 30)]),
    ("8.7 percent", [pct("8.7 percent", 8.7)]),
    ("8.7 per cent", [pct("8.7 per cent", 8.7)]),
    ("８７％", [pct("８７％", 87)]),
    ("提高2.36个百分点", [("2.36个百分点", 2.36, "百分点", "percent", None)]),
    ("up 1.5 percentage points", [("1.5 percentage points", 1.5, "百分点", "percent", None)]),
    # Qualifiers
    ("约5万件", [q("5万件", 50000, "件", "about")]),
    ("近5万件", [q("5万件", 50000, "件", "nearly")]),
    ("不足100人", [q("100人", 100, "人", "less_than")]),
    ("不少于30家", [q("30家", 30, "家", "at_least")]),
    ("100人左右", [q("100人", 100, "人", "about")]),
    ("达88.5亿元", [q("88.5亿元", 8850000000, "元")]),
    ("nearly 300 cases", [q("300 cases", 300, "件", "nearly")]),
    ("about 5 cases", [q("5 cases", 5, "件", "about")]),
    ("around 1,000 enterprises", [q("1,000 enterprises", 1000, "家", "about")]),
    ("at least 5 cases", [q("5 cases", 5, "件", "at_least")]),
    ("less than 3 cases", [q("3 cases", 3, "件", "less_than")]),
    ("up to 10 cases", [q("10 cases", 10, "件", "at_most")]),
    ("no more than 10 cases", [q("10 cases", 10, "件", "at_most")]),
    ("100 cases or more", [q("100 cases", 100, "件", "at_least")]),
    # Ranks and ordinals
    ("位居全国第一", [rank("第一", 1)]),
    ("居全国首位", [rank("首位", 1)]),
    ("全国第二位", [rank("第二位", 2)]),
    ("the city ranked third", [rank("third", 3)]),
    ("second in the world", [rank("second", 2)]),
    ("ranking 5th in the country", [rank("5th", 5)]),
    ("ranked No. 1 nationwide", [rank("No. 1", 1)]),
    ("第一批", [ordinal("第一批", 1, "批")]),
    ("首批", [ordinal("首批", 1, "批")]),
    ("第一章 总体要求", [ordinal("第一章", 1, "章")]),
    ("从中立第三方和行政机关辅助人两个层面", [q("两个", 2, "个")]),
    # Years, dates and periods are never quantities
    ("2023年", [year("2023年", 2023)]),
    ("in 2023", [year("2023", 2023)]),
    ("2024-05-17", [year("2024-05-17", 2024)]),
    ("2024年5月17日", [year("2024年5月17日", 2024)]),
    ("二〇二三年", [year("二〇二三年", 2023)]),
    ("2023-2027", [period("2023-2027", 2023)]),
    ("(2024—2026年)", [period("2024—2026年", 2024)]),
    ("2022、2023两个年度", [year("2022", 2022), year("2023", 2023), q("两个", 2, "个")]),
    ("2021年至2023年", [period("2021年至2023年", 2021)]),
    ("2024年-2026年工作要点", [period("2024年-2026年", 2024)]),
    ("from 2021 to 2023", [period("2021 to 2023", 2021)]),
    ("RMB 1.5bn", [q("RMB 1.5bn", 1500000000, "元")]),
    ("货值2亿人民币", [q("2亿人民币", 200000000, "元")]),
    ("approximately RMB1,036 million", [q("RMB1,036 million", 1036000000, "元", "about")]),
    ("超200 million yuan", [q("200 million yuan", 200000000, "元", "more_than")]),
    ("三万五千元", [q("三万五千元", 35000, "元")]),
    ("三万五元", []),  # colloquial 三万五 (35,000? 30,005?) is refused, not guessed
    ("“十四五”", []),
    ("“十三五”期间", []),
    ("G20峰会与PM2.5监测", []),
    ("4月25日", []),
    ("16:38:00", []),
    ("on May 17, 2024", [year("2024", 2024)]),
    # a bare year-like number after an English bound word counts nothing: "over 2024" is the year
    ("wrapped up 88,462 disputes over 2024.", [q("88,462 disputes", 88462, "件"), year("2024", 2024)]),
    ("about 2024, the courts", [year("2024", 2024)]),
    ("over 2024 cases", [q("2024 cases", 2024, "件", "more_than")]),
    ("约2024件", [q("2024件", 2024, "件", "about")]),
    # a count of 2000 with a bound word after it or before a clause that goes on stays a count
    ("审结案件2000余,", [q("2000余", 2000, "", "more_than")]),
    ("Of the new cases, over 2000 were patent disputes.", [q("2000", 2000, "", "more_than")]),
    ("Courts closed more than 2000 of them in 2024.", [q("2000", 2000, "", "more_than"), year("2024", 2024)]),
    ("on 26 April the week opened", []),
    ("3-5年", []),
    ("3至5年", []),
    # Codes, labels and idioms with digits or numerals
    ("“1310”", []),
    ("4·26", []),
    ("“1+N”与“N+4+2”", []),
    ("沐溪大道168号", []),
    ("每万人口", []),
    ("数十家知名企业", []),
    ("实施“千人”计划", []),
    ("形成一批改革创新经验", []),
    ("2022年度全国法院10大知识产权案件", [year("2022年", 2022)]),
    ("top 10 cases", []),
    ("top ten events", []),
    ("“two preventions and one obstruction”", []),
    ("one of the cities", []),
    ("one joint action", []),
    ("two thirds of the cases", [pct("two thirds", 66.667, "about")]),
    ("learn from one another's rules", []),
    ("(1)", []),
]


@pytest.mark.parametrize(("text", "expected"), FORM_CASES)
def test_number_forms(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_offsets_point_into_the_caller_text() -> None:
    text = "2023年省內海關實際查扣侵權商品15766批次、數量3314萬件,貨值超人民幣2億元。"
    for fig in parse_figures(text):
        assert text[fig.start : fig.end] == fig.text


def test_traditional_and_simplified_parse_alike() -> None:
    simplified = "为1830家企业提供知识产权海外侵权责任险143单2.26亿元,累计达到593.96亿元"
    traditional = "為1830家企業提供知識產權海外侵權責任險143單2.26億元,累計達到593.96億元"
    assert [(f.value, f.unit, f.start) for f in parse_figures(simplified)] == [
        (f.value, f.unit, f.start) for f in parse_figures(traditional)
    ]


# ---------------------------------------------------------------------------------------------
# parse_number, format_value
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.78万", 47800),
        ("8250.06万", 82500600),
        ("47,800", 47800),
        ("33.14 million", 33140000),
        ("1.5 billion", 1500000000),
        ("三千", 3000),
        ("一千二百", 1200),
        ("两万", 20000),
        ("十五", 15),
        ("一", 1),
        ("百分之十二点五", 12.5),
        ("三成", 30),
        ("8.7%", 8.7),
        ("8.7 percent", 8.7),
        ("１２３", 123),
        ("twenty", 20),
        ("two hundred and five", 205),
        ("1亿多", 100000000),
        ("more than 200 million yuan", 200000000),
        ("超过170家", 170),
        ("2023", 2023),
        ("1310", 1310),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "十三五", "一千二", "3 and 4", "1265件1854人", "2021—2035年 2023年"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (47800, "件", "47,800"),
        (82500600, "元", "82,500,600"),
        (59396000000, "元", "59,396,000,000"),
        (31.17, "%", "31.17%"),
        (1379.9, "吨", "1,379.9"),
        (0.1 + 0.2, "", "0.3"),
        (7, "", "7"),
        (0, "件", "0"),
    ],
)
def test_format_value(value: float, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown


# ---------------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("件", "件"),
        ("億元", "元"),
        ("亿元", "元"),
        ("万元", "元"),
        ("萬人次", "人次"),
        ("個", "个"),
        ("項", "项"),
        ("噸", "吨"),
        ("个百分点", "百分点"),
        ("千克", "公斤"),
        ("％", "%"),
        ("cases", "件"),
        ("case", "件"),
        ("items", "件"),
        ("pieces", "件"),
        ("batches", "批次"),
        ("yuan", "元"),
        ("RMB", "元"),
        ("CNY", "元"),
        ("人民币", "元"),
        ("US dollars", "美元"),
        ("USD", "美元"),
        ("people", "人"),
        ("persons", "人"),
        ("individuals", "人"),
        ("suspects", "人"),
        ("person-times", "人次"),
        ("person times", "人次"),
        ("enterprises", "家"),
        ("companies", "家"),
        ("institutions", "家"),
        ("universities", "所"),
        ("times", "次"),
        ("projects", "项"),
        ("items of cooperation", "项"),
        ("percent", "%"),
        ("per cent", "%"),
        ("percentage points", "百分点"),
        ("tons", "吨"),
        ("位", "位"),
        ("widgets", ""),
        ("亿", ""),
        ("", ""),
    ],
)
def test_normalize_unit(word: str, unit: str) -> None:
    assert normalize_unit(word) == unit


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("件", "件", True),
        ("件", "宗", True),
        ("宗", "起", True),
        ("起", "案", True),
        ("cases", "宗", True),
        ("人", "名", True),
        ("suspects", "名", True),
        ("家", "个", True),
        ("家", "所", True),
        ("批次", "批", True),
        ("batches", "批次", True),
        ("元", "亿元", True),
        ("元", "美元", False),
        ("yuan", "US dollars", False),
        ("人", "人次", False),
        ("件", "人", False),
        ("%", "百分点", False),
        ("%", "件", False),
        ("", "件", True),
        ("元", "", True),
        ("", "", True),
    ],
)
def test_units_compatible(a: str, b: str, ok: bool) -> None:
    assert units_compatible(a, b) is ok
    assert units_compatible(b, a) is ok


CASES = {"件", "宗", "起", "案"}
PEOPLE = {"人", "名"}
ORGS = {"家", "个", "所"}
MONEY = {"元", "美元"}


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("2024年全省法院新收知识产权案件多少件？", CASES),
        ("2023年全省共立侵犯知识产权犯罪案件多少起？", CASES),
        ("一共查办了几宗案件", CASES),
        ("2024年全省检察机关批准逮捕多少人？", PEOPLE),
        ("抓获犯罪嫌疑人多少名", PEOPLE),
        ("参考考生人数是多少", PEOPLE),
        ("全省共出动执法人员多少人次？", {"人次"}),
        ("广东有多少家国家知识产权优势示范企业", ORGS),
        # 个 is the all-purpose classifier: the noun it counts decides
        ("2023年广东公安抓了多少个侵犯知识产权的犯罪嫌疑人?", PEOPLE),
        ("广东一共拿了多少个奖项?", {"项"}),
        ("封停了多少个涉假微信号?", ORGS),
        ("省内海关查扣侵权商品多少批次？", {"批次", "批"}),
        ("销毁侵权假冒伪劣商品多少吨", {"吨"}),
        ("提高了几个百分点", {"百分点"}),
        ("案值是多少钱", MONEY),
        ("知识产权质押融资金额是多少", MONEY),
        ("民事案件赔偿额达到多少亿元", {"元"}),  # the question names the currency
        ("调撤率是多少", {"%"}),
        ("发明专利有效量占全省专利有效量的比例是多少", {"%"}),
        ("广州在全国排名第几", {"位"}),
        ("How many IPR cases did courts conclude in 2024?", CASES),
        ("how many people were arrested", PEOPLE),
        ("How many suspects were prosecuted?", PEOPLE),
        # a singular unit noun that modifies the head is not the head
        ("How many licensed patent attorneys were practising in 2023?", PEOPLE),
        ("How many patent examination centres does Guangdong have?", ORGS),
        ("How many patent applications were filed?", CASES),
        ("how many batches of infringing goods were seized", {"批次", "批"}),
        ("How many national IPR demonstration enterprises are there?", ORGS),
        ("how much money was involved", MONEY),
        ("What was the total amount in dispute in the IP arbitration cases?", MONEY),
        ("What is the total insured amount of the overseas IP risk cover?", MONEY),
        ("What was the total compensation awarded in IP civil suits in 2024?", MONEY),
        ("How many compensation cases were heard?", CASES),  # names what is counted
        ("How many punitive damages cases were there?", CASES),  # a plural modifier of "cases"
        ("How much IP pledge financing did Guangdong register in total?", MONEY),
        ("How much did patent grants grow?", {"%"}),  # a change: its rate (qa.intent.asks_change)
        ("What was the provincial budget for IP work?", MONEY),
        ("广东省级新型研发机构的成果转化收入有多少?", MONEY),
        ("What was the total licensing fee of the open-licence deals?", MONEY),
        ("How many fee waivers were granted?", None),  # counts waivers
        ("What was the total issuance size of the securitization products?", MONEY),
        ("What was the value of the seized goods?", MONEY),
        ("What rate of mediation did the ODR platform achieve?", {"%"}),
        ("What percentage of patents do enterprises hold?", {"%"}),
        ("What share of the national total is Guangdong's?", {"%"}),
        # a ratio of two counts asks a percent ("A与B之比", "比值"), not either count
        ("2024年广东各级法院办完的知产案子与新进来的案子之比是多少?", {"%"}),
        ("审结与新收案件的比值是多少?", {"%"}),
        ("What rank did Guangzhou get?", {"位"}),
        ("高价值发明专利拥有量是多少", None),
        ("How many high-value invention patents are there?", CASES),
        # coordinated modifiers before the head noun
        ("How many high-value patent cultivation and layout centers did Guangdong build?", ORGS),
        ("How many patent and trademark cases did they handle?", CASES),
        # "overseas" ends in -s but is no plural head noun
        ("How many overseas IP dispute cases has Shenzhen monitored?", CASES),
        ("What happened in 2023?", None),
        ("广东知识产权保护状况如何", None),
    ],
)
def test_unit_for_question(question: str, units: set[str] | None) -> None:
    assert unit_for_question(question) == units


# ---------------------------------------------------------------------------------------------
# values_match: the tolerance rules
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claimed", "found", "ok"),
    [
        # exact, across scripts, scales and languages
        ("47,800件", "4.78万件", True),
        ("88.5亿元", "RMB 8.85 billion", True),
        ("RMB 82.5006 million", "8250.06万元", True),
        ("approximately RMB 1,036 million", "10.36亿元", True),
        ("33.14 million items", "3314万件", True),
        ("34.78 million pieces", "3478万件", True),
        ("15,766 batches", "15766批次", True),
        ("1,265 cases", "1265宗", True),
        ("1,854 suspects", "1854人", True),
        ("1,000 cases", "1,004 cases", True),  # within 0.5%
        ("1,000 cases", "1,006 cases", False),
        # as precise as the source: a changed digit is a changed figure, though within 0.5%
        ("1845人", "1854人", False),
        ("1,854 suspects", "1,845 suspects", False),
        ("47,830件", "4.78万件", True),  # the source rounded
        ("83,308件", "8.33万件", True),
        # rounding to the claim's stated precision
        ("4.8万件", "4.78万件", True),
        ("4.7万件", "4.78万件", False),
        ("31.2%", "31.17%", True),
        ("31%", "31.17%", True),
        ("32%", "31.17%", False),
        ("47,800件", "47,830件", True),
        ("47,800件", "48,100件", False),
        ("5万件", "4.78万件", False),  # one significant digit: no rounding leeway
        ("2亿元", "2.4亿元", False),
        # approximate claims
        ("约5万件", "4.78万件", True),
        ("about 50,000 cases", "4.78万件", True),
        ("约5万件", "4.7万件", False),
        ("近5万件", "4.78万件", True),
        ("近4.5万件", "4.78万件", False),
        ("about 60%", "约60%", True),
        # lower bounds
        ("more than 200 million yuan", "超人民币2亿元", True),
        ("more than 200 million yuan", "3.8亿元", True),
        ("more than 200 million yuan", "1.5亿元", False),
        ("more than 20,000 reports", "2万件", False),
        ("over 20,000 reports", "2万余件", True),
        ("超1.5亿元", "超2亿元", True),
        # a bound is stated near what it bounds: one a tenth of the source's is a scale error
        ("超过2.1亿美元", "超21亿美元", False),
        ("超1亿元", "超2亿元", False),
        ("more than 1,000 cases", "2,500 cases", False),
        ("less than 100 people", "30人", False),
        ("超0件", "超0件", True),  # a bound of zero has no "near" (found by the property test)
        ("more than 300 million yuan", "超2亿元", False),
        ("at least 80%", "80%以上", True),
        ("at least 80%", "80%", True),
        ("at least 80%", "79%", False),
        # a claim that drops the source's hedge still matches the number
        ("2亿元", "超2亿元", True),
        ("20,000 reports", "2万余件", True),
        ("3亿元", "超2亿元", False),
        # upper bounds
        ("less than 100 people", "不足100人", True),
        ("less than 100 people", "90人", True),
        ("less than 100 people", "120人", False),
        ("up to 10 cases", "8件", True),
        ("up to 10 cases", "10件", True),
        ("more than 10 cases", "不足100件", False),
        # kinds and units must agree
        ("15,766 cases", "15766批次", False),
        ("200 million US dollars", "2亿元", False),
        ("64.29%", "64.29件", False),
        ("2,023 cases", "2023年", False),
        ("2023年", "in 2023", True),
        ("ranked first", "居全国首位", True),
        ("ranked second", "居全国首位", False),
        ("第三批", "the third batch", True),
        # "just over" / 出头: a little more, to the next step of the last stated digit
        ("14万件出头", "14.3万件", True),
        ("14万件出头", "16.88万件", False),
        ("14万件出头", "13.9万件", False),
        ("1万件出头", "1.08万件", True),
        ("just over 83,000 cases", "83,308 cases", True),
        ("just over 83,000 cases", "84,100 cases", False),
        ("just over 200 cases", "260 cases", False),  # a one-digit number: under half its digit step more
        ("7万件出头", "83308件", False),
        ("十亿出头", "10.36亿", True),
    ],
)
def test_values_match(claimed: str, found: str, ok: bool) -> None:
    assert values_match(one_any(claimed), one_any(found)) is ok


def one_any(text: str) -> Figure:
    figures = parse_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


def test_values_match_rel_tol_is_adjustable() -> None:
    claimed, found = one("1,000 cases"), one("1,004 cases")
    assert values_match(claimed, found)
    assert not values_match(claimed, found, rel_tol=0.001)


# ---------------------------------------------------------------------------------------------
# What a figure measures
# ---------------------------------------------------------------------------------------------

PROCURATORATE = (
    "2024年,全省检察机关持续加大侵犯知识产权犯罪打击力度,批准逮捕侵犯知识产权犯罪案件1265件1854人,"
    "同比分别上升64.29%、68.24%;起诉1779件3192人"
)
ADMIN = "查处知识产权案件3945件,案值8250.06万元,移送司法机关167件,持续加大对知识产权侵权行为的惩处力度。"
CUSTOMS_EN = (
    "In 2023, customs in Guangdong seized 15,766 batches of infringing goods, with the quantity of 33.14 million "
    "items and the value of more than 200 million yuan. The Guangdong Sub-Administration jointly launched 3 "
    "special actions, with 2,825 batches of 2.2 million items of IPR-infringing goods seized."
)
PLANT_VARIETIES_EN = (
    "In the year, the number of new applications for new varieties of agricultural plants was 486 (totaled up to "
    "3,467 applications) in the province, and 84 (totaled up to 1,252) new varieties of agricultural plants and 87 "
    "(totaled up to 380) of new varieties of forestry plants were newly granted."
)
ARREST_EN = (
    "approving the arrest of 1,854 suspects involved in 1,265 IPR infringement cases, representing year-on-year "
    "increases of 64.29% and 68.24% respectively."
)
PILOTS = (
    "全省共建设广州、深圳、珠海、佛山、江门等5个全国商业秘密保护创新试点地区,数量位居全国第一,"
    "累计建设24个“黄金内湾商业秘密保护创新工程”先行区,其他各类保护基地、服务站点900多个。"
)
CUSTOMS_ZH_TRAD = "2023年省內海關實際查扣侵權商品15766批次、數量3314萬件,貨值超人民幣2億元。"
ODR = "ODR平台自2021年以来累计办结案件超千件,标的超100亿元,调解率约60%"
CASES_2023 = "4件案例入選2022年度全國法院10大知識產權案件和50件知識產權典型案例,3件案例入選最高人民法院2023年指導性案例。"


COURTS = "2024年,全省法院新收各类知识产权案件83308件,同比减少8.54%,审结88462件。"
PROSECUTION_EN = "They initiated prosecutions against 3,192 suspects in 1,779 cases, marking year-on-year increases of 61.12%."
POLICE_EN = ("1,926 cases were solved, with the solution rate rising by 10.12% and 2,653 suspects were transferred "
             "for prosecution.")


def figure_in(text: str, figure_text: str) -> Figure:
    matches = [f for f in parse_figures(text) if f.text == figure_text]
    assert len(matches) == 1, (figure_text, parse_figures(text))
    return matches[0]


@pytest.mark.parametrize(
    ("text", "figure_text", "phrase"),
    [
        (PROCURATORATE, "1265件", "批准逮捕侵犯知识产权犯罪案件"),
        (PROCURATORATE, "1854人", "批准逮捕侵犯知识产权犯罪案件"),
        # a bare change and a bare action count what the earlier figure of the sentence counts
        (PROCURATORATE, "64.29%", "批准逮捕侵犯知识产权犯罪案件 | 同比分别上升"),
        (PROCURATORATE, "68.24%", "批准逮捕侵犯知识产权犯罪案件 | 同比分别上升"),
        (PROCURATORATE, "1779件", "批准逮捕侵犯知识产权犯罪案件 | 起诉"),
        (PROCURATORATE, "3192人", "批准逮捕侵犯知识产权犯罪案件 | 起诉"),
        (COURTS, "88462件", "全省法院新收各类知识产权案件 | 审结"),
        (COURTS, "8.54%", "全省法院新收各类知识产权案件 | 同比减少"),
        (ADMIN, "3945件", "查处知识产权案件"),
        (ADMIN, "8250.06万元", "案值"),
        (ADMIN, "167件", "移送司法机关"),
        (CUSTOMS_EN, "15,766 batches", "customs in Guangdong seized ... batches of infringing goods"),
        (CUSTOMS_EN, "33.14 million items", "the quantity of ... items"),
        (CUSTOMS_EN, "200 million yuan", "the value of ... yuan"),
        (CUSTOMS_EN, "2.2 million items", "items of IPR-infringing goods seized"),
        (ARREST_EN, "1,854 suspects", "approving the arrest of ... suspects involved"),
        # a figure introduced by a bare preposition counts within the earlier figure's clause
        (ARREST_EN, "1,265 IPR infringement cases", "approving the arrest of ... suspects involved ... IPR infringement cases"),
        (PROSECUTION_EN, "1,779 cases", "They initiated prosecutions against ... suspects ... cases"),
        # a passive verb after the figure says itself what it counts: no inheritance
        (POLICE_EN, "2,653 suspects", "suspects were transferred for prosecution"),
        # an English figure listed with "and" takes the list's verb but names its own noun
        ("which accepted 52,300 pre-examination applications and 16,100 IPR protection cases.",
         "16,100 IPR protection cases", "accepted ... IPR protection cases"),
        ("Customs seized 5,822 batches and 33.14 million items of infringing goods.", "33.14 million items",
         "Customs seized ... items of infringing goods"),
        ("In 2024, the courts received 83,308 new IPR cases and concluded 88,462.", "88,462", "concluded"),
        (ARREST_EN, "68.24%", "representing year-on-year increases of"),
        (PILOTS, "24个", "累计建设 ... 黄金内湾商业秘密保护创新工程先行区"),
        (PILOTS, "900多个", "服务站点"),
        (PILOTS, "第一", "数量位居全国"),
        # 數量 listed after a count in another unit is a count of the same seized goods
        (CUSTOMS_ZH_TRAD, "3314萬件", "2023年省內海關實際查扣侵權商品 ... 數量"),
        (CUSTOMS_ZH_TRAD, "2億元", "貨值"),
        (ODR, "100亿元", "标的"),
        (ODR, "60%", "调解率"),
        (CASES_2023, "3件", "案例入選最高人民法院2023年指導性案例"),
        # a short bracketed alias before the figure is no clause of its own: the words before it count
        ("全省地市级知识产权公共服务节点21家、技术与创新支持中心(TISC)13家、高校国家知识产权信息服务中心6家。",
         "13家", "技术与创新支持中心(TISC)"),
        ("全省技术与创新支持中心（TISC）13家。", "13家", "全省技术与创新支持中心（TISC）"),
        # a place or a trade in brackets ends its list item as before
        ("建设国家技术转移中心、国家技术转移南方中心(深圳)两家", "两家", ""),
        # an English figure after "and" with a bracketed aside of its own: its noun follows the bracket
        (PLANT_VARIETIES_EN, "84", "new varieties of agricultural plants"),
        (PLANT_VARIETIES_EN, "87", "of new varieties of forestry plants"),
        (PLANT_VARIETIES_EN, "486", "the number of new applications for new varieties of agricultural plants"),
    ],
)
def test_metric_phrase(text: str, figure_text: str, phrase: str) -> None:
    assert metric_phrase(text, figure_in(text, figure_text)) == phrase


@pytest.mark.parametrize(
    ("text", "figure_text", "clause"),
    [
        (PROCURATORATE, "1265件", "批准逮捕侵犯知识产权犯罪案件1265件1854人"),
        (PROCURATORATE, "68.24%", "68.24%"),
        (ADMIN, "8250.06万元", "案值8250.06万元"),
        (
            CUSTOMS_EN,
            "33.14 million items",
            "with the quantity of 33.14 million items and the value of more than 200 million yuan",
        ),
        (CUSTOMS_EN, "15,766 batches", "customs in Guangdong seized 15,766 batches of infringing goods"),
        (CASES_2023, "3件", "3件案例入選最高人民法院2023年指導性案例"),
    ],
)
def test_figure_context(text: str, figure_text: str, clause: str) -> None:
    assert figure_context(text, figure_in(text, figure_text)) == clause


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Standard Chinese numeral for 0 <= n < 10**12 (十五, 一百零八, 十万零一十, 三亿零五万)."""
    if n == 0:
        return "零"

    def section(x: int) -> str:
        out, gap = "", False
        for digit, power in (
            (x // 1000 % 10, "千"),
            (x // 100 % 10, "百"),
            (x // 10 % 10, "十"),
            (x % 10, ""),
        ):
            if digit == 0:
                gap = gap or bool(out)
                continue
            out += ("零" if gap else "") + _DIGITS[digit] + power
            gap = False
        return out

    out, gap = "", False
    for part, big in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if part == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or part < 1000):
            out += "零"
        out += section(part) + big
        gap = False
    return out[1:] if out.startswith("一十") else out


@pytest.mark.parametrize(
    ("n", "numeral"),
    [
        (10, "十"),
        (15, "十五"),
        (108, "一百零八"),
        (1200, "一千二百"),
        (100010, "十万零一十"),
        (300050000, "三亿零五万"),
    ],
)
def test_chinese_numeral_generator(n: int, numeral: str) -> None:
    assert to_chinese(n) == numeral


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=2, max_value=10**12 - 1), st.sampled_from(["件", "家", "人", "项"]))
def test_chinese_numerals_in_running_text(n: int, unit: str) -> None:
    text = f"全省共查处{to_chinese(n)}{unit},同比增长"
    assert rows(text) == [(f"{to_chinese(n)}{unit}", n, unit, "quantity", None)]


mantissas = st.builds(
    lambda whole, frac, places: f"{whole}.{frac:0{places}d}" if places else str(whole),
    st.integers(min_value=1, max_value=99999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([0, 2]),
)


@given(mantissas, st.sampled_from([("万", 10**4), ("亿", 10**8)]), st.sampled_from(["件", "元", "人", "条"]))
def test_chinese_scaled_values_parse_back(mantissa: str, scale: tuple[str, int], unit: str) -> None:
    word, factor = scale
    text = f"案值{mantissa}{word}{unit},移送司法机关"
    assert rows(text) == [
        (f"{mantissa}{word}{unit}", float(Decimal(mantissa) * factor), unit, "quantity", None)
    ]


@given(
    mantissas,
    st.sampled_from([("million", 10**6), ("billion", 10**9)]),
    st.sampled_from([("items", "件"), ("yuan", "元"), ("cases", "件"), ("enterprises", "家")]),
)
def test_english_scaled_values_parse_back(
    mantissa: str, scale: tuple[str, int], noun: tuple[str, str]
) -> None:
    (word, factor), (name, unit) = scale, noun
    text = f"customs seized {mantissa} {word} {name}, worth noting"
    assert rows(text) == [
        (f"{mantissa} {word} {name}", float(Decimal(mantissa) * factor), unit, "quantity", None)
    ]


@given(st.integers(min_value=1, max_value=10**10), st.sampled_from([("cases", "件"), ("batches", "批次")]))
def test_thousands_separators_parse_back(n: int, noun: tuple[str, str]) -> None:
    name, unit = noun
    text = f"courts concluded {n:,} {name} in total"
    assert rows(text) == [(f"{n:,} {name}", n, unit, "quantity", None)]


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_format_value_round_trips(value: Decimal) -> None:
    assert parse_number(format_value(float(value), "")) == float(value)


_NOISY = st.text(
    alphabet=st.sampled_from(
        list("0123456789,.%-—年月日万亿件人元多余超约第一二十百千 ,，、。()“”abc ofmillioncases")
    ),
    max_size=40,
)


@settings(max_examples=200)
@given(_NOISY)
def test_any_text_gives_consistent_figures(text: str) -> None:
    figures = parse_figures(text)
    for fig in figures:
        assert text[fig.start : fig.end] == fig.text
        assert fig.text.strip() == fig.text and fig.text
        metric_phrase(text, fig)
        assert fig.text in figure_context(text, fig)
        assert values_match(fig, fig)
    spans = [(f.start, f.end) for f in figures]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


@given(st.integers(min_value=1900, max_value=2099))
def test_years_are_never_quantities(y: int) -> None:
    for text in (f"{y}年", f"in {y}, the province", f"《规划({y}—{y + 1}年)》", f"{y}-05-17"):
        assert all(f.kind in ("year", "period") for f in parse_figures(text)), text


@pytest.mark.parametrize(("a", "b", "restates"), [
    ("个", "名", True),  # 抓了4870个犯罪嫌疑人 / 抓获犯罪嫌疑人4870名
    ("個", "人", True),
    ("个", "件", True),
    ("家", "个", True),
    ("个", "人次", False),  # visits, not people
    ("个", "件次", False),
    ("个", "批次", False),
    ("个", "元", False),
    ("个", "%", False),
    ("个", "个", False),  # the same unit: nothing to restate
    ("件", "名", False),
])
def test_the_generic_measure_word_restates_any_count_of_things(a: str, b: str, restates: bool) -> None:
    assert generic_restatement(a, b) is restates
    assert generic_restatement(b, a) is restates
    # and it is no wider a compatibility: 个 and 名 are still different units where a unit is asked for
    assert not (units_compatible("个", "名") or units_compatible("个", "人"))


@pytest.mark.parametrize(("text", "kind"), [
    ("In 2023 prosecutors in Guangdong approved the arrest of 1,156 suspects", "year"),  # after "in": a year
    ("During 2024 courts concluded more cases", "year"),
    ("A total of 2000 cases were filed", "quantity"),  # "of" and "by" precede counts too
    ("Customs seized 2023 batches of goods", "quantity"),  # a plural noun right after: a count
])
def test_a_year_like_number_after_a_preposition_of_time_is_a_year(text: str, kind: str) -> None:
    assert parse_figures(text)[0].kind == kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("总保额都有3.9个亿了", 3.9e8),
        ("赔了3個億", 3e8),
        ("两个亿的项目", 2e8),  # an amount of 亿 whose unit goes unsaid is still an amount
        ("货值两个多亿", 2e8),  # the hedge before the filler: 两亿多
        ("判赔了八十多个亿", 8e9),  # the hedge before the filler, after the numeral: 八十多亿
        ("3个亿元", 3e8),
        ("5个万人小区", 5),  # five estates of ten thousand people: 个 before 万 is no filler
        ("全省新增5个亿元以上知识产权质押项目", 5),  # five projects of over 1亿元 each
        ("打造10个亿级产业集群", 10),
        ("三个月", 3),
    ],
)
def test_a_filler_before_yi_is_dropped(text: str, value: float | None) -> None:
    from index.figures import without_scale_filler

    figures = [f for f in parse_figures(without_scale_filler(text)) if f.kind == "quantity"]
    assert (figures[0].value if figures else None) == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("货值两亿多", 2e8, "more_than"),
        ("三万多", 3e4, "more_than"),
        ("八十多万", 8e5, "more_than"),
        ("一万", None, None),  # a bare 万 without a hedge or unit: 一万个心眼, 万一
        ("十万火急", None, None),
        ("千万不要", None, None),
        ("亿万", None, None),
        ("数千万", None, None),
        ("十大事件", None, None),
        ("培育8个万亿级产业集群", 8, None),  # a grade, not an amount: only the count of clusters
        ("带动千亿级产业集群发展", None, None),
        ("三千亿级", None, None),
    ],
)
def test_a_chinese_numeral_of_a_large_scale_is_an_amount_without_its_unit(
        text: str, value: float | None, qualifier: str | None) -> None:
    figures = parse_figures(text)
    assert (figures[0].value if figures else None) == value
    assert (figures[0].qualifier if figures else None) == qualifier


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("20 high-value invention patents per 10,000 residents by 2025", [20, 2025]),
        ("每1万人口拥有高价值发明专利20件", [20]),
        ("每10万人口", []),
        ("for every 10,000 people, 27 patents", [27]),
        ("20 per 10,000 population", [20]),
        ("paid 5 per cent", [5]),  # "per cent" follows its number
        ("supper 20 cases", [20]),  # "per" only as a word
        ("per capita 3.5 patents", [3.5]),
    ],
)
def test_a_rates_denominator_is_no_figure(text: str, values: list[float]) -> None:
    assert [f.value for f in parse_figures(text)] == values


@pytest.mark.parametrize("text", ["opened 279 probes into fake farming supplies", "launched 279 investigations"])
def test_probes_and_investigations_count_cases(text: str) -> None:
    assert [(f.value, f.unit) for f in parse_figures(text)] == [(279, "件")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("ranked first among 133 sub-provincial and prefecture-level cities", "个"),
        ("20 national and provincial-level centres", "家"),
        ("1,000 patents and 300 trademarks", "件"),  # the phrase of a figure still ends at "and" before a number
        ("police cracked 1,796 IP and counterfeiting criminal cases", "件"),
        ("31 technology and innovation support centres", "家"),
        ("more than 200 forest and flower seedling businesses", "家"),
        ("20 patent and trademark cases", "件"),
    ],
)
def test_a_head_noun_after_coordinated_modifiers(text: str, unit: str) -> None:
    figures = [f for f in parse_figures(text) if f.kind == "quantity"]
    assert figures[0].unit == unit


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # a number word after "and" starts a figure of its own
        ("one platform and three centers", [(1, "个"), (3, "家")]),
        ("3 national and 5 provincial centres", [(3, ""), (5, "家")]),
        # no modifier after "and": nothing coordinated, the noun is not the figure's
        ("2 IP and cases", [(2, "")]),
        # a verb after "and" starts another clause
        ("ranked first among 133 nationwide and won two awards", [(133, ""), (2, "项")]),
        ("accepted 500 IP and concluded many cases", [(500, "")]),
    ],
)
def test_coordination_needs_modifiers_on_both_sides(text: str, figures: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in parse_figures(text) if f.kind == "quantity"] == figures


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("总保额差不多四个亿", "about"),
        ("大概3.5亿件", "about"),
        ("标的额十个亿出头", "just_over"),
        ("都快四个亿了", "nearly"),
    ],
)
def test_spoken_chinese_hedges(text: str, qualifier: str) -> None:
    from index.figures import without_scale_filler

    assert [f.qualifier for f in parse_figures(without_scale_filler(text))] == [qualifier]

