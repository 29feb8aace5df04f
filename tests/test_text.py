"""Each cleaning step against a table of (input, expected output) cases."""

import pytest

from civstat.read import clean as text
from civstat.read.names import canonical, segment_known, split_names

CASES = {
    text.remove_word_artifacts: [
        ("[bookmark: _GoBack]加强困难群众托底保障", "加强困难群众托底保障"),
        ("[Bookmark:_Toc123]一、工作目标", "一、工作目标"),
        ("社区\u200b治理\ufeff", "社区治理"),
        ("\t孙家同", "\t孙家同"),
        ("[1] 参考", "[1] 参考"),
    ],
    text.remove_pinyin_glosses: [
        ("確保市場穩(wěn)定運行", "確保市場穩定運行"),
        ("城鄉(xiāng)居民", "城鄉居民"),
        ("當?shù)卣J定", "當?卣J定"),  # a damaged gloss that lost its opening bracket
        ("聚焦5G等新一代信息技术", "聚焦5G等新一代信息技术"),
        ("推进职业院校“1+x”证书制度试点", "推进职业院校“1+x”证书制度试点"),
        ("自动体外除颤仪（AED）4000台", "自动体外除颤仪（AED）4000台"),
        ("村(居)民委员会", "村(居)民委员会"),
        ("(shi)无声调不删", "(shi)无声调不删"),
    ],
    text.to_simplified: [
        ("加強困難退役軍人和優撫對象幫扶援助", "加强困难退役军人和优抚对象帮扶援助"),
        ("責任單位：市衛健委、各縣市區人民政府", "责任单位：市卫健委、各县市区人民政府"),
        ("完善养老服务体系", "完善养老服务体系"),
    ],
    text.normalize_width: [
        ("加强村(居)民委员会规范化建设,加强城乡", "加强村（居）民委员会规范化建设，加强城乡"),
        ("(牵头单位:市民政局;责任单位:市财政局)", "（牵头单位：市民政局；责任单位：市财政局）"),
        ("新增１,０００户", "新增1,000户"),
        ("ＡＥＤ设备５Ｇ", "AED设备5G"),
        ("完成2.5万户", "完成2.5万户"),
        ("780元/月/人", "780元/月/人"),
        ("\t孙家同\u3000", "\t孙家同 "),
        ("a, b", "a, b"),
    ],
    text.squeeze_spaces: [
        ("  分 管 领 导  ", "分管领导"),
        ("李  超", "李超"),
        ("支持 5G  应用", "支持 5G 应用"),
        ("\t工作事项\t", "工作事项"),
        ("养老服务科 （儿童福利科）", "养老服务科（儿童福利科）"),
        ("推进 “五社联动” 工作", "推进“五社联动”工作"),
    ],
    text.strip_ordinal: [
        ("一、市《政府工作报告》民政任务", "市《政府工作报告》民政任务"),
        ("（三）发挥社会保障作用", "发挥社会保障作用"),
        ("(一)确保市场稳定运行", "确保市场稳定运行"),
        ("十二、其他", "其他"),
        ("第二部分 重点任务", "重点任务"),
        ("一网通办", "一网通办"),
    ],
    text.remove_web_boilerplate: [
        ("索引号: | 1134/2023 |\n一、工作任务", "\n一、工作任务"),
        ("© 2025宣州区人民政府 All Rights Reserved\n皖ICP备05004400号-1", "\n"),
        ("补贴440 ……（未完，全文共3245字，当前仅显示1639字", "补贴440"),
        ("供应。（责任单位：市商务局\n……（新文秘网省略584字，正式会员可完整阅读）……",
         "供应。（责任单位：市商务局\n"),
        ("1 | 主题教育 | 深入学习 |", "1 | 主题教育 | 深入学习 |"),
        ("名称: | 2023年重点工作任务清单 |", ""),
    ],
}


@pytest.mark.parametrize(
    ("step", "given", "expected"),
    [(step, given, expected) for step, cases in CASES.items() for given, expected in cases],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_cleaning_step(step, given, expected):
    assert step(given) == expected


@pytest.mark.parametrize("step", list(CASES))
def test_steps_keep_line_count(step):
    given = "第一行\n\t第二行(wěn)\n\n索引号: | x |\n©"
    assert step(given).count("\n") == given.count("\n")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("全面落实“六!惫ぷ鳑Q策部署", ["ぷ", "Q"]),
        ("困难群众特殊_，千方百计", ["_"]),
        ("当?卣J定的其他困难群众", ["?", "J"]),
        ("�民政", ["�"]),
        ("聚焦5G等新一代信息技术", []),
        ("2022年市民政局XXX（处室）第X季度", []),
        ("自动体外除颤仪（AED）", []),
    ],
)
def test_find_damage(given, expected):
    assert text.find_damage(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("周利宏 张文娟", ["周利宏", "张文娟"]),
        ("李  超", ["李超"]),
        ("李 超", ["李超"]),
        ("养老处\n事务处\n市低保中心", ["养老处", "事务处", "市低保中心"]),
        ("政策法规处\n（局信息中心）", ["政策法规处（局信息中心）"]),
        ("区划地名科 (基层政权建设和社区治理科)", ["区划地名科（基层政权建设和社区治理科）"]),
        ("慈善事业促进和社会工作科 宣州区社团和民间组织管理局",
         ["慈善事业促进和社会工作科", "宣州区社团和民间组织管理局"]),
        ("市文明办，市城管执法委、市农业农村局", ["市文明办", "市城管执法委", "市农业农村局"]),
        ("各区人民政府<含开发区、风景区管委会>", ["各区人民政府<含开发区、风景区管委会>"]),
        ("市财政局,市人社局;市残联", ["市财政局", "市人社局", "市残联"]),
        ("", []),
        ("—", []),
    ],
)
def test_split_names(given, expected):
    assert split_names(given) == expected


def test_split_names_uses_known_names_for_names_run_together():
    known = {"社会事务处", "养老服务处", "市低保中心"}
    assert split_names("社会事务处养老服务处市低保中心", known=known) == [
        "社会事务处", "养老服务处", "市低保中心"]


@pytest.mark.parametrize(
    ("name", "known", "expected"),
    [
        ("社会救助处市低保中心", {"社会救助处", "市低保中心"}, ["社会救助处", "市低保中心"]),
        ("市委编办", {"市委"}, ["市委编办"]),  # never cut where a piece is unknown
        ("养老服务处", {"养老服务处"}, ["养老服务处"]),
    ],
)
def test_segment_known(name, known, expected):
    assert segment_known(name, known) == expected


@pytest.mark.parametrize(
    ("name", "issuer", "expected"),
    [
        ("基政处", "武汉市民政局", "基层政权建设和社区治理处"),
        ("基层政权处", "武汉市民政局", "基层政权建设和社区治理处"),
        ("慈善社工处", "武汉市民政局", "慈善事业促进和社会工作处"),
        ("市慈善中心", "武汉市民政局", "市慈善服务中心"),
        ("基政处", "宣州区民政局", "基政处"),  # a division's short form belongs to its issuer
        ("市发改委", "宣州区民政局", "市发展改革委"),
        ("市人力资源保障局", None, "市人力资源社会保障局"),
        ("张明武", "武汉市民政局", "张明武"),
    ],
)
def test_canonical(name, issuer, expected):
    assert canonical(name, issuer) == expected
