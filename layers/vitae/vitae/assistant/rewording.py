"""The rewording vocabulary of tailored resumes (`vitae.assistant.tailoring`): the only words a model's
rewrite may add that its source does not have. An ALLOWLIST: a word outside it that the source lacks
(a place, a date, a figure, a qualification, a role, an employer, an outcome) makes the rewrite an
invention, and the source text stays.

Where the words come from: the action-verb lists that university career centres publish for resume
bullets (for example Colorado State University Pueblo's Career Center, "Action verbs",
http://www.colostate-pueblo.edu/careercenter/Jobs/EmploymentOpportunities/Resume/Pages/default.aspx,
and the Action + Problem + Result guide of Princeton's Career Services), selected by hand: a verb is in
when it says how something was done, not what was achieved. Left out, so that a rewrite may use them
only where its source does:
- outcomes and magnitudes: increase, reduce, cut, save, grow, double, boost, exceed, surpass, achieve,
  win, earn, generate, expand, accelerate, raise, secure (funding), sell;
- facts of a career: found (founder), establish, publish, present (a talk), patent, certify,
  translate (a language), promote (a promotion), employ, volunteer, award, educate (schooling),
  diagnose and triage (a clinical scope of practice);
- quantities and frequencies, however vague: several, multiple, numerous, many, various, daily,
  weekly, monthly (a source's "monthly reports" must not become "daily reports"), and scope words
  such as "all" and "every" ("built all the APIs"); figures and number
  words are checked as figures anyway (`tailoring.numbers_in`);
- titles and roles: a verb whose bare form is a role or a rank ("lead", "head", "chair", "partner",
  "mentor", "coach", "engineer", "pilot", "champion", "owner"...) is in only as -ed and -ing forms
  ("led", "headed", "partnering"), never bare or with -s ("as lead", "partners").
Leading people is a fact: LEADERSHIP_VERBS (led, managed, supervised, trained, mentored...) are
allowed only where the reference already states leadership (`LEADERSHIP_MARKERS`: "managed",
"supervised", "mentored"..., or a word such as "manager", "supervisor", "leadership"); "Built REST APIs" must not
become "Led the building of REST APIs".

Sizes: ACTION_VERBS 190 verbs, LEADERSHIP_VERBS 21, CONNECTORS 81 words and compounds, SELF_DESCRIPTIONS
71 (the unit tests pin the ranges). Words are written in American spelling, lower case; the
comparison puts a rewrite's words in the same form (`vitae.taxonomy.skills.american`).
"""

# Verbs (base forms) of resume bullets that say how work was done. Regular inflections are generated
# (`inflections`), irregular ones are in IRREGULAR.
ACTION_VERBS = frozenset("""
adapt address adjust administer adopt advise advocate align analyze answer apply arrange assemble assess
assist audit author automate balance brief build calculate catalog champion clarify classify collaborate
collect communicate compile complete compose conduct configure consolidate consult contribute convert
cooperate coordinate correspond craft create customize debug define deliver demonstrate deploy design
detect determine develop devise document draft drive edit enable engage engineer enhance ensure
evaluate examine execute expedite explain explore facilitate finalize fix forecast formulate gather handle
help host identify implement improve inform initiate inspect install integrate interact interpret
introduce investigate launch leverage liaise maintain map measure migrate model modernize monitor
navigate negotiate observe operate optimize orchestrate organize outline own participate partner
perform pilot plan power prepare prioritize process produce propose protect prototype provide record
redesign refactor refine release reorganize report represent research resolve respond restructure revamp
review revise rework roll run schedule scope serve set shape ship simplify solve standardize streamline
strengthen structure summarize support survey synthesize tailor test track transform troubleshoot
tune update upgrade use utilize validate verify work write
allocate check compare connect discuss distribute encourage estimate listen reconcile repair replace restore
screen select share specify visualize keep
""".split())

# Verbs that state that someone led people: allowed only where the reference states leadership.
LEADERSHIP_VERBS = frozenset("""
chair coach delegate direct guide head hire instruct lead manage mentor motivate onboard oversee recruit
spearhead steer supervise teach train tutor
""".split())

# Verbs whose bare form (and its -s form) is a role, a rank or a noun that states a fact: only their
# -ed and -ing forms (and irregular past forms) are allowed.
TITLE_VERBS = frozenset("""
author champion chair coach engineer head host lead mentor own partner pilot tutor
""".split())

IRREGULAR: dict[str, tuple[str, ...]] = {
    "build": ("built",), "drive": ("drove", "driven"), "lead": ("led",), "oversee": ("oversaw", "overseen"),
    "run": ("ran",), "set": ("set",), "teach": ("taught",), "write": ("wrote", "written"),
    "rework": ("reworked",), "hire": ("hired",), "keep": ("kept",),
}
_DOUBLED = frozenset("plan ship run set map".split())  # planned, shipped, running, setting, mapped


def inflections(verb: str) -> frozenset[str]:
    """A verb's forms as a rewrite may use them: base, -s, -ed and -ing by the regular rules ("manage" ->
    manages, managed, managing; "apply" -> applies, applied, applying; "plan" -> planned, planning), its
    IRREGULAR forms, and for TITLE_VERBS only the -ed, -ing and irregular forms. Over-generation (a form
    that is no word) is harmless: nobody writes it."""
    if verb.endswith("e"):
        forms = {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        forms = {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms = {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms = {verb + "s", verb + "ed", verb + "ing"}
    if verb in _DOUBLED:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    forms |= set(IRREGULAR.get(verb, ()))
    if verb in TITLE_VERBS:
        return frozenset(f for f in forms if f.endswith(("ed", "ing")) or f in IRREGULAR.get(verb, ()))
    return frozenset(forms | {verb})


# Neutral words a rewording adds without stating a fact: connectors, qualifiers of manner, generic
# nouns of work. Hyphenated compounds are judged whole when listed here, else part by part.
CONNECTORS = frozenset("""
across alongside including key core critical essential important relevant related effective effectively
efficient efficiently successful successfully accurate accurately timely consistent consistently clear
clearly closely actively directly proactively regularly routinely ongoing regular routine new existing
safely promptly thoroughly thorough carefully
overall wide range variety together throughout
end-to-end cross-functional day-to-day hands-on evidence-based data-driven high-quality
work tasks activities processes procedures practices standards workflows systems services solutions tools
operations projects initiatives needs requirements stakeholders colleagues team teams members peers issues
problems business organization delivery quality
""".split())

# What a summary may say of the person without stating a verifiable fact. Not here: experienced,
# seasoned, veteran, expert, senior, accomplished, award-winning, certified, chartered, licensed,
# qualified, registered (facts, or claims of them), patient (a noun of nursing).
SELF_DESCRIPTIONS = frozenset("""
dedicated reliable dependable motivated self-motivated compassionate detail-oriented collaborative proactive
hardworking hard-working adaptable organized well-organized enthusiastic passionate committed conscientious
diligent empathetic caring friendly personable resourceful versatile thorough meticulous analytical creative
innovative energetic curious flexible positive calm composed supportive respectful approachable driven
results-driven results-oriented goal-oriented team-oriented focused honest punctual kind warm cheerful
confident resilient eager keen thoughtful pragmatic practical responsive trustworthy ethical professional
individual strong excellent solid skilled background learner quick learn learning
""".split())

# Grammatical words: never content, free in any rewrite.
FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet for of to in on at by with from into onto upon over under about above below
after before during while whilst since until through within without between among against toward towards
via per as than then also too very well both either neither each any some such same other
another own i me my mine myself we us our ours you your yours he him his she her hers it its they them
their theirs this that these those who whom whose which what where when why how is am are was were be
been being has have had having do does did doing done will would shall should can could may might must
not no more most less least further just even still already again there here one ones etc
up out off down don doesn didn isn aren wasn weren hasn haven hadn couldn wouldn shouldn ll re ve co
""".split())

# What states leadership in a reference: the past and -ing forms of the leadership verbs that are never
# about something else ("trained" is not: "trained in ACLS"; "leading" is not: "a leading provider"), and
# these nouns. A heuristic: "lead" also opens "lead generation"; then a leadership verb may pass.
LEADERSHIP_NOUNS = frozenset("""
lead leader leaders leadership manager managers management supervisor supervisors supervision head
director directors chief mentor mentors mentorship coach trainer teacher tutor captain foreman forewoman
chair chairman chairwoman chairperson
""".split())
LEADERSHIP_MARKERS = LEADERSHIP_NOUNS | frozenset("""
led managed managing manages supervised supervising supervises oversaw overseen overseeing oversees mentored
mentoring coached coaching headed spearheaded spearheading chaired chairing directed delegated hired
recruited onboarded taught tutored instructed
""".split())
LEADERSHIP_FORMS = frozenset(form for verb in LEADERSHIP_VERBS for form in inflections(verb))
# A bullet's added words must be here (or in LEADERSHIP_FORMS where the reference states leadership).
BULLET_WORDS = frozenset(form for verb in ACTION_VERBS for form in inflections(verb)) | CONNECTORS
# A summary's: the same, and the self-descriptions.
SUMMARY_WORDS = BULLET_WORDS | SELF_DESCRIPTIONS
