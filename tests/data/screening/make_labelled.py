"""Regenerate labelled.csv from entities.json: hand-written cases plus seeded variants.

    .venv/bin/python tests/data/screening/make_labelled.py

Columns: query, local_name, country, aliases (;-separated), expected (entity key or empty for
"must not match"), also (other acceptable keys), kind (variant kind). Variants are made from real
listed names (UFLPA Entity List, Entity List, Global Magnitsky); negatives are near misses.
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

from workbench.screening.normalize import normalize, token_class

HERE = Path(__file__).resolve().parent
ENTITIES = json.loads((HERE / "entities.json").read_text(encoding="utf-8"))["entities"]
MATCHABLE = [e for e in ENTITIES if e["type"] in ("company", "government", "person")]
BY_NAME = {e["name"]: e["key"] for e in ENTITIES if e["source"] == "builtin"}
rows: list[dict[str, str]] = []


def key(prefix: str) -> str:
    """Key of the entity whose primary name starts with `prefix` (must be unique)."""
    hits = [k for n, k in BY_NAME.items() if n.startswith(prefix)]
    assert len(hits) == 1, (prefix, hits)
    return hits[0]


def add(
    kind: str,
    query: str,
    expected: str = "",
    *,
    local: str = "",
    country: str = "",
    aliases: str = "",
    also: str = "",
) -> None:
    rows.append(
        {
            "query": query,
            "local_name": local,
            "country": country,
            "aliases": aliases,
            "expected": expected,
            "also": also,
            "kind": kind,
        }
    )


# --- hand-written positives -------------------------------------------------------------------
HAOLIN, TAIDA = key("Hetian Haolin"), key("Hetian Taida")
ZHUOWAN, AKSU_HUAFU = key("Yili Zhuowan"), key("Aksu Huafu")
for q, k in [
    ("和田浩林发饰品有限公司", HAOLIN),
    ("和田泰达服饰有限公司", TAIDA),
    ("和田泰达服装有限公司", TAIDA),
    ("伊犁卓婉服装制造有限公司", ZHUOWAN),
    ("阿克苏华孚色纺有限公司", AKSU_HUAFU),
    ("昌吉溢达纺织有限公司", key("Changji Esquel")),
    ("新疆天山毛纺织股份有限公司", key("Xinjiang Tianshan Wool")),
    ("新疆中泰集团有限公司", key("Xinjiang Zhongtai Group")),
    ("新疆中泰化学股份有限公司", key("Xinjiang Zhongtai Chemical")),
    ("新疆华孚纺织有限公司", key("Xinjiang Huafu Textile")),
    ("石河子华孚宏丰棉业有限公司", key("Shihezi Huafu Hongfeng")),
    ("库车纵横棉业有限公司", key("Kuche Zongheng")),
    ("沙雅银华棉业有限公司", key("Shaya Yinhua")),
    ("奎屯锦富纺织有限公司", key("Kuitun Jinfu")),
    ("阿瓦提华孚纺织有限公司", key("Awati Huafu")),
    ("洛浦县美欣发制品有限公司", key("Lop County Meixin")),
    ("南京新一棉纺织印染有限公司", key("Nanjing Synergy")),
    ("合肥宝龙达信息技术有限公司", key("Hefei Bitland")),
    ("新疆准噶尔棉麻有限公司", key("Xinjiang Junggar")),
    ("新疆大全新能源股份有限公司", key("Xinjiang Daqo")),
    ("合盛硅业(鄯善)有限公司", key("Hoshine")),
    ("新疆生产建设兵团", key("Xinjiang Production and Construction Corps (XPCC) and")),
    ("杭州海康威视数字技术股份有限公司", key("Hangzhou Hikvision")),
    ("科大讯飞股份有限公司", key("iFLYTEK")),
    ("深圳市大疆创新科技有限公司", key("DJI")),
    ("新疆警察学院", key("Xinjiang Police College")),
    ("新疆天虹新八棉业有限公司", key("Xinjiang Tianhong Xinba")),
    ("喀什建设工程(集团)有限公司", key("Kashgar Construction")),
    ("新疆协鑫新能源材料科技有限公司", key("Xinjiang GCL")),
    ("石河子华孚宏胜棉业有限公司", key("Shihezi Huafu Hongsheng")),
]:
    add("chinese_chars", q, k)
PSB_ZH = {
    "Aksu District": "阿克苏地区公安局",
    "Altay Municipality": "阿勒泰市公安局",
    "Bayingolin": "巴音郭楞蒙古自治州公安局",
    "Boertala": "博尔塔拉蒙古自治州公安局",
    "Changji Hui": "昌吉回族自治州公安局",
    "Hami Municipality": "哈密市公安局",
    "Hetian Prefecture": "和田地区公安局",
    "Kashgar Prefecture": "喀什地区公安局",
    "Kelamayi": "克拉玛依市公安局",
    "Kezilesu": "克孜勒苏柯尔克孜自治州公安局",
    "Shihezi Municipality": "石河子市公安局",
    "Tacheng": "塔城地区公安局",
    "Tumushuke": "图木舒克市公安局",
    "Turfan": "吐鲁番市公安局",
    "Urumqi": "乌鲁木齐市公安局",
    "Wujiaqu": "五家渠市公安局",
    "Yili Kazakh": "伊犁哈萨克自治州公安局",
}
for prefix, zh in PSB_ZH.items():
    add("chinese_chars", zh, key(prefix))
for zh, en in [
    ("陈全国", "Chen Quanguo"),
    ("朱海仑", "Zhu Hailun"),
    ("王明山", "Wang Mingshan"),
    ("霍留军", "Huo Liujun"),
    ("彭家瑞", "Peng Jiarui"),
    ("孙金龙", "Sun Jinlong"),
    ("王君正", "Wang Junzheng"),
    ("陈明国", "Chen Mingguo"),
]:
    add("person_chinese", zh, key(en))
    last, first = en.split()
    add("person_order", f"{first} {last}", key(en))
    add("person_order", f"{last.upper()}, {first}", key(en))
    add("person_order", f"{first.upper()} {last.lower()}", key(en))
    half = len(first) // 2 if first not in ("Quanguo", "Mingguo") else 4
    split = {
        "Quanguo": "Quan-Guo",
        "Mingguo": "Ming-Guo",
        "Hailun": "Hai-Lun",
        "Mingshan": "Ming-Shan",
        "Liujun": "Liu-Jun",
        "Jiarui": "Jia-Rui",
        "Jinlong": "Jin-Long",
        "Junzheng": "Jun-Zheng",
    }[first]
    add("person_hyphen", f"{last} {split}", key(en))
    add("person_hyphen", f"{last} {split.replace('-', ' ')}", key(en))
    add("person_hyphen", f"{split} {last.upper()}", key(en))
    _ = half
for q, k in [
    ("Hetian Taida Fuzhuang", TAIDA),
    ("Hetian Taida Fushi", TAIDA),
    ("Yili Zhuowan Fuzhuang Zhizao", ZHUOWAN),
    ("Aksu Huafu Sefang", AKSU_HUAFU),
    ("Xinjiang Tianshan Maofang Fangzhi", key("Xinjiang Tianshan Wool")),
    ("Kuche Zongheng Mianye", key("Kuche Zongheng")),
    ("Hetian Haolin Fashipin", HAOLIN),
    ("Xinjiang Zhongtai Huagong", key("Xinjiang Zhongtai Chemical")),
    ("Hefei Bitland Xinxi Jishu", key("Hefei Bitland")),
    ("Nanjing Synergy Fangzhi", key("Nanjing Synergy")),
    ("Xinjiang Huafu Fangzhi", key("Xinjiang Huafu Textile")),
    ("Shaya Yinhua Mianye", key("Shaya Yinhua")),
    ("Lop County Meixin Fazhipin", key("Lop County Meixin")),
    ("Hoshine Guiye (Shanshan)", key("Hoshine")),
    ("Xinjiang Daqo Xinnengyuan", key("Xinjiang Daqo")),
    ("Xinjiang East Hope Youse Jinshu", key("Xinjiang East Hope")),
    ("Kuitun Jinfu Fangzhi", key("Kuitun Jinfu")),
    ("Changji Esquel Fangzhi", key("Changji Esquel")),
    ("Xinjiang Junggar Mianma", key("Xinjiang Junggar")),
    ("Awati Huafu Fangzhi Youxian Gongsi", key("Awati Huafu")),
    ("Hangzhou Hikvision Shuzi Jishu", key("Hangzhou Hikvision")),
    ("Xinjiang Tianmian Foundation Fangzhi", key("Xinjiang Tianmian")),
    ("Shihezi Huafu Hongfeng Mianye", key("Shihezi Huafu Hongfeng")),
]:
    add("pinyin_english", q, k)
for q, k in [
    ("HetianHaolin Hair Accessories", HAOLIN),
    ("Hetian Hao Lin Hair Accessories", HAOLIN),
    ("hetianhaolin hair accessories", HAOLIN),
    ("XinjiangTianshanWoolTextile", key("Xinjiang Tianshan Wool")),
    ("Yili Zhuo Wan Garment Manufacturing", ZHUOWAN),
    ("Aksu Hua Fu Color Spinning", AKSU_HUAFU),
    ("Xin Jiang Daqo New Energy", key("Xinjiang Daqo")),
    ("Kuche Zong Heng Cotton Industry", key("Kuche Zongheng")),
    ("Shaya Yin Hua Cotton Industry", key("Shaya Yinhua")),
    ("Hetian Tai Da Apparel", TAIDA),
    ("Xinjiang Zhong Tai Chemical", key("Xinjiang Zhongtai Chemical")),
    ("Chen Quan Guo", key("Chen Quanguo")),
    ("ChenQuanguo", key("Chen Quanguo")),
    ("chenquanguo", key("Chen Quanguo")),
    ("Wang Jun Zheng", key("Wang Junzheng")),
    ("hetianhaolin fashipin", HAOLIN),
    ("Shihezi HuafuHongfeng Cotton", key("Shihezi Huafu Hongfeng")),
    ("Kuitun Jin Fu Textile", key("Kuitun Jinfu")),
    ("Changji EsquelTextile", key("Changji Esquel")),
    ("XinjiangZhongtaiGroup", key("Xinjiang Zhongtai Group")),
]:
    add("pinyin_spacing", q, k)
for q, k in [
    ("Hotan Taida Apparel", TAIDA),
    ("Khotan Haolin Hair Accessories", HAOLIN),
    ("Akesu Huafu Color Spinning", AKSU_HUAFU),
    ("Kashi Prefecture Public Security Bureau", key("Kashgar Prefecture")),
    ("Turpan Municipality Public Security Bureau", key("Turfan")),
    ("Karamay Municipality Public Security Bureau", key("Kelamayi")),
    ("Bortala Mongolian Autonomous Prefecture Public Security Bureau", key("Boertala")),
    ("Qoqek Prefecture Public Security Bureau", key("Tacheng")),
    ("Kizilsu Kyrgyz Autonomous Prefecture Public Security Bureau", key("Kezilesu")),
    ("Tumxuk Municipal Public Security Bureau", key("Tumushuke")),
    ("Wulumuqi Municipal Public Security Bureau", key("Urumqi")),
    ("Ili Kazakh Autonomous Prefecture Public Security Bureau", key("Yili Kazakh")),
    ("Ili Zhuowan Garment Manufacturing", ZHUOWAN),
    ("Kuqa Zongheng Cotton Industry", key("Kuche Zongheng")),
    ("Luopu County Meixin Hair Products", key("Lop County Meixin")),
    ("Turfan Esquel Textile", key("Turpan Esquel")),
    ("Western Gold Kumul Gold Mine", key("Western Gold Hami")),
    ("Awat Huafu Textile", key("Awati Huafu")),
    ("Xayar Yinhua Cotton Industry", key("Shaya Yinhua")),
    ("Western Gold Qaramay Hatu Gold Mine", key("Western Gold Karamay")),
    ("Aletai Municipality Public Security Bureau", key("Altay Municipality")),
    ("Hotan Prefecture Public Security Bureau", key("Hetian Prefecture")),
    ("Bayinguoleng Mongolian Autonomous Prefecture PSB", key("Bayingolin")),
    ("Kumul Municipality Public Security Bureau", key("Hami Municipality")),
    ("Sanji Hui Autonomous Prefecture Public Security Bureau", key("Changji Hui")),
    ("Hoshine Silicon Industry (Piqan) Co., Ltd.", key("Hoshine")),
    ("Sinkiang Daqo New Energy", key("Xinjiang Daqo")),
    ("Xinjiang Dzungaria Cotton and Linen", key("Xinjiang Junggar")),
]:
    add("place_variant", q, k)
XPCC, XPCC_PSB = (
    key("Xinjiang Production and Construction Corps (XPCC) and"),
    key("Xinjiang Production and Construction Corps (XPCC) Public"),
)
for q, k, also in [
    ("XPCC", XPCC, ""),
    ("Bingtuan", XPCC, ""),
    ("Xinjiang Bingtuan", XPCC, ""),
    ("XPSB", key("Xinjiang Public Security Bureau"), ""),
    ("CNSIM", key("China National Scientific"), ""),
    ("BGI", key("Beijing Liuhe BGI"), ""),
    ("XPCC Public Security Bureau", XPCC_PSB, XPCC),
    ("Bingtuan Public Security Bureau", XPCC_PSB, XPCC),
    ("Xinjiang Production & Construction Corps", XPCC, ""),
    ("X.P.C.C.", XPCC, ""),
    (
        "XUAR Public Security Bureau",
        key("People's Government Public Security Bureau of XUAR"),
        key("Xinjiang Public Security Bureau"),
    ),
    (
        "Xinjiang PSB",
        key("Xinjiang Public Security Bureau"),
        key("People's Government Public Security Bureau of XUAR"),
    ),
    ("Kashgar Prefecture PSB", key("Kashgar Prefecture"), ""),
    ("Urumqi Municipal PSB", key("Urumqi"), ""),
    ("Hikvision", key("Hangzhou Hikvision"), ""),
    ("DJI", key("DJI"), ""),
    ("Dahua Technology", key("Zhejiang Dahua"), ""),
]:
    add("abbreviation", q, k, also=also)
for q, k in [
    ("Hollin Hair Accessories", HAOLIN),
    ("Changji Yida Textile", key("Changji Esquel")),
    ("Hesheng Silicon Industry (Shanshan) Co.", key("Hoshine")),
    ("Xinjiang Great New Energy", key("Xinjiang Daqo")),
    ("Hefei Baolongda Information Technology", key("Hefei Bitland")),
    ("GSweet", key("Changzhou Guanghui")),
    ("Hetian TEDA Garment", TAIDA),
    ("Nanjing Xinyi Cotton Textile", key("Nanjing Synergy")),
    ("Carbon Yuan Technology", key("Tanyuan")),
    ("Jiangsu Jinchuang Group", key("KTK Group")),
    ("Rizhao Meijia Group", key("Shandong Meijia")),
    ("Dongguan Luzhou Shoes", key("Dongguan Oasis")),
    ("Xinjiang Joinworld", key("Xinjiang Zhonghe")),
    ("Ashele Copper", key("Xinjiang Habahe")),
    ("Baosteel Group Xinjiang Bayi Iron and Steel", key("Baowu Group")),
    ("HY Solar", key("Hongyuan Green Energy")),
    ("Esquel China Holdings Limited", key("Esquel Group")),
    ("Nanyang Red Cotton Logistics", key("Nanyang Hongmian")),
]:
    add("alias", q, k)
for q, k in [
    ("Hikvison", key("Hangzhou Hikvision")),
    ("Hangzhou Hikvission Digital Technology", key("Hangzhou Hikvision")),
    ("Xinjiang Zhongtia Chemical", key("Xinjiang Zhongtai Chemical")),
    ("Hetian Haolinn Hair Accessories", HAOLIN),
    ("Yili Zhouwan Garment Manufacturing", ZHUOWAN),
    ("Nanjing Synergi Textiles", key("Nanjing Synergy")),
    ("Xinjiang Tianshen Wool Textile", key("Xinjiang Tianshan Wool")),
    ("Hefei Bitlant Information Technology", key("Hefei Bitland")),
    ("Intellifusoin", key("Intellifusion")),
    ("Xiamen Meiya Pico Infromation", key("Xiamen Meiya Pico")),
    ("Hetain Taida Apparel", TAIDA),
    ("Aksu Haufu Color Spinning", AKSU_HUAFU),
    ("Chen Quangou", key("Chen Quanguo")),
    ("Wang Junzhen", key("Wang Junzheng")),
    ("Changji Esqual Textile", key("Changji Esquel")),
]:
    add("typo", q, k)
for q, k in [
    ("Hetian Haolin", HAOLIN),
    ("Xinjiang Daqo", key("Xinjiang Daqo")),
    ("Zhongtai Chemical", key("Xinjiang Zhongtai Chemical")),
    ("Hoshine Silicon", key("Hoshine")),
    ("Junggar Cotton and Linen", key("Xinjiang Junggar")),
    ("Hetian Haolin Hair Accessories Trading Co", HAOLIN),
    ("Xinjiang Daqo New Energy Technology Co., Ltd.", key("Xinjiang Daqo")),
    ("Yili Zhuowan Garment", ZHUOWAN),
    ("Aksu Huafu", AKSU_HUAFU),
    ("Hikvision Digital Technology", key("Hangzhou Hikvision")),
    ("Nanjing Synergy", key("Nanjing Synergy")),
    ("Tianshan Wool Textile", key("Xinjiang Tianshan Wool")),
    ("Zhuhai Pantum Electronics Technology", key("Zhuhai Pantum")),
    ("Xinjiang East Hope Nonferrous", key("Xinjiang East Hope")),
    ("Kuche Zongheng Cotton", key("Kuche Zongheng")),
    ("Shihezi Huafu Hongfeng", key("Shihezi Huafu Hongfeng")),
    ("Hetian Taida Apparel Factory", TAIDA),
    ("Hefei Bitland Information Technology Group", key("Hefei Bitland")),
]:
    add("generic_words", q, k)

# Listed sites are name-matched like companies.
for e in [e for e in ENTITIES if e["type"] == "site"]:
    add("exact", e["name"], e["key"])

# --- seeded variants of every listed company name --------------------------------------------
rng = random.Random(20261125)
LEGAL_SWAPS = ["Company Limited", "Co Ltd", "Ltd", "Limited", "Co., Ltd", "有限公司", "Corporation", ""]
LEGAL_RE = re.compile(r",?\s*(Co\.,? Ltd\.?|Co\. Ltd\.?|Corporation|Co\.|Ltd\.?|Limited)\s*$", re.I)
SCOPE_RE = re.compile(r"\s+and (its )?subsidiaries.*$|\s+and its subordinate.*$")
companies = [e for e in MATCHABLE if e["type"] == "company" and e["source"] == "builtin"]
for e in companies:
    base = SCOPE_RE.sub("", e["name"])
    core = LEGAL_RE.sub("", base).strip(" ,")
    words = core.split()
    add("exact", e["name"], e["key"])
    add("case_punct", re.sub(r"[.,()]", " ", base).upper(), e["key"])
    add("legal_form", (core + " " + rng.choice(LEGAL_SWAPS)).strip(), e["key"])
    if len(words) >= 2:
        rot = words[1:] + words[:1]
        add("token_order", " ".join(rot), e["key"])
    long_words = [w for w in words if len(w) >= 7 and w.isalpha()]
    if long_words:
        w = rng.choice(long_words)
        i = rng.randrange(1, len(w) - 1)
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :] if rng.random() < 0.5 else w[:i] + w[i + 1 :]
        add("typo", core.replace(w, typo, 1), e["key"])

# --- near-miss negatives ----------------------------------------------------------------------
BRANDS = [
    "Jinlong",
    "Xinghua",
    "Ruifeng",
    "Baihe",
    "Tianyu",
    "Hongda",
    "Yongsheng",
    "Jiaxin",
    "Fengtai",
    "Mingyang",
    "Kangda",
    "Shunfa",
    "Lianfeng",
    "Huasheng",
    "Guanghua",
    "Zhongxing",
    "Longteng",
]
listed_words = {w.casefold() for e in MATCHABLE for n in e["names"] for w in re.findall(r"\w+", n)}
for e in companies:
    base = LEGAL_RE.sub("", SCOPE_RE.sub("", e["name"])).strip(" ,")
    words = base.split()
    # swap every word that is neither a place nor a descriptive word for an unrelated brand
    targets = [
        w
        for w in words
        if w.isalpha() and normalize(w).tokens and token_class(normalize(w).tokens[0]) == "distinctive"
    ]
    if not targets:
        continue
    for target in targets:
        base = base.replace(target, rng.choice([b for b in BRANDS if b.casefold() not in listed_words]), 1)
    add("near_miss_brand", base + " Co., Ltd.")
for q in [
    "Xinjiang Cotton Trading Co., Ltd.",
    "Hetian Hair Products Co.",
    "Aksu Textile Co., Ltd.",
    "Xinjiang New Energy Co Ltd",
    "Xinjiang Silicon Industry Co.",
    "Changji Textile Co.",
    "Hotan Garment Factory",
    "Xinjiang Wool Textile Co.",
    "Kashgar Trading Co.",
    "Xinjiang Chemical Co., Ltd.",
    "Shanshan Silicon Co.",
    "Xinjiang Cotton Industry Co., Ltd.",
    "Shihezi Cotton Industry Co.",
    "Xinjiang Textile Group",
    "China Cotton Trading Co.",
    "Zhuhai Digital Technology Co., Ltd.",
    "Hangzhou Digital Technology Co., Ltd.",
    "Xinjiang Garment Manufacturing Co.",
    "Lop County Hair Products Co.",
    "Yili Garment Co., Ltd.",
    "Aksu Color Spinning Co.",
    "Xinjiang Solar Energy Development Co.",
    "Hubei Cotton Co., Ltd.",
    "Henan Logistics Co., Ltd.",
    "新疆棉花贸易有限公司",
    "和田发制品有限公司",
    "新疆纺织有限公司",
    "阿克苏纺织有限公司",
    "新疆新能源有限公司",
    "Xinjiang Mianhua Maoyi",
    "Hetian Fushi",
    "Xinjiang Technology Co.",
    "Xinjiang International Trade Co.",
    "Urumqi Textile Co., Ltd.",
    "Kashgar Construction Materials Co.",
]:
    add("near_miss_generic", q)
for q in [
    "KTC Group",
    "DJL",
    "Camal Group Co., Ltd.",
    "GSweat",
    "Dahwa Technology",
    "Geehi Semiconductor Co., Ltd.",
    "Yitou Technologies",
    "Dahuo Technology",
    "Yito Technologies",
    "Megvi Technology",
    "DJK Technology",
    "Meika Co.",
    "AGCA Scientech",
    "COFCA Sugar Holding",
]:
    add("near_miss_short_brand", q)
for place, zh in [
    ("Hotan Prefecture", "和田地区"),
    ("Aksu District", "阿克苏地区"),
    ("Kashgar Prefecture", "喀什地区"),
    ("Urumqi Municipal", "乌鲁木齐市"),
    ("Turfan Municipality", "吐鲁番市"),
    ("Hami Municipality", "哈密市"),
]:
    add("near_miss_government", f"{place} Tax Bureau")
    add("near_miss_government", f"{zh}税务局")
    add("near_miss_government", f"{place} Education Bureau")
    add("near_miss_government", f"{place} People's Court")
    add("near_miss_government", f"{place} Finance Bureau")
add("near_miss_government", "Xinjiang Police Hospital")
add("near_miss_government", "新疆维吾尔自治区税务局")
for q in [
    "Chen Quanming",
    "Wang Junjie",
    "Zhu Hailong",
    "Chen Guoqiang",
    "Wang Ming",
    "Sun Jin",
    "Peng Jia",
    "Huo Liming",
    "陈国强",
    "王明",
    "Li Quanguo Trading Co., Ltd.",
]:
    add("near_miss_person", q)
for q in [
    "Shenzhen Bright Star Electronics Co., Ltd.",
    "Guangzhou Pearl River Garments Ltd.",
    "Ningbo Ocean Textile Co.",
    "Vietnam Cotton Spinning JSC",
    "Dhaka Apparel Ltd.",
    "Bursa Tekstil A.S.",
    "Acme Widgets Inc.",
    "浙江海天纺织有限公司",
    "广州白云服装有限公司",
    "Xinjiang Uyghur Autonomous Region",
    "Cotton",
]:
    add("unrelated", q)

with (HERE / "labelled.csv").open("w", encoding="utf-8", newline="") as fh:
    writer = csv.DictWriter(
        fh, fieldnames=["query", "local_name", "country", "aliases", "expected", "also", "kind"]
    )
    writer.writeheader()
    writer.writerows(rows)
print(f"{len(rows)} rows")
