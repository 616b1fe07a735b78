"""Screening speed: 10,000 suppliers against 1,000,000 synthetic listed names.

    .venv/bin/python benchmarks/screening_bench.py [--names 1000000] [--suppliers 10000]

Prints index build time, index save/load time, screening time (with the fresh index and with the saved
one read back memory-mapped, checking both give the same matches), peak RSS, and the naive baseline
(rapidfuzz.process.extractOne with WRatio over every name, per supplier) timed on a sample, with the
speed-up. Names are made from pinyin syllables, Xinjiang and Chinese place names, descriptive words
and legal forms, so token statistics resemble real Chinese company lists; 20% of suppliers are
variants (typo, case, legal form, order, place spelling) of a listed name, the rest are new names
built from the same parts.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench.screening import ListedEntity, Screener, SupplierQuery
from workbench.screening.index_cache import read_screener, write_screener

SYLLABLES = (
    "an",
    "ao",
    "ba",
    "bai",
    "bao",
    "bei",
    "ben",
    "bi",
    "bin",
    "bo",
    "cai",
    "can",
    "cang",
    "chang",
    "chao",
    "chen",
    "cheng",
    "chi",
    "chong",
    "chu",
    "chuan",
    "chun",
    "ci",
    "cong",
    "cui",
    "da",
    "dai",
    "dan",
    "dang",
    "de",
    "deng",
    "di",
    "dian",
    "ding",
    "dong",
    "du",
    "duan",
    "dun",
    "fa",
    "fan",
    "fang",
    "fei",
    "fen",
    "feng",
    "fu",
    "gai",
    "gan",
    "gang",
    "gao",
    "ge",
    "gong",
    "gu",
    "guan",
    "guang",
    "gui",
    "guo",
    "hai",
    "han",
    "hang",
    "hao",
    "he",
    "hei",
    "heng",
    "hong",
    "hou",
    "hu",
    "hua",
    "huai",
    "huan",
    "huang",
    "hui",
    "huo",
    "ji",
    "jia",
    "jian",
    "jiang",
    "jiao",
    "jie",
    "jin",
    "jing",
    "jiu",
    "ju",
    "juan",
    "jun",
    "kai",
    "kang",
    "ke",
    "kong",
    "kun",
    "lai",
    "lan",
    "lang",
    "lao",
    "le",
    "lei",
    "li",
    "lian",
    "liang",
    "lin",
    "ling",
    "liu",
    "long",
    "lu",
    "lun",
    "luo",
    "ma",
    "man",
    "mao",
    "mei",
    "men",
    "meng",
    "mi",
    "mian",
    "min",
    "ming",
    "mu",
    "na",
    "nan",
    "neng",
    "ning",
    "nuo",
    "ou",
    "pan",
    "pei",
    "peng",
    "ping",
    "pu",
    "qi",
    "qian",
    "qiang",
    "qiao",
    "qin",
    "qing",
    "qiu",
    "quan",
    "rong",
    "rui",
    "run",
    "sen",
    "shan",
    "shang",
    "shao",
    "shen",
    "sheng",
    "shi",
    "shou",
    "shu",
    "shun",
    "si",
    "song",
    "su",
    "sui",
    "sun",
    "tai",
    "tan",
    "tang",
    "tao",
    "teng",
    "tian",
    "ting",
    "tong",
    "wan",
    "wang",
    "wei",
    "wen",
    "wu",
    "xi",
    "xia",
    "xian",
    "xiang",
    "xiao",
    "xie",
    "xin",
    "xing",
    "xiong",
    "xu",
    "xuan",
    "xue",
    "ya",
    "yan",
    "yang",
    "yao",
    "ye",
    "yi",
    "yin",
    "ying",
    "yong",
    "you",
    "yu",
    "yuan",
    "yue",
    "yun",
    "zan",
    "ze",
    "zhan",
    "zhang",
    "zhao",
    "zhe",
    "zhen",
    "zheng",
    "zhi",
    "zhong",
    "zhou",
    "zhu",
    "zhuang",
    "zi",
    "zong",
    "zun",
)
PLACES = (
    "Xinjiang",
    "Hotan",
    "Hetian",
    "Kashgar",
    "Aksu",
    "Yili",
    "Turpan",
    "Changji",
    "Shihezi",
    "Urumqi",
    "Hami",
    "Korla",
    "Shanghai",
    "Beijing",
    "Zhejiang",
    "Jiangsu",
    "Guangdong",
    "Shandong",
    "Henan",
    "Hubei",
    "Hebei",
    "Anhui",
    "Fujian",
    "Sichuan",
    "Tianjin",
    "Ningbo",
    "Hangzhou",
    "Nanjing",
    "Suzhou",
    "Wuxi",
    "Qingdao",
    "Dalian",
    "Xiamen",
    "Shenzhen",
    "Dongguan",
    "Foshan",
    "Wenzhou",
    "Changzhou",
)
WORDS = (
    "Textile",
    "Cotton",
    "Garment",
    "Apparel",
    "Trading",
    "Trade",
    "Technology",
    "Industrial",
    "Industry",
    "New",
    "Energy",
    "Materials",
    "Chemical",
    "Electronics",
    "Information",
    "Digital",
    "Development",
    "International",
    "Import",
    "Export",
    "Logistics",
    "Food",
    "Agricultural",
    "Mining",
    "Metals",
    "Steel",
    "Printing",
    "Dyeing",
    "Machinery",
    "Manufacturing",
    "Fiber",
    "Shoes",
    "Solar",
    "Silicon",
    "Investment",
    "Holding",
    "Hair",
    "Products",
    "Accessories",
    "Wool",
    "Spinning",
    "Yarn",
    "Knitting",
    "Leather",
    "Plastic",
    "Packaging",
    "Paper",
)
LEGAL = ["Co., Ltd.", "Co. Ltd", "Company Limited", "Ltd.", "Group Co., Ltd.", "Corporation", "Inc.", ""]
SURNAMES = (
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Gao",
    "Luo",
)


LATIN_SYLLABLES = [
    c + v + k for c in "bcdfghklmnprstvz" for v in "aeiou" for k in ("", "", "n", "r", "s", "l")
]


def brand(rng: random.Random) -> str:
    """A brand word: pinyin syllables (40%) or other pronounceable syllables, as on global lists."""
    pool = SYLLABLES if rng.random() < 0.4 else LATIN_SYLLABLES
    n = 2 if rng.random() < 0.6 else 3
    return "".join(rng.choice(pool) for _ in range(n)).capitalize()


def company(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.8:
        parts.append(rng.choice(PLACES))
    parts.append(brand(rng))
    parts.extend(rng.sample(WORDS, rng.choice((1, 2, 2, 3))))
    parts.append(rng.choice(LEGAL))
    return " ".join(p for p in parts if p)


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {brand(rng)}"


def make_entities(n_names: int, seed: int = 7) -> list[ListedEntity]:
    """Synthetic listed entities holding `n_names` names in total (a quarter have an alias)."""
    rng = random.Random(seed)
    out: list[ListedEntity] = []
    total = 0
    while total < n_names:
        is_person = rng.random() < 0.1
        name = person(rng) if is_person else company(rng)
        names = [name]
        if total + 1 < n_names and rng.random() < 0.25:
            names.append(person(rng) if is_person else company(rng))
        total += len(names)
        i = len(out)
        out.append(
            ListedEntity(
                key=f"list:synthetic:{i}",
                entity_id=str(i),
                name=name,
                names=tuple(names),
                type="person" if is_person else "company",
                country="CN",
                source="synthetic",
            )
        )
    return out


def variant(name: str, rng: random.Random) -> str:
    kind = rng.randrange(5)
    words = name.split()
    if kind == 0:
        return name.upper()
    if kind == 1:
        w = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[w]
        if len(word) >= 7:
            i = rng.randrange(1, len(word) - 1)
            words[w] = word[:i] + word[i + 1 :]
        return " ".join(words)
    if kind == 2:
        return " ".join(w for w in words if w.strip(".,") not in ("Co", "Ltd", "Company", "Limited", "Inc"))
    if kind == 3:
        return " ".join(words[1:] + words[:1])
    return name.replace("Hetian", "Hotan").replace("Kashgar", "Kashi").replace("Urumqi", "Wulumuqi")


def make_suppliers(entities: list[ListedEntity], n: int, seed: int = 11) -> list[SupplierQuery]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = variant(rng.choice(entities).name, rng) if rng.random() < 0.2 else company(rng)
        out.append(SupplierQuery(name=name, country="CN", ref=str(i)))
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--baseline-sample", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="also time screen_many(workers=N); 1 to skip")
    args = parser.parse_args()

    t = time.perf_counter()
    entities = make_entities(args.names)
    suppliers = make_suppliers(entities, args.suppliers)
    print(
        f"generated {sum(len(e.names) for e in entities):,} names / {len(entities):,} entities, "
        f"{len(suppliers):,} suppliers in {time.perf_counter() - t:.1f} s"
    )

    t = time.perf_counter()
    screener = Screener(entities)
    build = time.perf_counter() - t
    print(f"index build: {build:.1f} s ({len(screener.index.vocab_list):,} distinct tokens)")
    tmp = tempfile.TemporaryDirectory()
    path = Path(tmp.name) / "screening.index"
    t = time.perf_counter()
    write_screener(path, {"benchmark": args.names}, screener)
    save = time.perf_counter() - t
    t = time.perf_counter()
    loaded = read_screener(path, {"benchmark": args.names})
    load = time.perf_counter() - t
    assert loaded is not None
    size = path.stat().st_size / 1e6
    print(f"index save: {save:.1f} s, load (memory-mapped): {load:.3f} s, file {size:.0f} MB")

    t, cpu = time.perf_counter(), time.process_time()
    fresh_results = [[(m.entity.key, m.score) for m in ms] for _q, ms in screener.screen_many(suppliers)]
    hits = sum(map(len, fresh_results))
    screen, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"screening {len(suppliers):,} suppliers: {screen:.1f} s wall, {cpu:.1f} s CPU "
        f"({screen / len(suppliers) * 1000:.2f} ms each), {hits:,} matches at the default threshold"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")

    if args.workers != 1:
        t = time.perf_counter()
        hits = sum(len(m) for _q, m in screener.screen_many(suppliers, workers=args.workers))
        par = time.perf_counter() - t
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"screening with {args.workers or os.cpu_count()} worker processes: {par:.1f} s wall, "
            f"{hits:,} matches; "
            f"load average {os.getloadavg()[0]:.1f}; worker peak RSS {child:.0f} MB "
            "(pages shared with the parent by fork are counted in both)"
        )

    t, cpu = time.perf_counter(), time.process_time()
    loaded_results = [[(m.entity.key, m.score) for m in ms] for _q, ms in loaded.screen_many(suppliers)]
    wall_loaded, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"screening {len(suppliers):,} suppliers with the saved index read back: {wall_loaded:.1f} s wall, "
        f"{cpu:.1f} s CPU; same matches and scores as the fresh index: {loaded_results == fresh_results}; "
        f"peak RSS so far {peak_rss_mb():.0f} MB"
    )
    del loaded
    tmp.cleanup()

    names = [n for e in entities for n in e.names]
    sample = suppliers[: args.baseline_sample]
    t = time.perf_counter()
    for q in sample:
        process.extractOne(q.name, names, scorer=fuzz.WRatio)
    per = (time.perf_counter() - t) / len(sample)
    naive = per * len(suppliers)
    print(
        f"naive extractOne(WRatio): {per:.2f} s per supplier on a sample of {len(sample)}, "
        f"{naive:.0f} s extrapolated to {len(suppliers):,}; speed-up {naive / screen:.0f}x"
    )
    print(f"peak RSS (incl. baseline): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
