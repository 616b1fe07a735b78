"""The import's fields and the header names that usually carry them (ERP exports, Chinese Excel).

A mapping is `{field: column index}`; `guess_mapping` proposes one from a header row, the user
corrects it (the import wizard's combo boxes, the CLI's `--map FIELD=COLUMN`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.cases.importing import ALL_COLUMNS
from workbench.errors import InputError

ColumnMap = dict[str, int]


@dataclass(frozen=True)
class Field:
    """One thing the import can read from a column."""

    key: str  # the column name of `workbench.cases.importing`
    label: str
    synonyms: tuple[str, ...]  # header names, most specific first; compared after `header_key`


# fmt: off
FIELDS: tuple[Field, ...] = (
    Field("name", "Supplier name", (
        "supplier name", "supplier legal name", "legal name", "vendor name", "vendor", "supplier",
        "company name", "company", "manufacturer name", "manufacturer", "factory name", "factory",
        "name", "english name", "供应商名称", "供应商", "公司名称", "企业名称", "厂商名称", "厂商",
        "工厂名称", "名称", "英文名称",
    )),
    Field("local_name", "Local name", (
        "local name", "native name", "chinese name", "name local", "name chinese",
        "supplier local name", "中文名称", "中文名", "本地名称", "供应商中文名称",
    )),
    Field("aliases", "Aliases", (
        "aliases", "alias", "also known as", "aka", "other names", "别名", "曾用名",
    )),
    Field("country", "Country", (
        "country", "country code", "supplier country", "vendor country", "country region", "国家", "国家地区",
        "国别", "所在国家",
    )),
    Field("region", "Region / province", (
        "region", "province", "state", "province state", "省份", "省", "地区",
    )),
    Field("address", "Address", (
        "address", "supplier address", "vendor address", "street address", "company address", "地址",
        "公司地址", "详细地址", "供应商地址",
    )),
    Field("website", "Website", (
        "website", "web site", "web", "url", "homepage", "网站", "网址", "官网",
    )),
    Field("registration_id", "Registration ID", (
        "registration id", "registration number", "registration no", "company registration number",
        "business registration number", "unified social credit code", "uscc", "credit code",
        "统一社会信用代码", "信用代码", "注册号", "营业执照号", "工商注册号",
    )),
    Field("contact", "Contact", (
        "contact", "contact person", "contact name", "email", "联系人", "联系方式",
    )),
    Field("tier", "Tier", (
        "tier", "supplier tier", "tier level", "层级", "级别", "供应商层级",
    )),
    Field("notes", "Notes", (
        "notes", "note", "comments", "comment", "remarks", "备注", "说明",
    )),
    Field("product", "Product", (
        "product", "product name", "product description", "description", "item", "item description",
        "goods", "commodity", "产品", "产品名称", "产品描述", "商品名称", "品名", "货物",
    )),
    Field("hs_code", "HS code", (
        "hs code", "hs", "hs codes", "hts", "hts code", "hs hts code", "hs hts", "tariff code",
        "commodity code", "customs code", "hs编码", "hs编号", "海关编码", "商品编码", "税则号", "税号",
    )),
    Field("origin", "Origin", (
        "origin", "country of origin", "origin country", "coo", "made in", "原产地", "原产国", "产地",
    )),
    Field("annual_volume", "Annual volume", (
        "annual volume", "volume", "quantity", "年采购量", "采购量", "数量",
    )),
    Field("annual_value", "Annual value", (
        "annual value", "annual spend", "spend", "value", "purchase value", "年采购额", "采购金额", "金额",
    )),
)
# fmt: on
BY_KEY = {f.key: f for f in FIELDS}
if set(BY_KEY) != set(ALL_COLUMNS):  # pragma: no cover - a field without an import column
    raise ImportError("supplier file fields and import columns differ")

BRACKETS = re.compile(r"[(\[（【].*?[)\]）】]")
NON_WORD = re.compile(r"[\W_]+")


def header_key(text: str) -> str:
    """A header name for comparison: NFKC, no case, punctuation and underscores as single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return NON_WORD.sub(" ", text).strip()


def _lookup() -> dict[str, tuple[int, str]]:
    table: dict[str, tuple[int, str]] = {}
    for field in FIELDS:
        for rank, name in enumerate((field.key, *field.synonyms)):
            table.setdefault(header_key(name), (rank, field.key))
            table.setdefault(header_key(name).replace(" ", ""), (rank, field.key))
    return table


LOOKUP = _lookup()


def guess_field(header: str) -> tuple[int, str] | None:
    """(rank, field) for a header name, or None; a lower rank is a more specific synonym."""
    for candidate in (header_key(header), header_key(BRACKETS.sub(" ", header))):
        for variant in (candidate, candidate.replace(" ", "")):
            if variant in LOOKUP:
                return LOOKUP[variant]
    return None


def guess_mapping(header: Sequence[str]) -> ColumnMap:
    """Propose {field: column index}: each column and each field used at most once, best names first."""
    proposals = sorted(
        (guess[0], bracketed, index, guess[1])
        for index, name in enumerate(header)
        if (guess := guess_field(name)) is not None
        for bracketed in [bool(BRACKETS.search(name))]
    )
    mapping: ColumnMap = {}
    used: set[int] = set()
    for _rank, _bracketed, index, field in proposals:
        if field not in mapping and index not in used:
            mapping[field] = index
            used.add(index)
    return dict(sorted(mapping.items(), key=lambda kv: kv[1]))


def exact_mapping(header: Sequence[str]) -> ColumnMap:
    """The strict mapping of `workbench suppliers import` without --map: headers named as the fields."""
    keys = [h.strip().casefold() for h in header]
    return {field: keys.index(field) for field in BY_KEY if field in keys}


def column_index(header: Sequence[str], column: str) -> int:
    """The index of a column given by its header text (any case) or its spreadsheet letter (A, B, ...)."""
    wanted = column.strip().casefold()
    for index, name in enumerate(header):
        if name.strip().casefold() == wanted:
            return index
    if re.fullmatch(r"[a-z]{1,3}", wanted):
        index = letter_index(wanted)
        if index < len(header):
            return index
    raise InputError(
        f"There is no column '{column}' in the file (columns: {', '.join(h for h in header if h) or 'none'})."
    )


def letter_index(letters: str) -> int:
    """0 for A, 25 for Z, 26 for AA."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def column_letter(index: int) -> str:
    """A for 0, AA for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def apply_overrides(header: Sequence[str], mapping: ColumnMap, overrides: Iterable[str]) -> ColumnMap:
    """Apply `FIELD=COLUMN` settings (empty COLUMN unmaps the field); errors say what is allowed."""
    result = dict(mapping)
    for item in overrides:
        field, sep, column = item.partition("=")
        field = field.strip().casefold()
        if not sep or field not in BY_KEY:
            raise InputError(
                f"--map {item!r}: write FIELD=COLUMN with FIELD one of {', '.join(BY_KEY)} "
                "(e.g. --map 'name=Vendor Name')."
            )
        if not column.strip():
            result.pop(field, None)
            continue
        index = column_index(header, column)
        result = {f: i for f, i in result.items() if i != index}
        result[field] = index
    return result


def check_mapping(header: Sequence[str], mapping: ColumnMap, where: str) -> None:
    """Raise InputError unless the supplier name is mapped and every index is a column of `header`."""
    bad = [f for f, i in mapping.items() if f not in BY_KEY or not 0 <= i < len(header)]
    if bad:
        raise InputError(f"{where}: the mapping names unknown fields or columns: {', '.join(bad)}.")
    if "name" not in mapping:
        raise InputError(
            f"{where}: no column is mapped to the supplier name. Choose the column that holds it "
            f"(columns: {', '.join(h for h in header if h) or 'none'})."
        )
