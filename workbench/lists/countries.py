"""Country names as lists spell them, mapped to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import functools
import re

# Names as OFAC, CSL and DHS write them (lower case). Unknown names are kept as written.
_TABLE = """
afghanistan:AF albania:AL algeria:DZ angola:AO argentina:AR armenia:AM australia:AU austria:AT
azerbaijan:AZ bahamas:BS bahrain:BH bangladesh:BD belarus:BY belgium:BE belize:BZ benin:BJ bolivia:BO
bosnia and herzegovina:BA botswana:BW brazil:BR bulgaria:BG burkina faso:BF burma:MM myanmar:MM
burundi:BI cambodia:KH cameroon:CM canada:CA central african republic:CF chad:TD chile:CL china:CN
colombia:CO comoros:KM congo, democratic republic of the:CD congo, republic of the:CG costa rica:CR
cote d'ivoire:CI croatia:HR cuba:CU cyprus:CY czech republic:CZ czechia:CZ denmark:DK djibouti:DJ
dominican republic:DO ecuador:EC egypt:EG el salvador:SV equatorial guinea:GQ eritrea:ER estonia:EE
ethiopia:ET fiji:FJ finland:FI france:FR gabon:GA gambia:GM georgia:GE germany:DE ghana:GH greece:GR
guatemala:GT guinea:GN guinea-bissau:GW guyana:GY haiti:HT honduras:HN hong kong:HK hungary:HU
iceland:IS india:IN indonesia:ID iran:IR iraq:IQ ireland:IE israel:IL italy:IT jamaica:JM japan:JP
jordan:JO kazakhstan:KZ kenya:KE korea, north:KP north korea:KP korea, south:KR south korea:KR
kosovo:XK kuwait:KW kyrgyzstan:KG laos:LA latvia:LV lebanon:LB lesotho:LS liberia:LR libya:LY
liechtenstein:LI lithuania:LT luxembourg:LU macau:MO macao:MO madagascar:MG malawi:MW malaysia:MY
maldives:MV mali:ML malta:MT marshall islands:MH mauritania:MR mauritius:MU mexico:MX moldova:MD
monaco:MC mongolia:MN montenegro:ME morocco:MA mozambique:MZ namibia:NA nepal:NP netherlands:NL
new zealand:NZ nicaragua:NI niger:NE nigeria:NG north macedonia:MK macedonia:MK norway:NO oman:OM
pakistan:PK palau:PW panama:PA papua new guinea:PG paraguay:PY peru:PE philippines:PH poland:PL
portugal:PT qatar:QA romania:RO russia:RU rwanda:RW saint kitts and nevis:KN saudi arabia:SA senegal:SN
serbia:RS seychelles:SC sierra leone:SL singapore:SG slovakia:SK slovenia:SI somalia:SO
south africa:ZA south sudan:SS spain:ES sri lanka:LK sudan:SD suriname:SR sweden:SE switzerland:CH
syria:SY taiwan:TW tajikistan:TJ tanzania:TZ thailand:TH timor-leste:TL togo:TG trinidad and tobago:TT
tunisia:TN turkey:TR turkiye:TR turkmenistan:TM uganda:UG ukraine:UA united arab emirates:AE
united kingdom:GB united states:US uruguay:UY uzbekistan:UZ vanuatu:VU venezuela:VE vietnam:VN
viet nam:VN west bank:PS palestinian territories:PS yemen:YE zambia:ZM zimbabwe:ZW
virgin islands, british:VG cayman islands:KY british virgin islands:VG
"""

NAMES: dict[str, str] = dict(
    item.rsplit(":", 1) for item in re.findall(r"[a-z][a-z ,.'\-]*?:[A-Z]{2}", _TABLE.replace("\n", " "))
)
NAMES = {name.strip(): code for name, code in NAMES.items()}


@functools.lru_cache(maxsize=4096)
def to_code(value: str) -> str:
    """ISO2 code for a country name or code (`China`, `cn`, `CN`); unknown names come back as given."""
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    return NAMES.get(text.casefold(), text)


def join_codes(values: list[str] | tuple[str, ...]) -> str:
    """Distinct country codes in first-seen order, joined by '; '."""
    out: list[str] = []
    for value in values:
        code = to_code(value)
        if code and code not in out:
            out.append(code)
    return "; ".join(out)
