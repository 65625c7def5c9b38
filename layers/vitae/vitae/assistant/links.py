"""Web addresses in what a model writes. Links reach users only from the curated catalogue
(DESIGN.md 6, "Learning resources": an LLM never supplies a URL): an explanation that carries one is
dropped (`has_url`), and a chat reply's or a suggestion's addresses outside the catalogue are taken
out (`without_unknown_links`)."""

import ipaddress
import re
import unicodedata

from vitae.taxonomy.skills import known_skills, skill_key

# A URL or a bare web address, in the text folded by NFKC (U+FF0E, a full-width dot, is "."; U+3002, the
# ideographic full stop IDNA also takes for a dot (RFC 3490 3.1), is folded by hand):
# - a scheme followed by "//" (any scheme), or a known URL scheme followed by its data ("data:text/html",
#   "javascript:alert(1)", "mailto:x@example.org"; "data: vital signs" is none), or "www.";
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://|\bwww\.|\b(?:https?|s?ftp|ftps|data|javascript|vbscript|mailto|file|tel|"
                  r"sms|wss?|ssh|git|irc|magnet|blob|about|view-source|intent|market|itms-services|chrome|"
                  r"resource|jar|gopher|news|nntp|telnet|ldap|urn|xmpp|sip|skype|callto):(?=[^\s:])", re.IGNORECASE)
# - an IPv4 address, with or without a path ("203.0.113.9/acls"), or a bracketed IPv6 one (checked by
#   `ipaddress`, so "1.2.3.400" and "[10:30]" are none);
_IP = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w]|\.\d)|\[([0-9a-f:.]{2,45})\]", re.IGNORECASE)
# - a host: dot-separated labels of letters and digits of any script, inner hyphens allowed, ending in a
#   top-level label of two letters or more of any script ("bit.ly", "ccrn.academy", "курсы-acls.рф") or a
#   punycode one ("xn--p1ai"); "e.g.", "i.e.", "Ph.D." and "3.5" are none, and a name the vocabulary knows
#   ("Node.js", "ASP.NET", "Vue.js") is a skill, not a host.
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST = re.compile(rf"(?<![\w.-])((?:{_LABEL}\.)+(?:[^\W\d_]{{2,63}}|xn--[a-z0-9-]{{1,59}}))(?![\w-])", re.IGNORECASE)


def _is_ip(candidate: str) -> bool:
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def has_url(text: str) -> bool:
    """Whether `text` carries a URL or a web address, in any shape (see _URL, _IP, _HOST): after NFKC
    folding (full-width dots), a scheme ("https://", "data:text/html,...", "javascript:..."), "www.", an
    IP address, or anything shaped like a host name in any script or top-level domain ("bit.ly",
    "xn--80ak6aa92e.xn--p1ai", "курсы-acls.рф"), unless it is a skill's name the vocabulary knows
    (Node.js, ASP.NET)."""
    text = unicodedata.normalize("NFKC", text).replace("\u3002", ".")
    if _URL.search(text):
        return True
    if any(_is_ip(v4 or v6) for v4, v6 in _IP.findall(text)):
        return True
    return any(skill_key(host) not in known_skills() for host in _HOST.findall(text))



LINK_REMOVED = "[link removed]"
_TRAILING = ".,;:!?)]}'\"»”’"


def without_unknown_links(text: str, allowed: frozenset[str]) -> tuple[str, int]:
    """`text` with every whitespace-separated word that carries a web address (`has_url`) and is not
    one of `allowed` (trailing punctuation aside) replaced by LINK_REMOVED; and how many were."""
    removed = 0

    def judged(word: str) -> str:
        nonlocal removed
        core = word.rstrip(_TRAILING)
        if not has_url(word) or core in allowed:
            return word
        removed += 1
        return LINK_REMOVED + word[len(core):]

    return re.sub(r"\S+", lambda match: judged(match.group(0)), text), removed
