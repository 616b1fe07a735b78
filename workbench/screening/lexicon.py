"""Word tables for name normalisation: legal forms, descriptive words, places, abbreviations.

Each table maps written variants (English, pinyin, Chinese characters) to one canonical token,
so "apparel", "garment", "fuzhuang" and "服装" all become `garment`. Token classes decide weights:
a brand name counts more than a place, a place more than a descriptive word.
"""

from __future__ import annotations

# Token classes (also used in evidence sentences).
DISTINCTIVE = "distinctive"
SURNAME = "surname"
PLACE = "place"
GENERIC = "generic"
FUNCTION = "function"
ADMIN = "admin"

# Legal forms: normalised word sequences (Latin) and Chinese suffixes -> legal-form family.
LEGAL_FORMS_LATIN: dict[tuple[str, ...], str] = {
    ("co", "ltd"): "limited company",
    ("co", "limited"): "limited company",
    ("company", "limited"): "limited company",
    ("company", "ltd"): "limited company",
    ("corporation", "limited"): "limited company",
    ("corp", "ltd"): "limited company",
    ("limited", "liability", "company"): "limited company",
    ("ltd",): "limited company",
    ("limited",): "limited company",
    ("llc",): "limited company",
    ("plc",): "limited company",
    ("gmbh",): "limited company",
    ("joint", "stock", "company"): "joint-stock company",
    ("jsc",): "joint-stock company",
    ("inc",): "corporation",
    ("incorporated",): "corporation",
    ("corp",): "corporation",
    ("corporation",): "corporation",
    ("co",): "company",
    ("company",): "company",
    ("group",): "group",
    ("youxian", "gongsi"): "limited company",
    ("youxian", "zeren", "gongsi"): "limited company",
    ("gufen", "youxian", "gongsi"): "joint-stock company",
    ("gongsi",): "company",
    ("jituan",): "group",
    ("holdings",): "holding",
    ("holding",): "holding",
}
LEGAL_FORMS_HAN: dict[str, str] = {
    "股份有限公司": "joint-stock company",
    "有限责任公司": "limited company",
    "有限公司": "limited company",
    "控股": "holding",
    "集团": "group",
    "公司": "company",
}
COMPANY_FAMILIES = frozenset({"limited company", "joint-stock company", "corporation", "company"})

# Scope notes in listed names that are not part of the name.
SCOPE_NOTES = (
    "and its subordinate and affiliated entities",
    "and subsidiaries",
    "and its subsidiaries",
    "and any successor sub-unit or subsidiary thereof",
    "former name",
    "former",
    "truncated",
)

STOPWORDS = frozenset({"and", "of", "the", "for", "no", "s", "&", "de", "la"})

# canonical -> (class, variants). Variants are normalised Latin words/phrases or Chinese strings.
CONCEPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "garment": (GENERIC, ("garment", "garments", "apparel", "apparels", "clothing", "clothes",
                          "fuzhuang", "fushi", "zhiyi", "服装", "服饰", "制衣", "成衣")),
    "textile": (GENERIC, ("textile", "textiles", "fangzhi", "纺织", "纺织品")),
    "spinning": (GENERIC, ("spinning", "spin", "fangsha", "纺纱", "纺")),
    "color": (GENERIC, ("color", "colour", "colored", "dyed")),
    "yarn": (GENERIC, ("yarn", "melange", "纱线", "纱")),
    "cotton": (GENERIC, ("cotton", "mianhua", "棉花", "棉")),
    "linen": (GENERIC, ("linen", "flax", "hemp", "麻")),
    "wool": (GENERIC, ("wool", "woollen", "woolen", "maofang", "毛纺", "羊毛")),
    "hair": (GENERIC, ("hair", "wig", "wigs")),
    "products": (GENERIC, ("products", "product", "goods", "zhipin", "制品", "用品", "产品")),
    "accessories": (GENERIC, ("accessories", "accessory", "ornaments", "饰品")),
    "technology": (GENERIC, ("technology", "technologies", "tech", "technological", "keji", "jishu",
                             "科技", "技术")),
    "science": (GENERIC, ("science", "sciences", "scientific", "kexue", "科学")),
    "trade": (GENERIC, ("trade", "trading", "commerce", "commercial", "business", "maoyi", "shangmao",
                        "贸易", "商贸", "商务", "经贸")),
    "economic": (GENERIC, ("economic", "economy", "jingji", "经济")),
    "silicon": (GENERIC, ("silicon", "硅")),
    "polysilicon": (GENERIC, ("polysilicon", "duojinggui", "多晶硅")),
    "solar": (GENERIC, ("solar", "photovoltaic", "pv", "guangfu", "光伏", "太阳能")),
    "industry": (GENERIC, ("industry", "industrial", "industries", "gongye", "shiye", "chanye",
                           "工业", "实业", "产业")),
    "energy": (GENERIC, ("energy", "nengyuan", "能源")),
    "new": (GENERIC, ("new",)),
    "new-energy": (GENERIC, ("new energy", "xinnengyuan", "新能源")),
    "materials": (GENERIC, ("materials", "material", "cailiao", "材料")),
    "chemical": (GENERIC, ("chemical", "chemicals", "chemistry", "chemical industry", "huagong",
                           "huaxue", "化工", "化学")),
    "electronics": (GENERIC, ("electronics", "electronic", "dianzi", "电子")),
    "information": (GENERIC, ("information", "info", "xinxi", "信息")),
    "digital": (GENERIC, ("digital", "shuzi", "数字")),
    "development": (GENERIC, ("development", "develop", "developing", "fazhan", "kaifa", "发展", "开发")),
    "international": (GENERIC, ("international", "intl", "global", "guoji", "国际")),
    "import": (GENERIC, ("import", "imports", "jinkou", "进口")),
    "export": (GENERIC, ("export", "exports", "chukou", "出口")),
    "logistics": (GENERIC, ("logistics", "wuliu", "物流")),
    "warehousing": (GENERIC, ("warehousing", "warehouse", "storage", "cangchu", "仓储")),
    "food": (GENERIC, ("food", "foods", "foodstuff", "foodstuffs", "食品")),
    "agriculture": (GENERIC, ("agriculture", "agricultural", "nongye", "农业")),
    "mining": (GENERIC, ("mining", "mine", "mines", "kuangye", "矿业", "矿")),
    "metals": (GENERIC, ("metals", "metal", "jinshu", "金属")),
    "nonferrous": (GENERIC, ("nonferrous", "non-ferrous", "youse", "有色")),
    "steel": (GENERIC, ("steel", "钢")),
    "iron": (GENERIC, ("iron", "铁")),
    "coal": (GENERIC, ("coal", "meitan", "煤炭", "煤")),
    "electricity": (GENERIC, ("electricity", "electric", "power", "dianli", "电力")),
    "printing": (GENERIC, ("printing", "print", "yinshua", "印刷")),
    "dyeing": (GENERIC, ("dyeing", "dye", "染")),
    "biotechnology": (GENERIC, ("biotechnology", "biotech", "bio-technology", "shengwu", "生物")),
    "pharmaceutical": (GENERIC, ("pharmaceutical", "pharmaceuticals", "pharma", "yiyao", "zhiyao",
                                 "医药", "制药")),
    "machinery": (GENERIC, ("machinery", "machine", "machines", "jixie", "机械")),
    "manufacturing": (GENERIC, ("manufacturing", "manufacture", "manufacturer", "manufactory",
                                "factory", "mill", "zhizao", "制造", "工厂", "厂")),
    "fiber": (GENERIC, ("fiber", "fibre", "fibers", "fibres", "xianwei", "纤维")),
    "shoes": (GENERIC, ("shoes", "shoe", "footwear", "xieye", "鞋业", "鞋")),
    "aluminium": (GENERIC, ("aluminium", "aluminum", "铝业", "铝")),
    "copper": (GENERIC, ("copper", "tongye", "铜业", "铜")),
    "zinc": (GENERIC, ("zinc", "锌业", "锌")),
    "magnesium": (GENERIC, ("magnesium", "镁业", "镁")),
    "gold": (GENERIC, ("gold", "黄金", "金矿")),
    "tomato": (GENERIC, ("tomato", "tomatoes", "fanqie", "番茄")),
    "sugar": (GENERIC, ("sugar", "糖业", "糖")),
    "construction": (GENERIC, ("construction", "construct", "building", "jianshe", "jianzhu",
                               "建设", "建筑")),
    "engineering": (GENERIC, ("engineering", "gongcheng", "工程")),
    "production": (GENERIC, ("production", "producing", "shengchan", "生产")),
    "corps": (DISTINCTIVE, ("corps", "兵团")),
    "investment": (GENERIC, ("investment", "investments", "touzi", "投资")),
    "park": (GENERIC, ("park", "yuanqu", "园区")),
    "supply": (GENERIC, ("supply", "gongying", "供应")),
    "chain": (GENERIC, ("chain", "链")),
    "equipment": (GENERIC, ("equipment", "zhuangbei", "装备", "设备")),
    "semiconductor": (GENERIC, ("semiconductor", "semiconductors", "bandaoti", "半导体")),
    "communication": (GENERIC, ("communication", "communications", "telecom", "telecommunications",
                                "tongxin", "通信", "通讯")),
    "intelligent": (GENERIC, ("intelligent", "intelligence", "smart", "zhineng", "智能")),
    "center": (GENERIC, ("center", "centre", "zhongxin", "中心")),
    "institute": (GENERIC, ("institute", "research institute", "yanjiusuo", "研究所", "研究院")),
    "training": (GENERIC, ("training", "peixun", "培训")),
    "vocational": (GENERIC, ("vocational", "zhiye", "职业")),
    "skills": (GENERIC, ("skills", "skill", "jineng", "技能")),
    "branch": (GENERIC, ("branch", "fengongsi", "分公司")),
    "bureau": (GENERIC, ("bureau", "office", "department", "administration", "局", "厅")),
    "college": (GENERIC, ("college", "academy", "xueyuan", "学院")),
    "university": (GENERIC, ("university", "daxue", "大学")),
    "government": (GENERIC, ("government", "zhengfu", "政府")),
    "people": (GENERIC, ("people", "peoples", "people's", "renmin", "人民")),
    "national": (GENERIC, ("national", "state", "guojia", "国家")),
    "instruments": (GENERIC, ("instruments", "instrument", "yiqi", "仪器")),
    # Government functions: a bureau for one function is not a bureau for another.
    "public-security": (FUNCTION, ("public security", "police", "gongan", "公安")),
    "tax": (FUNCTION, ("tax", "taxation", "shuiwu", "税务")),
    "court": (FUNCTION, ("court", "fayuan", "法院")),
    "procuratorate": (FUNCTION, ("procuratorate", "jianchayuan", "检察院")),
    "justice": (FUNCTION, ("justice", "judicial", "sifa", "司法")),
    "prison": (FUNCTION, ("prison", "prisons", "jianyu", "监狱")),
    "education": (FUNCTION, ("education", "educational", "jiaoyu", "教育")),
    "customs": (FUNCTION, ("customs", "haiguan", "海关")),
    "health": (FUNCTION, ("health", "weisheng", "卫生")),
    "forensic": (FUNCTION, ("forensic", "forensics", "物证")),
    "political-legal": (FUNCTION, ("political and legal", "political-legal", "zhengfa", "政法")),
    # Administrative divisions and ethnic descriptors: low weight.
    "prefecture": (ADMIN, ("prefecture", "district", "region", "diqu", "地区", "自治州", "区")),
    "city": (ADMIN, ("city", "municipality", "municipal", "市")),
    "county": (ADMIN, ("county", "县")),
    "province": (ADMIN, ("province", "provincial", "省")),
    "autonomous": (ADMIN, ("autonomous", "zizhi", "自治")),
    "uyghur": (ADMIN, ("uyghur", "uighur", "uygur", "weiwuer", "维吾尔")),
    "mongolian": (ADMIN, ("mongolian", "mongol", "menggu", "蒙古")),
    "kazakh": (ADMIN, ("kazakh", "kazak", "hasake", "哈萨克")),
    "kyrgyz": (ADMIN, ("kyrgyz", "kirghiz", "kergez", "keerkezi", "柯尔克孜")),
    "hui": (ADMIN, ("hui", "回族", "回")),
}

# Places: canonical -> variants (old romanisations, pinyin, Uyghur-derived forms, Chinese).
PLACES: dict[str, tuple[str, ...]] = {
    "xinjiang": ("xinjiang", "sinkiang", "新疆"),
    "urumqi": ("urumqi", "urumchi", "wulumuqi", "urümqi", "乌鲁木齐"),
    "kashgar": ("kashgar", "kashi", "qeshqer", "kaxgar", "kashkar", "喀什"),
    "hotan": ("hotan", "hetian", "khotan", "xotan", "和田"),
    "yili": ("yili", "ili", "伊犁"),
    "turpan": ("turpan", "turfan", "tulufan", "吐鲁番"),
    "karamay": ("karamay", "kelamayi", "qaramay", "克拉玛依"),
    "bortala": ("bortala", "boertala", "boretala", "博尔塔拉"),
    "tacheng": ("tacheng", "qoqek", "chuguchak", "tarbaghatay", "塔城"),
    "kizilsu": ("kizilsu", "kezilesu", "qizilsu", "克孜勒苏"),
    "tumxuk": ("tumxuk", "tumushuke", "图木舒克"),
    "altay": ("altay", "aletai", "altai", "阿勒泰"),
    "aksu": ("aksu", "akesu", "aqsu", "阿克苏"),
    "hami": ("hami", "kumul", "qumul", "哈密"),
    "changji": ("changji", "sanji", "昌吉"),
    "bayingolin": ("bayingolin", "bayinguoleng", "bayingol", "巴音郭楞"),
    "shihezi": ("shihezi", "石河子"),
    "wujiaqu": ("wujiaqu", "五家渠"),
    "korla": ("korla", "kuerle", "库尔勒"),
    "artux": ("artux", "atushi", "artush", "阿图什"),
    "kuqa": ("kuqa", "kuche", "kucha", "库车"),
    "lop": ("lop", "luopu", "洛浦"),
    "yarkant": ("yarkant", "yarkand", "shache", "莎车"),
    "shanshan": ("shanshan", "piqan", "pichan", "鄯善"),
    "kuitun": ("kuitun", "奎屯"),
    "awat": ("awat", "awati", "阿瓦提"),
    "shaya": ("shaya", "xayar", "沙雅"),
    "jiashi": ("jiashi", "peyziwat", "伽师"),
    "yopurga": ("yopurga", "yuepuhu", "岳普湖"),
    "habahe": ("habahe", "kaba", "哈巴河"),
    "huyanghe": ("huyanghe", "胡杨河"),
    "yanqi": ("yanqi", "karashahr", "焉耆"),
    "junggar": ("junggar", "zhungeer", "dzungaria", "jungar", "准噶尔"),
    "china": ("china", "prc", "zhongguo", "中国"),
    "beijing": ("beijing", "peking", "北京"),
    "shanghai": ("shanghai", "上海"),
    "tianjin": ("tianjin", "tientsin", "天津"),
    "chongqing": ("chongqing", "chungking", "重庆"),
    "guangdong": ("guangdong", "canton", "广东"),
    "guangzhou": ("guangzhou", "广州"),
    "shenzhen": ("shenzhen", "深圳"),
    "dongguan": ("dongguan", "东莞"),
    "zhuhai": ("zhuhai", "珠海"),
    "zhejiang": ("zhejiang", "chekiang", "浙江"),
    "hangzhou": ("hangzhou", "hangchow", "杭州"),
    "ningbo": ("ningbo", "宁波"),
    "jiangsu": ("jiangsu", "江苏"),
    "nanjing": ("nanjing", "nanking", "南京"),
    "changzhou": ("changzhou", "常州"),
    "wuxi": ("wuxi", "无锡"),
    "anhui": ("anhui", "安徽"),
    "hefei": ("hefei", "合肥"),
    "shandong": ("shandong", "山东"),
    "qingdao": ("qingdao", "tsingtao", "青岛"),
    "jinan": ("jinan", "济南"),
    "henan": ("henan", "河南"),
    "hubei": ("hubei", "湖北"),
    "hunan": ("hunan", "湖南"),
    "hebei": ("hebei", "河北"),
    "sichuan": ("sichuan", "szechuan", "四川"),
    "fujian": ("fujian", "fukien", "福建"),
    "xiamen": ("xiamen", "amoy", "厦门"),
    "gansu": ("gansu", "kansu", "甘肃"),
    "dalian": ("dalian", "大连"),
    "baotou": ("baotou", "包头"),
    "inner-mongolia": ("inner mongolia", "neimenggu", "内蒙古"),
    "hong-kong": ("hong kong", "hongkong", "xianggang", "香港"),
}

# Abbreviations and short names -> the words they stand for (normalised, before canonicalisation).
ABBREVIATIONS: dict[str, str] = {
    "xpcc": "xinjiang production and construction corps",
    "bingtuan": "xinjiang production and construction corps",
    "xjpcc": "xinjiang production and construction corps",
    "xpsb": "xinjiang public security bureau",
    "xuar": "xinjiang uyghur autonomous region",
    "cnsim": "china national scientific instruments and materials",
    "vsetc": "vocational skills education training center",
    "psb": "public security bureau",
}

# Common Chinese surnames (romanised): people share them, so they count less than given names.
SURNAMES = frozenset(
    {
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
        "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "song",
        "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan",
        "cai", "jiang", "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao",
        "shi", "huo", "jin", "qian", "fan", "fang", "kong", "bai", "cui", "mao", "qin", "qiu"
    }
)

# Country names and ISO-2 codes for the country feature.
COUNTRIES: dict[str, str] = {
    "china": "CN", "prc": "CN", "people's republic of china": "CN", "peoples republic of china": "CN",
    "mainland china": "CN", "中国": "CN", "hong kong": "HK", "hongkong": "HK", "macau": "MO",
    "taiwan": "TW", "united states": "US", "usa": "US", "us": "US", "vietnam": "VN", "viet nam": "VN",
    "india": "IN", "bangladesh": "BD", "pakistan": "PK", "turkey": "TR", "türkiye": "TR",
    "malaysia": "MY", "indonesia": "ID", "thailand": "TH", "cambodia": "KH", "japan": "JP",
    "south korea": "KR", "korea": "KR", "russia": "RU", "kazakhstan": "KZ", "uzbekistan": "UZ",
    "germany": "DE", "united kingdom": "GB", "uk": "GB", "france": "FR", "italy": "IT", "mexico": "MX",
    "xinjiang": "CN",
}

# Compounds: one written form standing for several canonical words.
COMPOUNDS: dict[str, tuple[str, ...]] = {
    "发饰品": ("hair", "accessories"), "发饰": ("hair", "accessories"), "fashipin": ("hair", "accessories"),
    "发制品": ("hair", "products"), "fazhipin": ("hair", "products"),
    "色纺": ("color", "spinning"), "sefang": ("color", "spinning"),
    "guiye": ("silicon", "industry"), "mianye": ("cotton", "industry"),
    "棉麻": ("cotton", "linen"), "mianma": ("cotton", "linen"),
    "钢铁": ("iron", "steel"), "gangtie": ("iron", "steel"),
    "进出口": ("import", "export"), "jinchukou": ("import", "export"),
    "印染": ("printing", "dyeing"), "yinran": ("printing", "dyeing"),
    "生物科技": ("biotechnology",), "生物技术": ("biotechnology",), "shengwukeji": ("biotechnology",),
    "维吾尔自治区": ("uyghur", "autonomous", "prefecture"),
    "硅业": ("silicon", "industry"), "棉业": ("cotton", "industry"),
    "伊犁州": ("yili", "prefecture"), "昌吉州": ("changji", "prefecture"), "博州": ("bortala", "prefecture"),
    "巴州": ("bayingolin", "prefecture"), "克州": ("kizilsu", "prefecture"),
}

# Kinds of body: a bureau is not a college even when both are police bodies of one region.
BODY_WORDS = frozenset({"bureau", "college", "university", "institute", "center", "park", "bank", "court",
                        "prison", "hospital", "school"})

# Words that describe a legal form when they are not at the end of a name: generic, not distinctive.
GENERIC_WORDS = frozenset({"group", "holding", "holdings", "company", "co", "corporation", "corp", "limited"})
