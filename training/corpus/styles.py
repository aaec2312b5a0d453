"""Writing-style transforms that make template sentences look like what citizens really type."""
import random
import re
import unicodedata

AZERTY_NEIGHBOURS = {
    "a": "zqs", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok", "o": "ipl",
    "p": "om", "q": "asw", "s": "qdz", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy", "j": "hku", "k": "jli",
    "l": "kmo", "m": "lp", "w": "xq", "x": "wc", "c": "xv", "v": "cb", "b": "vn", "n": "b",
}

# Ordered longest first so that "s'il vous plait" wins over "vous".
SMS_REPLACEMENTS = [
    (r"\bs'il vous plait\b", ["svp", "stp", "svp"]), (r"\bs'il te plait\b", ["stp"]),
    (r"\bqu'est-ce que\b", ["keske", "qu'est ce que"]), (r"\best-ce que\b", ["esque", "est ce que", "estce que"]),
    (r"\best-il possible\b", ["c possible", "est il possible"]), (r"\bbonjour\b", ["bjr", "bonjour", "bjr"]),
    (r"\bbonsoir\b", ["bsr", "bonsoir"]), (r"\bje voudrais\b", ["je voudrai", "jvoudrai", "je voudrai"]),
    (r"\bje souhaiterais\b", ["je souhaiterai", "je voudrai"]), (r"\bje souhaite\b", ["je veux", "je souhaite"]),
    (r"\bpourriez-vous\b", ["pouvez vous", "vous pouvez", "pourriez vous"]), (r"\bpouvez-vous\b", ["pouvez vous", "vous pouvez"]),
    (r"\bbeaucoup\b", ["bcp"]), (r"\bquand\b", ["qd", "quand"]), (r"\bpour\b", ["pr", "pour", "pr"]),
    (r"\brendez-vous\b", ["rdv"]), (r"\baujourd'hui\b", ["ajd", "auj"]), (r"\bmerci\b", ["merci", "mrc", "mci"]),
    (r"\bc'est\b", ["c", "cest", "c'est"]), (r"\bj'ai\b", ["jai", "j ai"]), (r"\bje suis\b", ["jsuis", "je suis"]),
    (r"\bvous\b", ["vs", "vous"]), (r"\bnous\b", ["ns", "nous"]), (r"\btoujours\b", ["tjrs", "tjs"]),
    (r"\bcomment\b", ["cmt", "comment"]), (r"\bdans\b", ["ds", "dans"]), (r"\bavec\b", ["avc", "avec"]),
    (r"\bmessage\b", ["msg"]), (r"\btelephone\b", ["tel"]), (r"\bparce que\b", ["pcq", "parce ke"]),
    (r"\bquelque\b", ["qlq"]), (r"\bquoi\b", ["koi"]), (r"\bque\b", ["que", "ke", "que"]), (r"\bqu'il\b", ["kil", "qu'il"]),
    (r"\bd'avance\b", ["davance"]), (r"\bmonsieur\b", ["mr", "monsieur"]), (r"\bmadame\b", ["mme", "madame"]),
    (r"\bcarte d'identite\b", ["cni", "carte d'identite", "carte d identite"]), (r"\bmairie\b", ["mairie", "mairi"]),
    (r"\bil y a\b", ["ya", "il y a", "y a"]), (r"\bn'est\b", ["est"]), (r"\bne\s", [""]), (r"\bje ne\b", ["je", "jne"]),
]

TYPO_WORD_SWAPS = [
    (r"\bje voudrais\b", "je voudrai"), (r"\bvoudrais\b", "voudrai"), (r"\bsouhaiterais\b", "souhaiterai"),
    (r"\bd'avance\b", "davance"), (r"\bc'est\b", "cest"), (r"\bj'ai\b", "jai"), (r"\bà\b", "a"), (r"\bes\b", "est"),
    (r"\bquel\b", "quelle"), (r"\bquelles\b", "quels"), (r"\brendez-vous\b", "rendez vous"), (r"\bmerci\b", "mercie"),
    (r"\bpeut-on\b", "peut on"), (r"\bfaut-il\b", "faut il"), (r"\best-ce\b", "est ce"), (r"\bmoi-même\b", "moi même"),
    (r"\bdemandé\b", "demander"), (r"\benvoyé\b", "envoyer"), (r"\bdéposé\b", "déposer"), (r"\bpassé\b", "passer"),
    (r"\bacceuil\b", "accueil"), (r"\baccueil\b", "acceuil"), (r"\bnécessaire\b", "nécéssaire"), (r"\bvotre\b", "vôtre"),
    (r"\bapparemment\b", "apparament"), (r"\bcordialement\b", "cordialemant"), (r"\bdifférents\b", "différent"),
]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def fix_articles(text: str) -> str:
    """Slot values start with their own noun ("avenue Foch"), so templates saying "la {rue}" need French elision."""
    text = re.sub(r"\b([Ll])a (avenue|allée|impasse)\b", r"\1'\2", text)
    text = re.sub(r"\b([Dd]e) la (boulevard|chemin|quai|square)\b", r"du \2", text)
    text = re.sub(r"\b([Ll])a (boulevard|chemin|quai|square)\b", r"\1e \2", text)
    text = re.sub(r"\b([Dd])e (le|les) ", lambda m: f"{m.group(1)}{'u' if m.group(2) == 'le' else 'es'} ", text)
    text = re.sub(r"\b([Dd])e (un|une) ", r"\1'\2 ", text)
    text = re.sub(r"\bà le ", "au ", text)
    text = re.sub(r"\bà les ", "aux ", text)
    text = re.sub(r"\b([Ll])e (l'école|la salle|la maison|l'espace|le groupe)", lambda m: m.group(2), text)
    text = re.sub(r"\bau (l'école|l'espace)", r"à \1", text)
    text = re.sub(r"\bau (la salle|la maison)", r"à \1", text)
    text = re.sub(r"\b([Dd])e (l'école|l'espace|la salle|la maison)", lambda m: f"{m.group(1)}e {m.group(2)}", text)
    return text


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def add_typos(text: str, rng: random.Random, rate: float = 0.05) -> str:
    """Keyboard slips (neighbour keys, dropped, doubled or swapped letters) and common French spelling mistakes."""
    for pattern, replacement in TYPO_WORD_SWAPS:
        if rng.random() < 0.35:
            text = re.sub(pattern, replacement, text, count=1)
    words = text.split(" ")
    for index, word in enumerate(words):
        if len(word) < 4 or rng.random() > rate:
            continue
        position = rng.randrange(1, len(word) - 1)
        kind = rng.random()
        char = word[position].lower()
        if kind < 0.3:
            word = word[:position] + word[position + 1:]
        elif kind < 0.55:
            word = word[:position] + word[position] + word[position:]
        elif kind < 0.8:
            word = word[:position - 1] + word[position] + word[position - 1] + word[position + 1:]
        elif char in AZERTY_NEIGHBOURS:
            word = word[:position] + rng.choice(AZERTY_NEIGHBOURS[char]) + word[position + 1:]
        words[index] = word
    if rng.random() < 0.3:
        text = " ".join(words).replace(" ?", "?").replace(" !", "!")
    else:
        text = " ".join(words)
    return text


def sms_style(text: str, rng: random.Random) -> str:
    """Lower case, no accents, abbreviations, little punctuation: "bjr je voudrai un acte de naissance pr mon fils svp"."""
    text = strip_accents(text).lower()
    for pattern, choices in SMS_REPLACEMENTS:
        text = re.sub(pattern, lambda _: rng.choice(choices) if rng.random() < 0.75 else _.group(0), text)
    text = re.sub(r"[.;:]+(\s|$)", lambda m: " " if rng.random() < 0.7 else ". ", text)
    text = re.sub(r",", lambda _: "" if rng.random() < 0.6 else ",", text)
    text = re.sub(r"\?", lambda _: rng.choice(["?", "??", " ?", ""]), text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n", text)
    return text.strip()


def shout(text: str) -> str:
    return text.upper()


def apply_style(text: str, style: str, rng: random.Random) -> str:
    if style == "clean":
        return text
    if style == "no-accents":
        return strip_accents(text)
    if style == "typos":
        return add_typos(text, rng)
    if style == "no-accents+typos":
        return add_typos(strip_accents(text), rng)
    if style == "sms":
        return sms_style(text, rng)
    if style == "sms+typos":
        return add_typos(sms_style(text, rng), rng, rate=0.04)
    if style == "lowercase":
        return text.lower()
    if style == "caps":
        return shout(text)
    raise ValueError(f"unknown style {style}")
