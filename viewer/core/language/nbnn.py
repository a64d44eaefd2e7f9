"""Bokmål vs Nynorsk evidence: a weighted vote over words and endings that differ between the
two written standards (langdetect has only one Norwegian profile, so this part is ours).

Weights are log-odds-like points from the official norms (Bokmål 2005, Nynorsk 2012), not fitted
to the dev set: 3 = form allowed in only one standard and common; 2 = rare or tolerated in the
other; 1 = a tendency. Words both standards share (og, i, på, er, har, kan...) carry no evidence.
A positive score means Nynorsk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# fmt: off
_NN_WORDS: dict[str, float] = {
    # pronouns, determiners, question words
    "eg": 3, "ho": 2.5, "dei": 3, "deira": 3, "deim": 3, "dykk": 3, "dykkar": 3, "hennar": 3,
    "ein": 2.5, "eit": 3, "eitt": 3, "éin": 3, "nokon": 3, "noko": 3, "nokre": 3,
    "kva": 3, "korleis": 3, "kvifor": 3, "kven": 3, "kvar": 2.5, "kvart": 1.5, "kor": 2,
    "kvarandre": 3, "desse": 3, "sjølv": 3, "sjølve": 3, "eigen": 3, "eige": 3, "eigne": 3,
    "inga": 2, "ingi": 3, "somme": 2, "same": 0.5, "anna": 1, "andre": 0, "nokså": 1,
    # adverbs, conjunctions, prepositions
    "ikkje": 3, "berre": 3, "mykje": 3, "meir": 3, "mest": 0, "fleire": 3, "frå": 3, "hjå": 3,
    "utan": 3, "innan": 2.5, "saman": 3, "sidan": 3, "medan": 3, "enno": 3, "då": 3, "no": 1.5,
    "òg": 3, "heile": 3, "heilt": 3, "heil": 2, "difor": 3, "utanfor": 3, "innanfor": 3,
    "innafor": 3, "ovanfor": 3, "nedanfor": 3, "ikring": 3, "kring": 2, "mellom": 0, "viss": 1,
    "likevel": 0, "gong": 3, "gonger": 3, "gongen": 3, "stad": 2.5, "staden": 2.5, "høve": 2,
    "mogleg": 3, "moglege": 3, "moglegheit": 3, "moglegheiter": 3, "til dømes": 0, "dømes": 3,
    "døme": 3, "t.d.": 2, "slik": 0, "nokre gonger": 0, "enkelte": 0, "vanleg": 3, "vanlege": 3,
    # verbs
    "vere": 3, "vera": 3, "vore": 3, "vorte": 3, "verte": 3, "vert": 3, "vart": 2.5, "blei": 1,
    "gjer": 3, "gjere": 3, "gjera": 3, "gjekk": 3, "fekk": 3, "seier": 3, "sjå": 3, "treng": 2,
    "kome": 2, "kjem": 3, "må": 0, "veit": 3, "bruka": 2, "brukast": 3, "lagra": 1, "opna": 2,
    "gje": 3, "gjev": 3, "gjeve": 3, "meiner": 2, "syner": 3, "synte": 3, "høyrer": 2,
    "finn": 1.5, "fann": 2, "ønskjer": 3, "legg": 1, "ligg": 2, "skriv": 1.5, "kjenner": 0,
    "tek": 3, "let": 1.5, "brukar": 2, "blir": 0,
    # common nouns, adjectives and adverbs with distinct Nynorsk spelling
    "bilete": 3, "biletet": 3, "bileta": 3, "storleik": 3, "storleiken": 3, "høgd": 2,
    "høgda": 2, "breidd": 2, "breidda": 2, "raud": 3, "grøn": 3, "kvit": 3, "vindauge": 3,
    "vindauget": 3, "tal": 2, "tala": 1.5, "talet": 2, "val": 2, "valet": 3, "utval": 3,
    "utvalet": 3, "anten": 3, "elles": 3, "dessutan": 3, "såleis": 3, "framleis": 3,
    "heime": 3, "veg": 2, "vegen": 3, "korkje": 3, "t.d": 2,
}

_NB_WORDS: dict[str, float] = {
    "jeg": 3, "hun": 3, "de": 2, "dem": 1.5, "deres": 3, "dere": 3, "hennes": 3,
    "en": 2, "et": 2.5, "noen": 3, "noe": 3, "hva": 3, "hvordan": 3, "hvorfor": 3, "hvem": 3,
    "hvor": 3, "hver": 3, "hvert": 3, "hvis": 3, "hverandre": 3, "disse": 3, "selv": 3,
    "egen": 3, "eget": 3, "egne": 3, "ikke": 3, "bare": 2.5, "mye": 3, "mer": 3, "flere": 3,
    "fra": 3, "uten": 3, "innen": 2, "sammen": 3, "siden": 2.5, "mens": 3, "ennå": 3, "da": 2,
    "nå": 2, "hele": 3, "helt": 3, "derfor": 0.5, "utenfor": 3, "innenfor": 3, "ovenfor": 3,
    "nedenfor": 3, "omkring": 1.5, "rundt": 0.5, "gang": 2, "ganger": 3, "gangen": 2,
    "sted": 3, "stedet": 3, "mulig": 3, "mulige": 3, "mulighet": 3, "muligheter": 3,
    "eksempel": 1, "eksempelvis": 2, "vanlig": 2, "vanlige": 2.5, "sånn": 2, "slike": 0,
    "være": 3, "vært": 3, "ble": 3, "blitt": 1, "gjør": 3, "gjøre": 3, "gikk": 3, "fikk": 3,
    "sier": 3, "se": 2, "trenger": 2, "kommer": 2, "vet": 2.5, "brukes": 3, "gir": 0.5,
    "gi": 1, "gitt": 0.5, "viser": 1.5, "hører": 2, "finner": 1.5, "fant": 2, "ønsker": 3,
    "ligger": 2, "skriver": 1.5, "mener": 2, "også": 0.5, "tar": 1.5, "lar": 1.5,
    "bruker": 1.5, "blei": -0.5,
    "bilde": 1.5, "bildet": 1.5, "bildene": 2, "størrelse": 3, "størrelsen": 3, "høyde": 2,
    "bredde": 1.5, "rød": 2, "grønn": 1, "vindu": 3, "vinduet": 3, "tall": 2, "tallet": 2,
    "valg": 2, "valget": 2, "utvalg": 2, "utvalget": 2, "enten": 3, "ellers": 3,
    "dessuten": 3, "således": 3, "fremdeles": 3, "hjemme": 3, "frem": 2, "vei": 2,
    "veien": 2, "verken": 1.5, "f.eks": 1, "fortsatt": 1.5,
}

# fmt: on

# (regex on a lower-cased word, points, the endings or beginnings a match must have) for words not
# in the lexicons; positive = Nynorsk. The literal affixes let `word_points` skip a regex cheaply.
_ENDINGS: list[tuple[re.Pattern[str], float, tuple[str, ...], tuple[str, ...]]] = [
    (re.compile(r"^hv[aeiouyæøå]"), -2.5, (), ("hv",)),  # hv- spelling is Bokmål only (hvit, hvile)
    (re.compile(r"kje$"), 2.5, ("kje",), ()),  # ikkje, mykje, undersøkje
    (re.compile(r"\w{3}(ane|arne)$"), 1.5, ("ane", "arne"), ()),  # definite plurals: forskarane
    (re.compile(r"\w{4}(erne)$"), -1.5, ("erne",), ()),  # forskerne
    (re.compile(r"\w{3}ingar$|\w{3}ingane$"), 2, ("ingar", "ingane"), ()),
    (re.compile(r"\w{3}inger$|\w{3}ingene$"), -1.5, ("inger", "ingene"), ()),
    (re.compile(r"\w{3}leg(e|t|a|ar|are|ast)?$"), 2, ("leg", "lege", "legt", "lega", "legar", "legare", "legast"), ()),
    (re.compile(r"\w{3}lig(e|t|ere|st|ste)?$"), -2, ("lig", "lige", "ligt", "ligere", "ligst", "ligste"), ()),
    (re.compile(r"\w{2}heit(a|en|er|ar|ane)?$"), 2, ("heit", "heita", "heiten", "heiter", "heitar", "heitane"), ()),
    (re.compile(r"\w{2}het(en|er|ene)?$"), -2, ("het", "heten", "heter", "hetene"), ()),
    (re.compile(r"\w{4}ast$"), 1, ("ast",), ()),  # s-passive: brukast (nb brukes)
    (re.compile(r"\w{4}[^s]es$"), -0.7, ("es",), ()),
    (re.compile(r"\w{3}ande$"), 1, ("ande",), ()),  # present participle: aukande (nb økende)
    (re.compile(r"\w{3}ende$"), -0.5, ("ende",), ()),
    (re.compile(r"\w{4}ar$"), 1.5, ("ar",), ()),  # indefinite plurals and present tense: erfaringar
    (re.compile(r"\w{3}aren$"), 1.5, ("aren",), ()),  # forskaren (nb forskeren)
    (re.compile(r"\w{3}eren$"), -1, ("eren",), ()),
    (re.compile(r"\w{3}ene$"), -0.5, ("ene",), ()),  # nb definite plural of every gender (nn: -ane/-ene/-a)
    (re.compile(r"teneste(n|r|ne)?$"), 3, ("teneste", "tenesten", "tenester", "tenestene"), ()),
    (re.compile(r"tjeneste(n|r|ne)?$"), -3, ("tjeneste", "tjenesten", "tjenester", "tjenestene"), ()),
    (re.compile(r"\w{3}forsking(a|en)?$|^forsking(a|en)?$"), 3, ("forsking", "forskinga", "forskingen"), ()),
    (re.compile(r"forskning(en)?$"), -2, ("forskning", "forskningen"), ()),
    (re.compile(r"\w{2}vindauge(t|ne)?$"), 3, ("vindauge", "vindauget", "vindaugene"), ()),
    (re.compile(r"\w{2}vindu(et|er|ene)?$"), -3, ("vindu", "vinduet", "vinduer", "vinduene"), ()),
    (re.compile(r"\w{3}else(n|r|ne)?$"), -1, ("else", "elsen", "elser", "elsene"), ()),
    (re.compile(r"^(sj|kj)ø"), 0.5, (), ("sjø", "kjø")),
]
_SUFFIXES = tuple({e for _p, _v, ends, _b in _ENDINGS for e in ends})
_PREFIXES = tuple({b for _p, _v, _e, begins in _ENDINGS for b in begins})

_TOKEN = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*", re.UNICODE)
_LEXICON_WEIGHT: dict[str, float] = {w: v for w, v in _NN_WORDS.items() if " " not in w}
_LEXICON_WEIGHT.update({w: -v for w, v in _NB_WORDS.items()})


def word_points(word: str) -> float:
    """Evidence of one lower-cased word: positive for Nynorsk, negative for Bokmål, 0 for shared."""
    points = _LEXICON_WEIGHT.get(word)
    if points is not None:
        return points
    if not word.endswith(_SUFFIXES) and not word.startswith(_PREFIXES):
        return 0.0
    total = 0.0
    for pattern, value, ends, begins in _ENDINGS:
        if (word.endswith(ends) or word.startswith(begins)) and pattern.search(word):
            total += value
    return total


def raw_words(text: str) -> list[str]:
    """Word tokens as written (letters only, numbers excluded)."""
    return _TOKEN.findall(text)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; acronyms and mid-sentence capitalised words (names) are dropped."""
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if len(word) > 1 and word.isupper():
            continue
        before = text[max(0, match.start() - 3) : match.start()].rstrip()
        if word[0].isupper() and before and (before[-1].isalnum() or before[-1] in ",;"):
            continue
        out.append(word.lower())
    return out


def score(words: Iterable[str]) -> tuple[float, int]:
    """Summed evidence and how many words carried any; positive favours Nynorsk."""
    total, informative = 0.0, 0
    previous = ""
    for word in words:
        points = word_points(word)
        if previous == "å" and len(word) >= 4 and word.endswith("a"):
            points += 2  # a-infinitive (å lagra) exists only in Nynorsk
        previous = word
        if points:
            total += points
            informative += 1
    return total, informative
