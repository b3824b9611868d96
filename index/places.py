"""Places a question or a figure's sentence names: Guangdong's prefecture-level cities, and the
other provinces and the largest cities of China.

The corpus reports figures for the whole province and, beside them, for single cities
(深圳海关 vs 广东海关; the Guangzhou report). A question about one city must not be answered
with the province's figure, nor with another city's, and a question about the province should
prefer the province's own figure. A question about another province (广西海关查扣…) is not
answered with Guangdong's figure. Pure functions.
"""

from __future__ import annotations

import re

from index.text import en_tokens

# (Chinese name, English name) of the 21 prefecture-level cities of Guangdong.
CITIES: tuple[tuple[str, str], ...] = (
    ("广州", "Guangzhou"), ("深圳", "Shenzhen"), ("珠海", "Zhuhai"), ("汕头", "Shantou"),
    ("佛山", "Foshan"), ("韶关", "Shaoguan"), ("湛江", "Zhanjiang"), ("肇庆", "Zhaoqing"),
    ("江门", "Jiangmen"), ("茂名", "Maoming"), ("惠州", "Huizhou"), ("梅州", "Meizhou"),
    ("汕尾", "Shanwei"), ("河源", "Heyuan"), ("阳江", "Yangjiang"), ("清远", "Qingyuan"),
    ("东莞", "Dongguan"), ("中山", "Zhongshan"), ("潮州", "Chaozhou"), ("揭阳", "Jieyang"),
    ("云浮", "Yunfu"),
)

# Places outside Guangdong a question may ask about: the other provincial-level divisions and a
# few large cities the corpus names (杭州亚运会). Taiwan is left out: the corpus names it only in
# "涉港澳台", cases of Guangdong's own courts.
ELSEWHERE: tuple[tuple[str, str], ...] = (
    ("北京", "Beijing"), ("天津", "Tianjin"), ("上海", "Shanghai"), ("重庆", "Chongqing"),
    ("河北", "Hebei"), ("山西", "Shanxi"), ("辽宁", "Liaoning"), ("吉林", "Jilin"),
    ("黑龙江", "Heilongjiang"), ("江苏", "Jiangsu"), ("浙江", "Zhejiang"), ("安徽", "Anhui"),
    ("福建", "Fujian"), ("江西", "Jiangxi"), ("山东", "Shandong"), ("河南", "Henan"), ("湖北", "Hubei"),
    ("湖南", "Hunan"), ("广西", "Guangxi"), ("海南", "Hainan"), ("四川", "Sichuan"), ("贵州", "Guizhou"),
    ("云南", "Yunnan"), ("西藏", "Tibet"), ("陕西", "Shaanxi"), ("甘肃", "Gansu"), ("青海", "Qinghai"),
    ("宁夏", "Ningxia"), ("新疆", "Xinjiang"), ("内蒙古", "Inner Mongolia"), ("杭州", "Hangzhou"),
    ("武汉", "Wuhan"), ("南京", "Nanjing"), ("成都", "Chengdu"), ("西安", "Xi'an"), ("苏州", "Suzhou"),
    ("香港", "Hong Kong"), ("澳门", "Macao"),
)

_NAMES = {zh: zh for zh, _ in CITIES + ELSEWHERE} | {en.lower(): zh for zh, en in CITIES + ELSEWHERE}
# Traditional forms of the names whose characters differ (the 2023 white paper is traditional).
_NAMES |= {"廣州": "广州", "韶關": "韶关", "江門": "江门", "東莞": "东莞", "陽江": "阳江",
           "清遠": "清远", "雲浮": "云浮", "潮州": "潮州", "揭陽": "揭阳", "肇慶": "肇庆",
           "重慶": "重庆", "遼寧": "辽宁", "黑龍江": "黑龙江", "江蘇": "江苏", "山東": "山东", "廣西": "广西",
           "貴州": "贵州", "雲南": "云南", "陝西": "陕西", "甘肅": "甘肃", "寧夏": "宁夏", "內蒙古": "内蒙古",
           "武漢": "武汉", "澳門": "澳门", "macau": "澳门"}
_NAME_RE = re.compile(
    "|".join(sorted((re.escape(n) for n in _NAMES), key=len, reverse=True)), re.IGNORECASE)
# "中山大学" is a university, not the city; "(Guangzhou) Co., Ltd." names a company's seat.
_NOT_A_PLACE_RE = re.compile(r"中山(?:大学|大學)|Sun Yat-sen", re.IGNORECASE)


def cities_in(text: str) -> frozenset[str]:
    """The places (see module docstring) a text names, as their simplified Chinese names."""
    text = _NOT_A_PLACE_RE.sub(" ", text)
    found = set()
    for m in _NAME_RE.finditer(text):
        name = m.group(0)
        # An English name must stand as a word ("Shenzhen's" counts; "Zhongshanlu" does not).
        if name.isascii() and (
            (m.start() > 0 and text[m.start() - 1].isalpha()) or (m.end() < len(text) and text[m.end()].isalpha())
        ):
            continue
        found.add(_NAMES[name.lower()] if name.isascii() else _NAMES[name])
    return frozenset(found)


def place_mismatch(asked: frozenset[str], sentence: frozenset[str], document: frozenset[str]) -> tuple[float, float]:
    """(other place, city figure): -1 in the first when a question about a city meets a figure
    that neither its sentence nor its document places in that city; -1 in the second when a
    question naming no city meets a figure its sentence (or else its document) gives for one."""
    if asked:
        return (0.0 if asked & (sentence | document) else -1.0), 0.0
    return 0.0, (-1.0 if sentence or document else 0.0)


_ENGLISH = {zh: en for zh, en in CITIES + ELSEWHERE}


def place_words(places: frozenset[str], lang: str) -> frozenset[str]:
    """The search words of places (as cities_in names them) in one language: 广州 → guangzhou."""
    if lang == "zh":
        return places
    return frozenset(w for zh in places for w in en_tokens(_ENGLISH.get(zh, "")))
