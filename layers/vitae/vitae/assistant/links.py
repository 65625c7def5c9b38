"""Web addresses in what a model writes. Links reach users only from the curated catalogue
(DESIGN.md 6, "Learning resources": an LLM never supplies a URL): an explanation that carries one is
dropped (`has_url`), and a chat reply's or a suggestion's addresses outside the catalogue are taken
out (`without_unknown_links`)."""

import html
import ipaddress
import re
import unicodedata
from functools import cache
from typing import Any

from vitae.taxonomy.skills import known_skills

# A URL or a bare web address, in the text folded by NFKC (U+FF0E, a full-width dot, is "."; U+3002, the
# ideographic full stop IDNA also takes for a dot (RFC 3490 3.1), is folded by hand):
# - a scheme followed by "//" (any scheme), or a known URL scheme followed by its data ("data:text/html",
#   "javascript:alert(1)", "mailto:x@example.org"; "data: vital signs" is none), or "www.";
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://|\bwww\.|\b(?:https?|s?ftp|ftps|data|javascript|vbscript|mailto|file|tel|"
                  r"sms|wss?|ssh|git|irc|magnet|blob|about|view-source|intent|market|itms-services|chrome|"
                  r"resource|jar|gopher|news|nntp|telnet|ldap|urn|xmpp|sip|skype|callto):(?=[^\s:])", re.IGNORECASE)
# - four dot-separated numbers, an IPv4 address with or without a path ("203.0.113.9/acls"; browsers
#   read "203.0.113.010" too, as octal), or a bracketed IPv6 one (checked by `ipaddress`, so "[10:30]"
#   is none);
_IP = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w]|\.\d)|\[([0-9a-f:.]{2,45})\]", re.IGNORECASE)
# - a host: dot-separated labels of letters and digits of any script, inner hyphens allowed, ending in a
#   top-level label of two letters or more of any script ("bit.ly", "ccrn.academy", "курсы-acls.рф") or a
#   punycode one ("xn--p1ai"); "e.g.", "i.e.", "Ph.D." and "3.5" are none, and a name the vocabulary knows
#   ("Node.js", "ASP.NET", "Vue.js") is a skill, not a host. A host must end in a top-level domain the
#   Public Suffix List knows (so "resume.pdf", "D3.js" and "St.Louis" are none), and one whose name is a
#   single letter ("B.Sc.") must be followed by a path ("t.co/x").
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST = re.compile(rf"(?<![\w.-])((?:{_LABEL}\.)+(?:[^\W\d_]{{2,63}}|xn--[a-z0-9-]{{1,59}}))(?![\w-])", re.IGNORECASE)


def _is_ip(candidate: str) -> bool:
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


@cache
def _suffixes() -> Any:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


@cache
def _dotted_skills() -> frozenset[str]:
    """The vocabulary's skill names written with a dot ("node.js", "asp.net"), lower case."""
    return frozenset(name.lower() for name in known_skills().values() if "." in name)


# Extensions of files a career chat names ("README.md", "main.py", "deploy.sh"): a name ending in one,
# without a path or a scheme, is a file, though the extension is also a country's domain.
FILE_EXTENSIONS = frozenset("""md py sh rs java ts js jsx tsx json yml yaml toml ini cfg txt csv tsv rb pl pm cs
    kt kts swift go php sql r c h cpp hpp scala lua dart ex exs erl hs ml vue svelte html css scss less xml
    pdf doc docx xls xlsx ppt pptx odt rtf zip gz tar png jpg jpeg gif svg ipynb log""".split())
# Top-level domains under which a one-letter name is a site ("x.com"); elsewhere a one-letter name
# needs a path to be one ("t.co/x"), so that "B.Sc." is none.
_ONE_LETTER_SITES = frozenset("com net org io co me ly".split())


def _is_host(text: str, match: re.Match[str]) -> bool:
    """Whether the host-shaped `match` of `text` is a web address (see the comments above _HOST)."""
    host = match.group(1).lower()
    if host in _dotted_skills():
        return False
    path = text[match.end():match.end() + 1] == "/"
    suffix = _suffixes().publicsuffix(host, accept_unknown=False)
    if suffix is None:
        return False
    if suffix == host:  # a suffix itself (s3.amazonaws.com, github.io): a site with a path
        return path or host.count(".") > 1
    top = suffix.rsplit(".", 1)[-1]
    if top in FILE_EXTENSIONS and not path and host.count(".") == 1:
        return False
    name = host[:-len(suffix) - 1].rsplit(".", 1)[-1]
    return len(name) > 1 or path or top in _ONE_LETTER_SITES


def _folded(text: str) -> str:
    """`text` as a reader would see it once rendered: NFKC (full-width dots), the ideographic full
    stop as a dot, HTML entities decoded ("&#46;"), Markdown's backslash escapes and invisible
    format characters (soft hyphens, zero-width spaces) taken out, defanged dots and colons
    ("evil[.]com", "hxxps[:]//") as they are meant."""
    text = html.unescape(unicodedata.normalize("NFKC", text)).replace("\u3002", ".")
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = re.sub(r"\\(?=[^\w\s])", "", text)
    text = re.sub(r"[\[(]([.:])[\])]", r"\1", text)
    return re.sub(r"\bhxxp", "http", text, flags=re.IGNORECASE)


def has_url(text: str) -> bool:
    """Whether `text` carries a URL or a web address, in any shape (see _URL, _IP, _HOST): after NFKC
    folding (full-width dots), a scheme ("https://", "data:text/html,...", "javascript:..."), "www.", an
    IP address, or anything shaped like a host name in any script or top-level domain ("bit.ly",
    "xn--80ak6aa92e.xn--p1ai", "курсы-acls.рф"), unless it is a skill's name the vocabulary knows
    (Node.js, ASP.NET)."""
    text = _folded(text)
    if _URL.search(text):
        return True
    if any(v4 or _is_ip(v6) for v4, v6 in _IP.findall(text)):  # "203.0.113.010" is octal to browsers
        return True
    return any(_is_host(text, match) for match in _HOST.finditer(text))



LINK_REMOVED = "[link removed]"
_TRAILING = ".,;:!?)]}'\"»”’"


_EXPLICIT = re.compile(r"https?://[^\s<>()\[\]{}\"'`]+", re.IGNORECASE)


def _known(url: str, allowed: frozenset[str]) -> bool:
    from vitae.assistant.models import normal_url

    try:
        return normal_url(url.rstrip(_TRAILING)) in allowed
    except ValueError:
        return False


def without_unknown_links(text: str, allowed: frozenset[str]) -> tuple[str, int]:
    """`text` with every whitespace-separated word that carries a web address (`has_url`) replaced by
    LINK_REMOVED, unless the address is an http(s) URL among `allowed` (normalised URLs, compared
    by their normal form: "https://Example.org" is "https://example.org/"; the brackets of a
    Markdown link around it and trailing punctuation aside); and how many were replaced."""
    removed = 0

    def judged(word: str) -> str:
        nonlocal removed
        if not has_url(word):
            return word
        urls = _EXPLICIT.findall(word)
        if urls and all(_known(url, allowed) for url in urls) and not has_url(_EXPLICIT.sub(" ", word)):
            return word
        removed += 1
        if "](" in word and ")" in word:  # a Markdown link goes whole, its brackets with it
            return LINK_REMOVED + word[word.rindex(")") + 1:]
        core = word.rstrip(_TRAILING)
        return LINK_REMOVED + word[len(core):]

    return re.sub(r"\S+", lambda match: judged(match.group(0)), text), removed
