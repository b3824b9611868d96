"""Who did what (index.roles): the agency and action of a figure's clause, and of a question."""

from __future__ import annotations

import pytest

from index.ontology import most_specific, one_action
from index.roles import (
    action_asked,
    action_conflict,
    action_words,
    actions_in,
    actors_in,
    agency_conflict,
    bodies_in,
    body_conflict,
    named_roles,
    role_spans,
    roles_at,
)

PROSECUTORS_2023 = ("In 2023, prosecutorial bodies of Guangdong approved to arrest 1,156 suspects in 800 IPR "
                    "infringement cases, and prosecuted 2,061 suspects in 1,155 IPR infringement cases.")


@pytest.mark.parametrize(("text", "figure", "agency", "action"), [
    ("2024年,全省法院新收知识产权案件83308件,审结88462件。", "83308件", "court", "accept"),
    ("2024年,全省法院新收知识产权案件83308件,审结88462件。", "88462件", "court", "conclude"),
    ("2023年广东全省公安机关立案侦办侵犯知识产权犯罪案件1926起,破案1678起,抓获犯罪嫌疑人4870名。", "1926起", "police",
     "file_case"),
    ("2023年广东全省公安机关立案侦办侵犯知识产权犯罪案件1926起,破案1678起,抓获犯罪嫌疑人4870名。", "1678起", "police",
     "solve_case"),
    ("2023年广东全省公安机关立案侦办侵犯知识产权犯罪案件1926起,破案1678起,抓获犯罪嫌疑人4870名。", "4870名", "police",
     "arrest_suspect"),
    ("2024年,全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人,同比分别上升64.29%", "1854人", "procuratorate",
     "approve_arrest"),
    ("2023年全省檢察機關批准逮捕侵犯知識產權犯罪案件800件", "800件", "procuratorate", "approve_arrest"),
    ("In 2024 Guangdong's courts took in 83,308 new IP cases and closed 88,462.", "83,308", "court", "accept"),
    ("In 2024 Guangdong's courts took in 83,308 new IP cases and closed 88,462.", "88,462", "court", "conclude"),
    ("In 2023, 91,000 IP cases were accepted and 95,000 cases were concluded by courts in the province.", "95,000",
     "court", "conclude"),
    ("Trademark registrations were 824,500 and Madrid international trademark applications were 2,226.", "824,500",
     None, "register"),
    # A thousands separator does not end a clause: 800 cases are the arrests', 1,155 the prosecutions'.
    (PROSECUTORS_2023, "800", "procuratorate", "approve_arrest"),
    (PROSECUTORS_2023, "1,155", "procuratorate", "prosecute"),
    # A sentence of several actors leaves a clause without one unknown, not the first one's.
    ("省法院等11家单位共建平台,省市场监管局、广州知识产权法院共建调解中心,诉前成功调解案件3887件。", "3887件", None,
     "mediate"),
    # A full stop the PDF text lost its space after still ends the sentence: "they" and the
    # administrative organs of the next one are not this clause's actors; the courts are its object.
    (("Prosecutorial organs accepted 228 cases, including 34 cases with procuratorial advice to the courts for "
      "retrial.Besides, they handled 49 cases, which received support from administrative organs."), "34",
     "procuratorate", "procuratorial_advice"),
    # A comma before a year ends a clause (a year is no thousands group): the figure's clause names
    # no actor, and its sentence three, so its agency is unknown, not the first one's.
    ("在执法方面,市场监管、公安、海关三部门建立协同保护机制,2024年查办知识产权行政案件1796宗,海关查扣货物5822批次;",
     "1796宗", None, "investigate"),
    ("2024年,全省法院新收知识产权案件83,308件。", "83,308件", "court", "accept"),
    # An action in another clause is about something else: the value was not "investigated".
    ("2023年以来查处专业市场侵权假冒案件183宗,涉案物品货值207万余元。", "207万余元", None, None),
    # A phrasal action's object, with the figure, stands between its verb and particle.
    ("They solved 1,926 cases and transferred 2,653 suspects for prosecution.", "2,653", None,
     "transfer_for_prosecution"),
    ("Prosecutors approved 1,854 suspects for arrest.", "1,854", "procuratorate", "approve_arrest"),
    # Without a figure between them, the verb and a later preposition are no phrase.
    ("Police transferred the case for prosecution in 2,000 ways.", "2,000", "police", "prosecute"),
])
def test_roles_of_a_figure(text: str, figure: str, agency: str | None, action: str | None) -> None:
    i = text.index(figure)
    assert roles_at(text, i, i + len(figure)) == (agency, action)


@pytest.mark.parametrize(("question", "agencies", "actions"), [
    ("How many IP cases did Guangdong courts accept in 2024?", {"court"}, {"accept"}),
    ("广东法院2024年受理了多少知识产权案件", {"court"}, {"accept"}),
    ("廣東法院2024年受理了多少知識產權案件", {"court"}, {"accept"}),
    ("how many cases did prosecutors approve arrests in", {"procuratorate"}, {"approve_arrest"}),
    ("How many cases did the cops crack in 2023?", {"police"}, {"solve_case"}),
    ("how many criminal dens did the police bust in 2023?", {"police"}, {"destroy_den"}),
    ("2024年专利授权量是多少", set(), {"grant"}),
    ("What was the total?", set(), set()),
    # What a question names only to set aside is not asked for, as with qualifiers.
    ("How many trademark applications (not registrations) were filed in 2024?", set(), {"apply"}),
    ("2024年除法院外，检察机关受理了多少件?", {"procuratorate"}, {"accept"}),
    ("非诉调解多少件?", set(), {"mediate"}),  # 非诉 is the kind of mediation, not a negation of it
    ("Did police transfer 2,653 suspects for prosecution in 2024?", {"police"}, {"transfer_for_prosecution"}),
    # everyday one-character verbs with 了, only where they are no part of another word
    ("那破了多少?", set(), {"solve_case"}),
    ("2023年公安立了多少件案子?", {"police"}, {"file_case"}),
    ("法院去年收了多少案子", {"court"}, {"accept"}),
    ("专利授权量突破了70万件吗", set(), {"grant"}),
    # an institution a question counts is named as its actor, as the figure records name it the actor of its own
    # count ("167 mediation organizations … with 1,360 mediators"): session 26 made it no actor (多少个/how many
    # before it) and lost two dev questions that matched the records' actor ("how many mediators does Guangdong
    # have", "培育了多少家…人民调解组织"), and gained none
    ("全省建立了多少个保护中心", {"protection_center"}, {"establish"}),
    ("吸收了多少人才", set(), set()),
    ("出口额跌破了100亿元吗", set(), set()),  # fell below: no 破了
    ("有多少企业破了产", set(), set()),  # went bankrupt
    ("他立了功吗", set(), set()),  # earned merit
    ("企业增收了多少", set(), set()),  # earned more
    ("公安破了案的有多少", {"police"}, {"solve_case"}),
    # a field and a word for the people acting for it (agency_heads_en.tsv)
    ("Copyright enforcers in Guangdong closed 370 cases", {"copyright"}, {"conclude"}),
    ("How many batches did customs officers seize?", {"customs"}, {"seize"}),
    ("Guangdong market regulators investigated 3,945 cases", {"market_regulation"}, {"investigate"}),
    ("How many patents did the patent watchdog grant?", {"ip_office"}, {"grant"}),
    ("Copyright registrations rose", set(), {"register"}),  # a field alone names no agency
    # everyday names of the agencies: the people who act for them
    ("How many IP cases did Guangdong's judges wrap up in 2024?", {"court"}, {"conclude"}),
    ("2024年检察官对多少人提起公诉?", {"procuratorate"}, {"prosecute"}),
    ("2024年广东市监部门查处多少件商标案件?", {"market_regulation"}, {"investigate"}),
    # border officers are the customs'; "hold back" is a seizure, not holding (owning) something
    ("How many shipments did Guangdong's border officials hold back in 2024?", {"customs"}, {"seize"}),
    ("Guangdong holds 500 valid patents", set(), {"hold"}),
    # a completion verb said plainly, and negated: what is not yet concluded is pending
    ("2024年广东法院一共处理完了多少件知识产权官司?", {"court"}, {"conclude"}),
    ("2024年底广东法院手上还有多少件没审完的知识产权案子?", {"court"}, {"pending"}),
    ("尚未审结的案件有多少件?", set(), {"pending"}),
    ("没有审完的案件有多少件?", set(), {"pending"}),
    ("未能审结的案件有多少件?", set(), {"pending"}),
    ("纠纷处理完善机制", set(), {"handle"}),  # 处理完善 is "perfect", no conclusion
    # everyday names only as whole words: 相关员工 holds no customs officer, 市民警惕 no police, 执法官员 no judge
    ("企业相关员工侵犯商业秘密案件15件", set(), set()),
    ("提醒广大市民警惕", set(), set()),
    ("海关执法官员查扣侵权货物", {"customs"}, {"seize"}),
    # "back in 2023" holds nothing back
    ("Guangdong held 26 IP training sessions back in 2023.", set(), {"hold_event", "train"}),
    # a bound before a number closes no case; the verb beside it still does
    ("Guangdong granted almost 700,000 patents in 2024, close to 169,000 of them for inventions.", set(), {"grant"}),
    ("The courts closed close to 90,000 cases.", {"court"}, {"conclude"}),
    # "the close of 2024" is a date, as "the end of 2024"; the cases closed by then are still closed
    ("At the close of 2024, how many valid invention patents did Guangdong hold?", set(), {"hold"}),
    ("By the close of 2023, how many patent attorneys were practising in Guangdong?", set(), set()),
    ("How many IP cases had Guangdong courts closed by the close of 2024?", {"court"}, {"conclude"}),
    # a form two actions share is the one whose object the clause names in everyday words (action_objects_en.tsv)
    ("How many IP disputes did the Guangzhou IP Court conclude in 2023?", {"court"}, {"conclude"}),
    ("How many cooperation contracts were concluded in 2024?", set(), {"sign"}),
    ("How many counterfeiting hideouts did the police bust?", {"police"}, {"destroy_den"}),
    ("How many offenders were detained?", set(), {"arrest_suspect"}),
    ("How many shipments of fakes were detained?", set(), {"seize"}),
    # naming no object, still neither
    ("How many were concluded in 2024?", set(), set()),
    # a lawsuit filed in court is the court's intake, not the police's filing: no object word for it
    ("How many lawsuits were filed in Guangdong courts in 2024?", {"court"}, set()),
    # the goods' words name no suspects: "counterfeiting" leaves "suspects … detained" an arrest
    ("How many suspects were detained for counterfeiting in 2023?", set(), {"arrest_suspect"}),
    ("How many counterfeit workshops were destroyed in 2023?", set(), {"destroy_den"}),
    # "grab": goods are seized, suspects arrested
    ("so how many batches of fake stuff did customs grab in 2024?", {"customs"}, {"seize"}),
    ("How many suspects did police grab in 2023?", {"police"}, {"arrest_suspect"}),
    # everyday forms (a helper's second pass, from the tables and the corpus): people caught are arrested;
    # 同意羁押 approves an arrest; a case sent to the prosecutors is transferred for prosecution
    ("How many people did police catch for IP crimes in 2023?", {"police"}, {"arrest_suspect"}),
    # 出警 (turned out) is no action inside 发出警告 (issued a warning)
    ("2024年发出警告多少次?", set(), set()),
    ("2024年全省出警多少次?", set(), {"deploy_officers"}),
    ("2024年广东检方同意羁押的嫌犯有多少名?", {"procuratorate"}, {"approve_arrest"}),
    ("How many cases were transferred to the prosecutors?", set(), {"transfer_for_prosecution"}),
    # "pass on" hands a case over; "passed" alone is an exam's
    ("In 2024, how many matters did the provincial market regulator pass on to judicial bodies?",
     {"market_regulation"}, {"transfer"}),
    ("How many IP cases were passed on to judicial organs in 2023?", set(), {"transfer"}),
    ("How many people passed the patent attorney exam in 2024?", set(), {"pass_exam"}),
    # "criminal" is no suspect word: "criminal cases" busted are cases solved
    ("How many criminal cases did police bust in 2023?", {"police"}, {"solve_case"}),
])
def test_roles_a_question_names(question: str, agencies: set[str], actions: set[str]) -> None:
    assert named_roles(question) == (frozenset(agencies), frozenset(actions))


def test_conflicts() -> None:
    assert agency_conflict(frozenset({"court"}), "procuratorate")
    assert not agency_conflict(frozenset({"court"}), None)  # an unknown actor is no conflict
    assert not agency_conflict(frozenset(), "police")  # nor is a question that names none
    # a Guangdong IP administration is its market regulation administration under a second name
    assert not agency_conflict(frozenset({"ip_office"}), "market_regulation")
    assert agency_conflict(frozenset({"copyright"}), "market_regulation")
    assert action_conflict(frozenset({"file_case"}), "solve_case")
    assert action_conflict(frozenset({"accept"}), "conclude")
    assert not action_conflict(frozenset({"investigate"}), "file_case")  # one group: 查处 and 立案查处
    assert not action_conflict(frozenset({"accept", "conclude"}), "conclude")
    assert not action_conflict(frozenset({"conduct"}), "seize")  # a generic action rules nothing out
    # being selected for a list (两宗案例入选) is no count of what an agency did (立案查处183宗)
    assert action_conflict(frozenset({"file_case"}), "selected")
    assert not action_conflict(frozenset({"award"}), "selected")


@pytest.mark.parametrize(("question", "figure", "asked"), [
    ("2024年全省审判机关办结的知产官司数量是多少?", "conclude", True),  # 办结 names 审结's action
    ("How many IP cases did the courts close in 2024?", "conclude", True),
    ("2024年全省法院新收多少知识产权案件?", "conclude", False),
    ("2024年全省法院新收多少知识产权案件?", None, False),
    ("How many cases were there?", "conclude", False),  # a question naming no action asks none
    ("2023年公安立案侦办多少起侵犯知识产权犯罪案件?", "investigate", True),  # one group: 立案查处
])
def test_action_asked(question: str, figure: str | None, asked: bool) -> None:
    assert action_asked(named_roles(question)[1], figure) is asked


@pytest.mark.parametrize(("metric", "action", "words"), [
    ("全省法院新收各类知识产权案件", "accept", ("新收",)),
    ("全省法院新收各类知识产权案件", "conclude", ()),  # the intake's verb is not the conclusion's
    ("all courts across the province received ... new IPR cases of various types", "accept", ("received",)),
    ("全省专利授权量", None, ()),
])
def test_action_words_are_the_metrics_forms_of_its_action(metric: str, action: str | None,
                                                           words: tuple[str, ...]) -> None:
    assert action_words(metric, action) == words


@pytest.mark.parametrize(("asked", "figure", "conflict"), [
    # Passing cases on (移送司法机关), overseeing the police's filing (监督立案) and protesting a judgment (抗诉) are
    # statistics of their own, not the cases investigated, filed or prosecuted beside them.
    ("transfer", "supervise_filing", True),
    ("investigate", "transfer", True),
    ("transfer", "investigate", True),
    ("file_case", "supervise_filing", True),
    ("prosecute", "protest", True),
    ("supervise_filing", "supervise_withdrawal", True),
    ("transfer", "transfer", False),
    ("conduct", "transfer", False),  # a generic action still rules nothing out
    # what is held (企业共拥有发明专利68.82万件) is a stock, neither applied for nor granted that year
    ("apply", "hold", True),
    ("grant", "hold", True),
    ("hold", "grant", True),
    ("hold", "hold", False),
    # procuratorial advice (提出检察建议42件) is no protest (提出抗诉)
    ("protest", "procuratorial_advice", True),
    ("procuratorial_advice", "procuratorial_advice", False),
])
def test_case_handling_steps_are_distinct_actions(asked: str, figure: str, conflict: bool) -> None:
    assert action_conflict(frozenset({asked}), figure) is conflict


@pytest.mark.parametrize(("text", "found"), [
    # The halves of one action's form in another order, a few words apart: one action, where the first stands.
    ("How many people whose arrest Guangdong prosecutors approved in IP crime cases?", [("arrest", "approve_arrest")]),
    ("How many people did prosecutors approve the arrest of?", [("approve the arrest of", "approve_arrest")]),
    # Two actions joined by "and", or with a figure between, stay two.
    ("police arrested 5 suspects and prosecutors approved 3", [("arrested", "arrest_suspect"), ("approved", "approve")]),
    ("police arrested suspects and prosecutors approved", [("arrested", "arrest_suspect"), ("approved", "approve")]),
])
def test_an_action_split_around_its_agency_is_one_action(text: str, found: list[tuple[str, str | None]]) -> None:
    assert [(text[m.start : m.end], one_action(m.ids, text)) for m in actions_in(text)] == found


@pytest.mark.parametrize(("text", "found"), [
    # An approval beside an act whose approval is an action of its own: that action, over both halves where the
    # approval comes first (the words between are what it acts on), where the act stands where it comes first
    # (the words between are its actor)
    ("How many suspects did Guangdong prosecutors get approval to detain?", [("approval to detain", "approve_arrest")]),
    ("How many people did the procuratorates sign off on detaining?", [("sign off on detaining", "approve_arrest")]),
    ("How many people did prosecutors green-light for detention?", [("green-light for detention", "approve_arrest")]),
    ("How many suspects whose detention the prosecutors approved?", [("detention", "approve_arrest")]),
    # overseeing another body's filing is the supervision of it: the body overseen acts on nothing; a clause
    # between is two acts
    ("Prosecutors supervised trials while police filed 2,249 cases.", [("supervised", "oversee"),
                                                                      ("filed", "file_case")]),
    ("In 2024 they supervised the police into filing 20 cases.", [("supervised the police into filing",
                                                                   "supervise_filing")]),
    ("Prosecutors urged police to file 20 cases.", [("urged police to file", "supervise_filing")]),
    ("Prosecutors supervised civil cases and police filed 20 cases.", [("supervised", "oversee"),
                                                                       ("filed", "file_case")]),
    # An approval of something else, or one a figure or an "and" stands apart from, is none.
    ("How many centres got approval to be built?", [("approval", "approve"), ("built", "establish")]),
    ("police detained 5 suspects and the plan was approved", [("detained", "arrest_suspect"),
                                                              ("approved", "approve")]),
    # nor the approval of a detention of goods, nor one a clause of its own stands apart from
    ("Customs got approval for the detention of 5,822 batches of goods.", [("approval", "approve"),
                                                                           ("detention", "seize")]),
    ("The approval of the plan came after police detained them.", [("approval", "approve"),
                                                                    ("detained", None)]),
    ("How many patents got approval while suspects were detained?", [("approval", "approve"),
                                                                     ("detained", "arrest_suspect")]),
])
def test_an_approval_of_an_arrest_is_approving_the_arrest(text: str, found: list[tuple[str, str | None]]) -> None:
    assert [(text[m.start : m.end], one_action(m.ids, text)) for m in actions_in(text)] == found


@pytest.mark.parametrize(("text", "agencies", "actions"), [
    # A procuratorate arrests no one: the arrests it names are those it approves (role_rules.tsv "done_by").
    ("How many people did Guangdong prosecutors arrest for IP crimes in 2024?", {"procuratorate"}, {"approve_arrest"}),
    ("2024年广东检察机关逮捕了多少名侵犯知识产权犯罪嫌疑人?", {"procuratorate"}, {"approve_arrest"}),
    # The police's arrests are arrests; of two actors, neither's rule applies.
    ("How many people did Guangdong police arrest in 2023?", {"police"}, {"arrest_suspect"}),
    ("公安机关和检察机关逮捕了多少人?", {"police", "procuratorate"}, {"arrest_suspect"}),
])
def test_an_action_is_what_it_is_when_its_actor_does_it(text: str, agencies: set[str], actions: set[str]) -> None:
    assert named_roles(text) == (frozenset(agencies), frozenset(actions))


def test_a_figures_action_is_what_its_actor_does() -> None:
    text = "Guangdong prosecutors arrested 1,854 IP crime suspects in 2024."
    start = text.index("1,854")
    assert roles_at(text, start, start + 5) == ("procuratorate", "approve_arrest")
    police = "Guangdong police arrested 4,870 suspects in 2023."
    start = police.index("4,870")
    assert roles_at(police, start, start + 5) == ("police", "arrest_suspect")
    # a clause of two actors: its first is the figure's agency, but neither's rule says what the arrest is
    both = "检察机关、公安机关共逮捕4870人。"
    start = both.index("4870")
    assert roles_at(both, start, start + 5)[1] == "arrest_suspect"


def test_sitting_an_exam_is_not_passing_it() -> None:
    text = "2024年全国专利代理师资格考试广东参考考生达7074人,数量居全国首位。"
    i = text.index("7074")
    assert roles_at(text, i, i + 5) == (None, "sit_exam")
    _, asked = named_roles("2024年全国专利代理师资格考试,广东最后有多少人考过了?")
    assert asked == {"pass_exam"}
    assert action_conflict(asked, "sit_exam")
    assert named_roles("How many people passed the patent attorney exam?")[1] == {"pass_exam"}
    assert named_roles("How many enterprises passed the certification?")[1] == {"certify"}


def test_event_actions_count_flows() -> None:
    from index.roles import event_flow

    assert event_flow("inspect") and event_flow("accept")
    assert not event_flow(None) and not event_flow("establish")


def test_an_action_guard_for_no_form_or_with_no_characters_is_an_error(tmp_path, monkeypatch) -> None:
    from index import lexicon, ontology
    from index.lexicon import LexiconError

    for row in ("不存在的词\t突\t-", "破了\t\t-"):
        (tmp_path / "action_guards.tsv").write_text(row + "\n", encoding="utf-8")
        monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
        with pytest.raises(LexiconError, match="action_guards.tsv"):
            ontology._guards(["破了"])


def test_an_agency_inside_an_actions_own_form_is_its_object() -> None:
    # the prosecutors supervise the police's filing: the police did not file these 20 cases
    text = "充分发挥法律监督职能,共监督公安机关立案20件20人,监督撤案19件31人。"
    at = text.index("20件")
    assert roles_at(text, at, at + 3) == (None, "supervise_filing")
    assert named_roles("2024年检察机关监督公安机关立案多少件") == (frozenset({"procuratorate"}),
                                                                 frozenset({"supervise_filing"}))
    assert named_roles("2024年广东公安机关立案多少件") == (frozenset({"police"}), frozenset({"file_case"}))


def test_an_agency_whose_name_opens_with_an_action_word_is_the_actor() -> None:
    agencies, _ = named_roles("How many IP people's mediation organizations had Guangdong set up by 2023?")
    assert agencies == frozenset({"arbitration_mediation"})


@pytest.mark.parametrize(("text", "before", "figure", "after", "action"), [
    # "and prosecuted" is the next figure's verb, said before it
    ("prosecutors approved the arrest of 1,854 suspects in 1,265 IP crime cases and prosecuted 3,192 suspects",
     "1,854", "1,265", "3,192", "approve_arrest"),
    # what the figure counts names its action ("2,226 … applications"); "registrations" is 824,500's
    ("Guangdong recorded 824,500 trademark registrations and 2,226 Madrid international trademark applications",
     "registrations", "2,226 Madrid international trademark applications", None, "apply"),
    # an "and" inside a noun, with no figure after it, cuts nothing: the passive after it is the figure's
    ("its customs seized 5,822 batches and 271 IP and counterfeiting crimes were cracked", "5,822", "271", None,
     "solve_case"),
    # a Chinese list mark starts the next item: 破案 is 1678起's, 1926起's own clause names no action
    ("2023年全省公安机关立侵犯知识产权犯罪案件1926起、破案1678起、抓获犯罪嫌疑人4870名。", "2023年", "1926起", "1678起",
     None),
    ("发明专利有效量79.23万件、高价值发明专利拥有量36.77万件", "发明", "79.23万件", "36.77万件", None),
    # before the figure, the list mark cuts nothing: 受理 is the window's own
    ("国家知识产权信息公共服务网点11家、商标业务受理窗口22个", "11家", "22个", None, "accept"),
])
def test_a_figures_words_after_it_end_at_the_next_figures_verb(text: str, before: str, figure: str,
                                                               after: str | None, action: str | None) -> None:
    start = text.index(figure)
    left = text.index(before) + len(before)
    right = text.index(after) if after else None
    assert roles_at(text, start, start + len(figure), left, right)[1] == action


@pytest.mark.parametrize(("text", "bodies"), [
    ("广州互联网法院2023年受理了多少知识产权案件?", {"guangzhou_internet_court"}),
    ("How many cases did the Guangzhou Internet Court take in 2023?", {"guangzhou_internet_court"}),
    ("其中,廣州知識產權法院共新收1.40萬件", {"guangzhou_ip_court"}),
    ("2023年,全省法院新收知识产权案件9.1万件", set()),  # courts, no named one
    # one of several acting together is no lone actor
    ("Joint operations by Guangdong, Hong Kong and Macao customs in 2024 seized 3,849 batches", set()),
    ("广东海关与澳门海关联合查扣侵权货物", set()),
    ("Joint Guangdong-Hong Kong-Macao customs operations in 2024 netted more than 3,800 batches", set()),
    ("广州互联网法院、广州知识产权法院分别审结1000件和2000件", set()),  # the first of a list too
])
def test_the_named_bodies_a_text_names(text: str, bodies: set[str]) -> None:
    assert bodies_in(text) == bodies


@pytest.mark.parametrize(("asked", "named", "conflict"), [
    ({"guangzhou_internet_court"}, {"guangzhou_ip_court"}, True),  # two courts
    ({"guangzhou_ip_court"}, {"guangzhou_ip_court"}, False),
    ({"guangzhou_internet_court"}, set(), False),  # the sentence names none: place and agency decide
    (set(), {"guangzhou_ip_court"}, False),
])
def test_a_named_body_is_one_actor_of_its_kind(asked: set[str], named: set[str], conflict: bool) -> None:
    assert body_conflict(frozenset(asked), frozenset(named)) is conflict


@pytest.mark.parametrize(("text", "before", "figure", "action"), [
    # the noun of the figure before it is that figure's, not this one's action: both were accepted
    ("Centers were set up which accepted 52,300 pre-examination applications and 16,100 IPR protection cases.",
     "52,300 pre-examination applications", "16,100 IPR protection cases", "accept"),
    # the clause's action before the figure before it still counts for both
    ("全省检察机关批准逮捕侵犯知识产权犯罪案件1265件1854人。", "1265件", "1854人", "approve_arrest"),
    ("4篇判决书获评第六届、第七届全国百篇优秀裁判文书。", "第六届", "第七届", "selected"),
])
def test_a_figures_action_before_it_stops_at_the_figure_before_it(text: str, before: str, figure: str,
                                                                  action: str) -> None:
    prev = text.index(before)
    i = text.index(figure, prev + len(before))
    assert roles_at(text, i, i + len(figure), prev + len(before))[1] == action


@pytest.mark.parametrize(("text", "specific"), [
    # concluding by mediation or withdrawal: the means marker makes the narrower action the one asked
    ("2024年广东法院靠调解、撤诉结掉了多少件知识产权案子?", {"mediate_withdraw", "mediate"}),
    ("How many IP cases did Guangdong courts conclude through mediation or withdrawal in 2024?", {"mediate_withdraw"}),
    # ... and so does the narrower action right before the broader, as its manner
    ("2024年广东法院调解撤诉结掉的知产案子有多少件?", {"mediate_withdraw"}),
    ("2024年廣東法院調解撤訴結掉的知產案子有多少件?", {"mediate_withdraw"}),
    # ... not beside it with 和 / 或 / 、: both are asked
    ("2024年广东法院调撤或审结的知识产权案件一共有多少件?", {"conclude", "mediate_withdraw"}),
    ("2024年广东法院调撤和审结的知识产权案件分别是多少件?", {"conclude", "mediate_withdraw"}),
    # named after an inclusion marker, it is counted in the whole: the broader action is asked
    ("How many IP cases did Guangdong courts conclude in 2024, including those withdrawn?", {"conclude"}),
    ("How many IP cases did Guangdong courts conclude in 2024, including those mediated or withdrawn?",
     {"conclude"}),
    ("2024年广东法院审结知识产权案件多少件(包括调解和撤诉的)?", {"conclude"}),
    # ... but not where the question asks for it there, nor "only" it, nor a marker of something else
    ("2024年广东法院审结的知识产权案件里包括调撤的有多少件?", {"conclude", "mediate_withdraw"}),
    ("2024年广东法院审结的知识产权案件中,包括调解撤诉在内的调撤案件有多少件?", {"conclude", "mediate_withdraw"}),
    ("2024年广东法院审结(含二审)的知识产权案件中调撤结案多少件?", {"conclude", "mediate_withdraw"}),
    ("Counting only those mediated or withdrawn, how many IP cases did Guangdong courts conclude in 2024?",
     {"conclude", "mediate_withdraw"}),
    # "not only" counts it in the whole too
    ("2024年广东法院一共审结多少件知识产权案件,不只是调撤的?", {"conclude"}),
    ("How many IP cases did Guangdong courts conclude in 2024, not just those mediated or withdrawn?", {"conclude"}),
    # named beside it, with neither marker, both are asked
    ("Of the IP cases Guangdong courts concluded in 2024, how many were mediated or withdrawn?",
     {"conclude", "mediate_withdraw"}),
    ("How many IP cases did Guangdong courts accept and conclude in 2024?", {"accept", "conclude"}),
])
def test_the_most_specific_actions(text: str, specific: set[str]) -> None:
    assert most_specific(role_spans(text)[1], text) == frozenset(specific)


@pytest.mark.parametrize(("text", "action"), [
    # a form two actions share is the one whose object follows it (action_objects_zh.tsv) ...
    ("2024年广东法院新登记的知识产权官司有多少?", "accept"),
    ("2024年广东各级审判机关新登记在册的知产官司总共多少宗?", "accept"),
    ("颁发执法证5036张", "issue_certificate"),
    ("颁发奖项10个", "award"),
    # ... else the one that acts on nothing in particular: 登记 of a trademark or a work registers it
    ("2024年广东新登记的商标有多少件?", "register"),
    ("2023年作品登记量多少?", "register"),
    # an object past a clause break is another clause's, or past a word joining another noun
    ("登记的商标,侵权案件有多少?", "register"),
    ("2024年广东一般作品登记和侵权案件各多少件?", "register"),
    ("2024年广东著作权登记数量和专利纠纷案件分别多少?", "register"),
    # traditional characters are read simplified; a decimal point is no clause break
    ("2024年廣東法院新登記的知識產權糾紛有多少宗?", "accept"),
    ("新登记4.5万件知识产权案件", "accept"),
    # no form of the pair fits and neither is general: unknown
    ("颁发了多少?", None),
])
def test_a_shared_chinese_form_is_read_by_the_object_after_it(text: str, action: str | None) -> None:
    assert one_action(actions_in(text)[0].ids, text, text[actions_in(text)[0].end:]) == action


@pytest.mark.parametrize(("text", "action"), [
    # a decision not to prosecute is its own action, never the prosecution it negates
    ("2024年全省检察机关不起诉多少人?", "decline_prosecution"),
    ("檢察機關決定不起訴多少件?", "decline_prosecution"),
    ("How many suspects did prosecutors decide not to prosecute?", "decline_prosecution"),
    ("2024年全省检察机关起诉多少人?", "prosecute"),
])
def test_not_prosecuting_is_no_prosecution(text: str, action: str) -> None:
    assert [next(iter(m.ids)) for m in actions_in(text)] == [action]
    assert action_conflict(frozenset({"decline_prosecution"}), "prosecute")


@pytest.mark.parametrize(("text", "found"), [
    # of two forms that overlap, the longer: 立案辦理 (filed and handled), not 共立 (filed in all) and then 辦理
    ("全省檢察機關共立案辦理知識產權領域公益訴訟案件30件。", [("立案辦理", "file_case")]),
    ("全省共立知识产权刑事案件2249件", [("共立", "file_case")]),
    ("移送审查起诉1155件", [("移送审查起诉", "transfer_for_prosecution")]),
    # "retrial recommendations" are procuratorial advice (发送再审检察建议), whatever verb sends them
    ("sent 498 retrial recommendations to the courts", [("retrial recommendations", "procuratorial_advice")]),
])
def test_overlapping_forms_are_read_as_the_longer(text: str, found: list[tuple[str, str]]) -> None:
    assert [(text[m.start : m.end], next(iter(m.ids))) for m in actions_in(text)] == found


@pytest.mark.parametrize(("text", "figure", "action"), [
    # a claim's or question's applications received are the applications filed (申请量486件): the receiving
    # asks no action of the figure
    ("In 2024, Guangdong received 486 applications for new varieties of agricultural plants.", "486", None),
    ("The office accepted 47,800 patent applications for pre-examination in 2024.", "47,800", None),
    # received cases are accepted cases, and applications filed are applications
    ("In 2024, all courts across the province received 83,308 new IPR cases.", "83,308", "accept"),
    ("Guangdong filed 23,400 PCT international patent applications in 2024.", "23,400", "apply"),
    # what the figure counts decides, not a word further on: these are cases received
    ("Courts received 120 cases over patent application rights.", "120", "accept"),
    ("全省法院新收各类知识产权案件83308件。", "83308件", "accept"),
])
def test_an_office_receiving_applications_counts_what_was_applied_for(text: str, figure: str,
                                                                     action: str | None) -> None:
    i = text.index(figure)
    assert roles_at(text, i, i + len(figure), asking=True)[1] == action


@pytest.mark.parametrize(("text", "figure", "action"), [
    # the documents' own wording keeps its action: a question asking what was accepted finds it
    ("In 2024, Guangdong received 486 applications for new varieties of agricultural plants.", "486", "accept"),
    ("Centers were set up which accepted 52,300 pre-examination applications and 16,100 IPR protection cases.",
     "52,300", "accept"),
    ("Guangdong filed 23,400 PCT international patent applications in 2024.", "23,400", "apply"),
])
def test_a_documents_applications_received_keep_their_action(text: str, figure: str, action: str) -> None:
    i = text.index(figure)
    assert roles_at(text, i, i + len(figure))[1] == action


@pytest.mark.parametrize(("text", "actions"), [
    # clearing cases concludes them; clearing a business to do something approves it
    ("Guangdong courts cleared more than 88,000 IP cases in 2024.", {"conclude"}),
    ("How many businesses had been cleared to use the geographical-indication mark?", {"approve"}),
    # the police clear a case by solving it (role_rules.tsv done_by)
    ("Guangdong police cleared 1,926 IP crime cases in 2024.", {"solve_case"}),
    # approval is approval (a question's approved patents are granted ones by its wording: qa.frame.official_wording)
    ("获批建设国家级专利导航服务基地多少个?", {"approve"}),
    ("Close to 2,000 businesses are authorised to use the geographical indication mark.", {"approve"}),
])
def test_a_shared_verb_is_the_action_its_object_makes_it(text: str, actions: set[str]) -> None:
    assert named_roles(text)[1] == frozenset(actions)



@pytest.mark.parametrize(("text", "actors"), [
    # an agency right after an English verb in the past is its object, not its actor
    ("Prosecutors in Guangdong urged judges to reopen 34 IP civil judgments during 2024.", ["procuratorate"]),
    ("The procuratorates urged the courts to retry 34 cases.", ["procuratorate"]),
    # the actor before its verb, and after "by" in a passive, stays one
    ("Guangdong courts concluded 88,462 cases.", ["court"]),
    ("88,462 cases were concluded by the courts.", ["court"]),
    # only a verb acting on another body's act takes it as object (role_rules.tsv joins); an agency with its
    # own verb right after it is that verb's subject
    ("The newly established Guangzhou Internet Court accepted 20,000 cases in 2024.", ["court"]),
    ("The campaign mobilized police to arrest 4,870 suspects.", ["police"]),
    ("In 2024, designated courts accepted 5,000 IP cases.", ["court"]),
    ("Authorized courts accepted 5,000 IP cases.", ["court"]),
])
def test_an_agency_right_after_a_verb_is_its_object(text: str, actors: list[str]) -> None:
    assert actors_in(text, 0, len(text)) == actors
