"""Does a sentence ask for a job? The wording rules behind the job-ask guardrail (pure).

An informational meeting is for learning: a guest who senses a request for a job, an
opening, a referral or a hand-over of a résumé pulls back. The same words are often
innocent, though: a question about hiring in the field, about the guest's own path
("how did you get hired?") or about the résumé conventions of an industry is exactly
what the meeting is for. So the rules look for the *shape* of an ask, not for words:

- something of yours handed over or looked at: "send you my résumé", "look over my CV";
- a wish to be remembered for openings: "keep me in mind", "if something opens up";
- someone speaking for you: "put in a good word", "refer me for", "mention my name";
- openings on their side: "any openings", "roles you are recruiting for", "vacancies";
- their hiring, now: "is your team hiring?", "who is hiring?", not "hiring in 2027";
- a place for you: "room for someone like me", "could use my skills", "take me on";
- applying and interviews: "should I apply", "get me an interview".

Each rule is a regular expression matched within one sentence. A match that says
nothing about you (no "me", "my" or "I") is set aside when the sentence is about the
guest's past ("did you", "when you started", "your first job"): that is a question
about their path. So is wording that follows a denial ("I'm not asking about openings")
with no turn ("but", "however") in between.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from generator.patterns import LazyPattern, for_lower_case, in_lower_case

# ---------------------------------------------------------------------------- pieces

SAME_SENTENCE = 200
"""How far apart, in characters, the words of one ask may stand: further than in any
sentence people write, and a bound, so a text without a full stop (a pasted page on one
line) takes time in step with its length, not its square (128 KB of one goal took 35 s)."""
_WITHIN = rf"[^.?!;]{{0,{SAME_SENTENCE}}}"
"""The words between two parts of an ask, in the same sentence."""

_LIKE_ME = (
    r"(?:(?:someone|somebody|a\s+person|people|candidates|an?\s+[\w-]+(?:\s+[\w-]+)?)\s+like\s+"
    r"(?:me|myself)|(?:someone|somebody|a\s+person|people|candidates)\s+with\s+my\s+[\w-]+"
    r"(?:\s+[\w-]+)?)"
)
"""Someone standing in for you: "someone like me", "a nurse like me", "people with my skills"."""
_ME = rf"(?:me|{_LIKE_ME})"
"""You, or someone standing in for you."""
_TEAM = (
    r"(?:team|group|company|department|unit|firm|organi[sz]ation|hospital|practice|lab|crew"
    r"|side|office|division|squad|agency|studio|place|business|shop|org)"
)
_THEIRS = (
    r"(?:you(?:\s+(?:all|guys))?|they|(?:your|her|his|their)\s+(?:own\s+)?(?:[\w-]+\s+)?"
    rf"[\w-]+|(?:the|this|that)\s+(?:[\w-]+\s+)?{_TEAM}"
    r"|(?-i:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?))"
)
"""The side that could hire: the guest, their team or company, or a company by name."""
_JOB = r"(?:jobs?|positions?|roles?|reqs?|requisitions?|openings?|vacanc(?:y|ies))"
_A_JOB = (
    r"(?:an?\s+(?:[\w-]+\s+)?(?:role|position|job|spot|opening|vacancy|req|place|seat)"
    r"|something|anything|one)"
)
_STAFF = (
    r"(?:staff|people|hires?|anyone|anybody|someone|somebody|interns?|grads?|graduates?"
    r"|apprentices?|juniors?|trainees?|employees?|designers?|analysts?|engineers?|developers?"
    r"|nurses?|researchers?|assistants?|associates?|consultants?|writers?|planners?"
    r"|coordinators?|specialists?|scientists?|informaticists?|teachers?|educators?|trainers?"
    r"|managers?|technicians?|person|members?|heads?|officers?|veterans?|changers?"
    r"|career-changers?|newcomers?|generalists?|hands|part-timers?|freelancers?|contractors?"
    r"|temps?)"
)
"""People a team takes on (not clients, customers or patients)."""
_STAFF_LIKE = (
    rf"(?:{_STAFF}|(?!(?:customers?|clients?|users?|vendors?|suppliers?|partners?|patients?"
    r"|sponsors?|investors?|buyers?|better|bigger|newer|faster|cheaper|easier|other|another"
    r"|either|neither|order|corner)\b)[\w-]+(?:er|or|ist|ant|ian)s?)"
    r"(?=\s*(?:[.?!,;]|$|(?:on|for|in|at|to|from|right|this|next|soon|with|like|and|or|who|if"
    r"|so|now)\b))"
)
"""Someone to take on, by the ending of the word ("a part-timer", "a translator") when
it ends the phrase: not "a bigger role"."""
_HIRES = (
    r"(?:hiring|recruiting|(?:taking|bringing)\s+on\s+(?:new\s+|more\s+|any\s+|junior\s+"
    rf"|senior\s+|extra\s+)?(?:[\w-]+\s+)?{_STAFF}\b)"
)
"""Hiring, in so many words."""
_PAPERS = (
    r"(?:r[ée]sum[ée]s?|cvs?|c\.v\.?|curriculum\s+vitae|cover\s+letters?|applications?"
    r"|references?|candidacy)"
)
"""What you hand in to be hired."""
_MY_PAPERS = (
    r"(?:my|(?:a\s+copy|copies)\s+of\s+my)\s+(?:[\w-]+\s+)?"
    rf"(?:{_PAPERS}|portfolio|work\s+samples|credentials|details|contact\s+details|profile"
    r"|linkedin(?:\s+profile)?)\b"
)
_HAND_OVER = (
    r"\b(?:(?:send|pass|forward|hand|e-?mail|mail|drop|attach|show|look|review|read|check"
    r"|keep|bring|submit|run|flag|get)(?:s|ed|ing|ped|ping|ged|ging|ning|ting)?|sent|kept"
    r"|brought|ran|got|shar(?:e|es|ed|ing)|giv(?:e|es|en|ing)|gave|leav(?:e|es|ing)|left"
    r"|circulat(?:e|es|ed|ing)|glanc(?:e|es|ed|ing)|critiqu(?:e|es|ed|ing)"
    r"|fil(?:e|es|ed|ing)|see|seen|saw|rout(?:e|es|ed|ing))\b"
)
"""Verbs that pass something to someone, or ask them to look at it."""
_HIRING_SIDE = (
    r"(?:recruiters?|recruiting|recruitment|hiring\s+(?:managers?|teams?|leads?|committees?)"
    r"|hr|talent(?:\s+(?:team|acquisition|partners?))?|human\s+resources|people\s+(?:team|ops)"
    r"|(?:person|people|one|manager|folks)\s+(?:who|that)\s+(?:hires|(?:is|are)\s+hiring"
    r"|does\s+(?:the\s+)?hiring|handles?\s+(?:the\s+)?hiring|makes?\s+(?:the\s+)?hiring"
    r"\s+decisions|runs?\s+(?:the\s+)?hiring)|whoever\s+(?:hires|is\s+hiring|does\s+"
    r"(?:the\s+)?hiring|handles\s+(?:the\s+)?hiring))"
)
"""Whoever decides on hiring."""
_NOT_WORK = r"(?![-\s]*(?:life|samples?|model|done|through)\b)"
"""After "work" or "role": not work-life balance, work samples, a role model."""
_STUDY = (
    r"(?!\s+(?:for|to)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:certificates?|courses?|programs?"
    r"|programmes?|degrees?|grants?|fellowships?|scholarships?|master'?s|mba|class(?:es)?"
    r"|training|bootcamps?|licen[cs]es?|certifications?|internships?|schools?|universit(?:y|ies)"
    r"|colleges?)\b)"
    r"(?!\s+(?:my|these|this|that|what|it|them|the\s+(?:skills?|lessons?|knowledge|methods?"
    r"|ideas?))\b)"
)
"""After "apply": not applying for a course, nor applying a skill."""
_LEARNING = (
    rf"(?!{_WITHIN}\bto\s+(?:learn|grow|develop|train|study|build|try|practi[cs]e|shadow|observe"
    r"|volunteer|mentor|speak|present|lead))"
)
"""Not an opportunity to learn or to grow."""

_ADVICE = LazyPattern(
    r"\b(?:how|what|which|when|why|should\s+I|do\s+I\s+need|is\s+it\s+(?:worth|better|ok|okay"
    r"|wise|common|normal|usual))\b",
    re.IGNORECASE,
)
"""A question asking for advice ("how should I tailor my CV?"), not for a hand-over."""
_ABOUT_THE_FIELD = LazyPattern(
    r"^(?!.*\byour\b).*\b(?:this|the|that)\s+(?:field|industry|sector|profession|area"
    r"|line\s+of\s+work|market|world)\b",
    re.IGNORECASE,
)
"""A question about the field at large, not about the guest's own team."""


@dataclass(frozen=True, slots=True)
class AskRule:
    """One shape of a job ask."""

    kind: str
    """What is asked for, for people: résumé, remember me, speak for me, openings,
    hiring, a place for me, applying, asks for me (the general rule)."""
    pattern: re.Pattern[str]
    """Matched within one sentence, without case (a company name is the exception)."""
    unless: re.Pattern[str] | None = None
    """A sentence this matches is not an ask by this rule, whatever `pattern` finds."""
    also: tuple[re.Pattern[str], ...] = ()
    """Patterns the sentence must match as well, anywhere."""
    unless_in_clause: bool = False
    """`unless` is looked for only in the wording's own clause, up to its end: in "learn
    how the team works and whether I could apply for the role", the "how" asks about the
    team, not about applying."""


@dataclass(frozen=True, slots=True)
class _Wording:
    """An `AskRule` as written, its patterns not yet compiled (`job_ask_rules`)."""

    kind: str
    pattern: str
    unless: LazyPattern | None
    also: tuple[str, ...]
    unless_in_clause: bool

    def rule(self) -> AskRule:
        unless = None if self.unless is None else self.unless.compiled
        needed = tuple(re.compile(p, re.IGNORECASE) for p in self.also)
        pattern = re.compile(self.pattern, re.IGNORECASE)
        return AskRule(self.kind, pattern, unless, needed, self.unless_in_clause)


def _rules(
    kind: str,
    *patterns: str,
    unless: LazyPattern | None = None,
    also: tuple[str, ...] = (),
    unless_in_clause: bool = False,
) -> list[_Wording]:
    return [_Wording(kind, p, unless, also, unless_in_clause) for p in patterns]


def _unless_advice(kind: str, *patterns: str) -> list[_Wording]:
    """Rules that a question for advice in the wording's own clause turns off ("how should
    I tailor my CV?"), while advice sought elsewhere in the sentence does not ("learn how
    the team works and whether I could apply for the role")."""
    return _rules(kind, *patterns, unless=_ADVICE, unless_in_clause=True)


_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|or|whether)\b", re.IGNORECASE)
"""Where a clause of a sentence starts: an advice word before it governs another one."""


def _clause_start(sentence: str, end: int) -> int:
    """Where the clause holding the text that ends at `end` starts."""
    return max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, end)), default=0)


_REQUEST = (
    r"\b(?:could|would|can|will|might)\s+(?:you|your\s+[\w-]+)\b|\bwould\s+it\s+be\s+possible\b"
    r"|\b(?:is|was)\s+there\s+(?:any\s+)?(?:chance|way|possibility)\b|\bI\s+(?:was|am|'m)\s+"
    r"(?:wondering|hoping)\b|\bplease\b|\blet\s+me\s+know\b|^\s*ask\s+(?:if|whether|her|him"
    r"|them)\b|\bdo\s+you\s+think\s+(?:you|your)\b"
)
"""A request to the guest or their side."""
_FOR_ME = r"\b(?:me|my|I|myself)\b"
_HIRING_WORDS = (
    r"\b(?:jobs?(?!\s+(?:descriptions?|titles?|boards?|market|search(?:es)?|hunt(?:ing)?)\b)"
    r"|roles?|positions?|posts?|openings?|vacanc(?:y|ies)|hir(?:e|es|ed|ing)"
    r"|recruit\w*|appl(?:y|ying|ied|ication|ications)|r[ée]sum[ée]s?|cvs?"
    r"|(?<!other\s)(?<!these\s)(?<!those\s)(?<!\bmy\s)(?<!\bour\s)(?<!past\s)"
    r"(?<!informational\s)interview(?:s|ing)?"
    r"|offers?(?!\s+(?:me|us|you|him|her|them|some|any|a\s+few|advice|help|guidance|tips"
    r"|thoughts|feedback|pointers)\b)|referrals?|references?|referees?|recommendations?"
    r"|headcount|contract(?:s|ors?)?"
    r"|shortlist(?:s|ed)?|trial|pair\s+of\s+hands|onboard)\b"
)
"""Words of hiring, for the general rule (`asks for me`)."""
_OPINION = LazyPattern(
    r"^\W*(?:how|what|which|when|why|where|who)\b|\b(?:how|what|which|why)\s+(?:should|could"
    r"|would|do|does|did|can|is|are|was|were|might)\b"
    r"|\b(?:should\s+I|is\s+it\s+(?:worth|better|ok|okay|wise|common"
    r"|normal|usual)|say|think|advise|suggest|recommend|explain|describe|walk\s+me\s+through"
    r"|understand|learn|opinion|view|feel|informational)\b|\btell\s+me\s+(?:more\s+)?(?:about"
    r"|how|what|why|whether|if)\b",
    re.IGNORECASE,
)
"""A sentence asking for a view, advice or an explanation."""


_JOB_ASK_WORDINGS: tuple[_Wording, ...] = (
    *_rules(
        "résumé",
        # "send you my résumé", "look over my CV", "bring copies of my resume", "flag my name"
        rf"{_HAND_OVER}[^.?!;]{{0,30}}?\b{_MY_PAPERS}",
        # "leave a CV with you", "email the résumé"
        rf"{_HAND_OVER}(?:\s+(?:you|him|her|them|it|along|on|over|in|out))?\s+"
        rf"(?:a|the|an)\s+(?:copy\s+of\s+(?:a|the)\s+)?{_PAPERS}\b(?!\s+(?:process|form)s?\b)",
        r"\b(?:accepting|taking|inviting|open\s+to|considering)\s+(?:any\s+|new\s+|more\s+)?"
        r"(?:applications|applicants|candidates|r[ée]sum[ée]s|cvs)\b",
    ),
    # "is my CV good enough for your team?" (but "how should I tailor my CV?" is advice)
    *_unless_advice("résumé", rf"\bmy\s+(?:[\w-]+\s+)?{_PAPERS}\b"),
    *_rules(
        "remember me",
        rf"\b(?:keep|kept|have|hold|bear)\s+{_ME}\s+in\s+mind\b",
        r"\bthink\s+of\s+me\b",
        r"\bremember\s+me\b(?!\s+to\b)",
        r"\b(?:eyes?|ears?)\s+(?:out|open|peeled)\s+for\s+(?:me|anything|something|any\s+[\w-]+"
        rf"|{_JOB}|opportunit(?:y|ies)|[\w-]+\s+{_JOB})\b",
        r"\b(?:keep|put|stay|be|remain)\s+(?:me\s+|my\s+name\s+)?on\s+your\s+radar\b",
        # "if something opens up", "when a role comes up", "if a position becomes available"
        rf"\b{_A_JOB}\s+(?:ever\s+|should\s+|might\s+|may\s+|could\s+|will\s+|would\s+)?"
        r"(?:opens?|opened|frees?|freed)(?:\s+up)?\b",
        r"\b(?:anyone|someone|people|anybody)\s+(?:on|in|at)\s+your\s+(?:[\w-]+\s+)?"
        rf"{_TEAM}\s+(?:is\s+|are\s+)?(?:leaving|retiring|moving\s+on|going\s+on\s+leave)\b",
        rf"\b{_A_JOB}\s+(?:ever\s+|should\s+|might\s+|may\s+|could\s+|will\s+|would\s+)?"
        r"(?:comes?|came|turns?|come|turn)\s+(?:up|along)\b",
        r"\b(?:role|position|job|spot|opening|vacancy|req|place|something|anything)\s+"
        r"(?:ever\s+)?(?:becomes?|is\s+made)\s+(?:available|vacant|free)\b",
        r"\bif\s+you\s+(?:ever\s+)?(?:hear|know|learn)\s+(?:of|about)\s+(?:anything|something"
        r"|any\s+(?:[\w-]+\s+)?(?:roles?|positions?|jobs?|openings?|opportunit(?:y|ies)"
        r"|vacanc(?:y|ies)))\b",
    ),
    *_rules(
        "speak for me",
        r"\bput\s+in\s+a\s+(?:good\s+|kind\s+|positive\s+)?word\b",
        r"\b(?:put|say|drop|have|give)\s+a\s+(?:good\s+|kind\s+|positive\s+)?word\s+in\b",
        r"\b(?:put|say|drop|have|give)\s+(?:in\s+)?a\s+(?:good\s+|kind\s+|positive\s+)?word\b"
        r"[^.?!;]{0,40}?\bfor\s+me\b",
        r"\b(?:a\s+(?:good|kind)\s+)?word\s+(?:in\s+)?(?:for|about)\s+me\b",
        r"\b(?:vouch|speak\s+up|put\s+in)\s+for\s+(?:me|my)\b",
        r"\bon\s+my\s+behalf\b",
        r"\b(?:endors|sponsor|nominat|champion)\w*\s+me\b|\badvocate\s+for\s+me\b",
        # "refer me", but not "refer me to someone who knows" or "to any groups"
        r"\brefer(?:ring)?\s+me\b(?!\s+(?:on\s+)?to\s+(?:someone|somebody|anyone|people|others?"
        r"|other\s+[\w-]+|a\s+few|some\s+[\w-]+|any\s+(?:books?|resources?|reading|groups?"
        r"|meetups?|communities|courses?|colleagues?|people|articles?|reports?)|(?:a|an|the"
        r"\s+right|the\s+best)\s+(?:colleague|friend|person|peer|book|course|resource|mentor"
        r"|group|meetup|community|article|report|expert)s?)\b)",
        # "a referral", "an employee referral" (not a patient's, not the referral process)
        r"\b(?:a|an|any|get|getting|ask(?:ing)?\s+(?:[\w-]+\s+)?for|need|want|give\s+me)\s+"
        r"(?!(?:patient|clinical|medical|specialist|customer|client|care|physician|doctor|lab"
        r"|self)\b)(?:[\w-]+\s+)?referrals?\b(?!\s+(?:process|program|programme|pathway|system"
        r"|workflow|rates?|forms?|networks?|patterns?|volumes?|queues?|loops?|sources?"
        r"|bonus(?:es)?|partners?|criteria|guidelines)\b)",
        r"\b(?:recommendation|endorsement|reference|referral)s?\s+(?:letter\s+)?(?:for|of)\s+me\b",
        r"\b(?:as|be|being)\s+(?:a|my|one\s+of\s+my)\s+(?:references?|referees?)\b",
        r"\bmy\s+referees?\b",
        r"\brecommend(?:ing)?\s+me\b(?!\s+(?:a|an|some|any|the|one|two|three|good|books?"
        r"|reading|resources?|courses?|something|anything)\b)",
        r"\bput\s+(?:me|my\s+name)\s+(?:forward|up\s+for|in\s+for|down\s+for)\b",
        r"\b(?:pass|put|send|forward|give|mention|drop|submit|share|float|flag)\w*\s+"
        r"(?:on\s+|along\s+|in\s+|forward\s+|up\s+)?my\s+name\b",
        r"\bmy\s+name\s+(?:to|forward|along|around|in\s+for|up\s+for|on\s+to|in\s+front)\b",
        r"\bmention\s+me\s+to\b",
        # "can I use your name when I apply?", "may I say you referred me?", "could I name you
        # as my referrer?" (but "may I use your name when I write to Sam?")
        r"\b(?:use|using|used|mention\w*|drop\w*|give|giving|quote|quoting|cite|citing)\s+"
        r"(?:your|her|his|their)\s+name\b[^.?!;]{0,40}?\bI\s+(?:\w+\s+)?apply\b",
        r"\b(?:say|tell\s+\w+|mention|write)\s+(?:that\s+)?(?:you|she|he|they)\s+referred\s+me\b",
        r"\b(?:nam|list|putt?|giv)(?:e|ed|es|ing|s)?(?:\s+down)?\s+(?:you|her|him|them)\s+as\s+"
        r"(?:a\s+|my\s+)?"
        r"(?:referrer|referee|reference)s?\b",
        r"\b(?:your|her|his|their|the)\s+(?:[\w-]+\s+)?(?:boss|manager|director|lead|head"
        r"|supervisor|team|colleagues?|recruiter|hr|partner|chief|vp|cto|ceo|founder|owner)\b"
        r"[^.?!;]{0,20}?\babout\s+(?:me|my\s+(?:application|profile|candidacy|cv|r[ée]sum[ée]))\b",
        r"\b(?:write|give|send)\s+me\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:recommendation|reference"
        r"|referral|endorsement)\b",
        r"\b(?:tell|telling|told|mention|mentioning|mentioned|talk|talking|speak|speaking)\s+"
        r"(?:to\s+|with\s+)?(?:(?:your|her|his|their|the)\s+(?:[\w-]+\s+)?[\w-]+|them|him|her"
        r"|people|others|someone|anyone)\s+(?:about|for)\s+(?:me|hiring\s+me|my\s+(?:application"
        r"|profile|candidacy))\b",
        # "let your team know I'm interested", "I am interested in the role"
        r"\b(?:know|hear|aware|tell\s+\w+)\s+(?:that\s+)?I(?:'m|\s+am|'d\s+be|\s+would\s+be)\s+"
        r"(?:very\s+|really\s+|so\s+)?(?:interested|available|keen|looking|open\s+to\s+(?:offers"
        r"|roles|a\s+move))\b",
        r"\bI(?:'m|\s+am|'d\s+be|\s+would\s+be)\s+(?:very\s+|really\s+|so\s+)?(?:interested"
        r"|keen|available)\s*(?:[.?!,;]|$|and\b|(?=\s+(?:if|when|should)\b))",
        r"\bI(?:'m|\s+am|'d\s+be|\s+would\s+be)\s+(?:very\s+|really\s+|so\s+)?(?:interested\s+in"
        r"|keen\s+on|excited\s+about|available\s+for)\s+(?:a\s+|an\s+|the\s+|any\s+|your\s+)?"
        r"(?:[\w-]+\s+)?(?:roles?|jobs?|positions?|openings?|vacanc(?:y|ies)|working\s+(?:for"
        r"|with|at|on)|joining)\b",
        # "introduce me to your recruiter", "get me a meeting with the hiring manager"
        r"\b(?:me|I)\b[^.?!;]{0,40}?\b(?:meet(?:ing)?|see|talk|speak|chat|call|introduc\w*"
        r"|connect\w*|in\s+front\s+of|a\s+(?:meeting|call|chat|coffee|word)|an\s+(?:introduction"
        r"|intro)|touch)\s+(?:(?:to|with|of)\s+)?(?:(?:the|your|their|her|his|a|an|someone\s+in"
        rf"|somebody\s+in)\s+)?(?:[\w-]+\s+(?:of\s+)?)?{_HIRING_SIDE}\b",
        r"\b(?:introduce|connect|refer|send|point|pass|put)\w*\s+me\s+(?:on\s+|along\s+)?"
        r"(?:in\s+touch\s+)?(?:to|with)\s+(?:the\s+|your\s+|a\s+|an\s+|their\s+|her\s+|his\s+"
        r"|someone\s+in\s+|somebody\s+in\s+)?"
        rf"(?:[\w-]+\s+(?:of\s+)?)?{_HIRING_SIDE}\b",
        r"\b(?:pass|forward|send|give|share|hand|show)\w*\b[^.?!;]{0,40}?\bto\s+(?:the|your"
        rf"|their|her|his|a|an)\s+(?:[\w-]+\s+)?{_HIRING_SIDE}\b",
        # "get your recruiter to call me", "let your HR team know ..." (their hiring side, and me)
        rf"\b(?:your|her|his|their|the)\s+(?:[\w-]+\s+)?{_HIRING_SIDE}\b{_WITHIN}?\b(?:me|my"
        r"|I'm|I\s+am)\b",
        rf"\b(?:me|my)\b{_WITHIN}?\b(?:your|her|his|their)\s+(?:[\w-]+\s+)?{_HIRING_SIDE}\b",
    ),
    *_rules(
        "openings",
        r"\bopenings\b",
        r"\b(?:an|any|the|one|job|new)\s+opening\b(?!\s+(?:of|hours?|lines?|remarks?|questions?"
        r"|statements?|days?|nights?|ceremony|session|act|move|bid)\b)",
        r"\bvacanc(?:y|ies)\b",
        # "any openings", "open positions", "any junior roles", "the open role"
        r"\b(?:any|open|available|vacant|unfilled)\s+(?!(?:other|related|similar|adjacent"
        r"|neighbou?ring)\b)(?:[\w-]+\s+)?(?:jobs|positions?|roles|reqs?|requisitions?"
        r"|openings?|vacanc(?:y|ies)|headcount)\b(?!\s+(?:I\s+should|worth|to\s+(?:learn|read"
        r"|look|explore|research|know))\b)",
        r"\b(?:open|available|vacant|unfilled)\s+(?:[\w-]+\s+)?(?:role|job)\b",
        r"\bany\s+(?:[\w-]+\s+)?job\s+(?:for|on|at|with|in\s+your)\b",
        r"\bany\s+(?:contract|freelance|part-time|temp|temporary|consulting|paid|project)\s+"
        r"(?:work|roles?|gigs?|positions?|jobs?)\b",
        # "the position is still open", "jobs available", "roles coming up"
        rf"\b{_JOB}\s+(?:\([^)]{{0,30}}\)\s+)?(?:(?:are|is)\s+)?(?:still\s+|currently\s+|now\s+)?"
        r"(?:open|available|going|unfilled|vacant|coming\s+up|to\s+fill|being\s+(?:posted"
        r"|advertised|filled))\b(?!\s+(?:to|up)\b)",
        # a job seen advertised: "the job posting for", "the role you posted", "been filled"
        r"\b(?:the|that|this|your|their)\s+(?:[\w-]+\s+){0,2}?(?:posting|listing|advert|ad)\s+"
        r"(?:for|on|at)\b",
        rf"\b{_JOB}\s+(?:that\s+)?(?:I|you|your\s+[\w-]+|they)\s+(?:saw|spotted|posted"
        r"|advertised|listed|put\s+up)\b",
        rf"\b{_JOB}\s+(?:has\s+|have\s+)?(?:been|get|got|gets)\s+filled\b",
        rf"\b{_JOB}\s+(?:that\s+|which\s+)?(?:you|your\s+[\w-]+|they)(?:'re|\s+are|\s+is)\s+"
        r"(?:\w+\s+)?(?:recruiting|hiring|filling|trying\s+to\s+fill)\b",
        r"\bjobs?\s+(?:leads?|openings?|opportunit(?:y|ies)|going|available|open)\b",
        # job leads, which DOMAIN.md names beside jobs: "any leads on analytics jobs"
        r"\bleads?\s+(?:on|for|about)\s+(?:an?\s+|any\s+|the\s+|some\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:jobs?|roles?|positions?|openings?|vacanc(?:y|ies)|posts?|internships?|contracts?"
        r"|gigs?)\b",
        rf"\bleads?\s+(?:on|for)\s+{_ME}\b",
        r"\b(?:anything|something)\s+(?:going|available|open|suitable)\b(?!\s+(?:on|wrong|well"
        r"|to)\b)",
        # "a position I could fill", "roles on your team that I could apply for"
        r"\b(?:an?|any|one)\s+(?!(?:other|related|similar|adjacent|neighbou?ring)\b)(?:[\w-]+\s+)?"
        rf"(?:{_JOB}|spots?|places?|work|gigs?|contracts?)\s+(?:(?:on|in|at|with)\s+(?:your|her"
        r"|his|their|the)\s+(?:[\w-]+\s+)?[\w-]+\s+)?(?:that\s+|which\s+)?(?:I|someone\s+like"
        r"\s+me)\s+(?:could|can|might|would)\b",
        rf"\b(?:{_JOB}|spots?|places?|work|gigs?|contracts?)\s+(?:on|in|at|with)\s+(?:your|her"
        r"|his|their)\s+(?:[\w-]+\s+)?[\w-]+\s+(?:that\s+|which\s+)?(?:I|someone\s+like\s+me)"
        r"\s+(?:could|can|might|would|should)\b",
        rf"\b{_THEIRS}\s+(?:\w+\s+){{0,2}}?(?:have|has|get|gets|got|getting|open|opening)\s+"
        r"(?:any\s+|more\s+|new\s+|open\s+|extra\s+|the\s+)?headcount\b",
        r"\bsponsor\w*\s+(?:a\s+|my\s+|the\s+)?(?:work\s+)?visas?\b|\bvisa\s+sponsorship\b",
        r"\b(?:be|being|get|getting)\s+considered\s+for\b",
        # "budget for a new research assistant"
        r"\b(?:budget|funding|headcount|money|approval|sign-off)\s+(?:for|to\s+(?:hire|add"
        r"|bring\s+on))\s+(?:a|an|another|one\s+more|more|new)\s+(?:new\s+|additional\s+"
        rf"|extra\s+|full-time\s+|part-time\s+)?(?:[\w-]+\s+)?{_STAFF}\b",
        r"\bchance\s+of\s+(?:a|an|any|getting|landing)\b[^.?!;]{0,20}?\b(?:job|role|position|post"
        r"|opening|interview|offer|place|contract)\b",
        r"\b(?:a|any)\s+(?:job|role|position|post|place)\s+(?:with\s+you|(?:on|at|in|with)\s+"
        rf"(?:your|her|his|their)\s+(?:[\w-]+\s+)?{_TEAM})\b",
        r"\b(?:any|open|vacant|unfilled)\s+(?:[\w-]+\s+)?posts\s+(?:on|at|in|with)\s+(?:your"
        r"|her|his|their|the)\b",
        r"\bposts?\s+(?:(?:is|are)\s+)?(?:still\s+|currently\s+)?(?:open|vacant|being\s+"
        r"(?:posted|advertised|filled))\b",
        r"\binternal\s+postings?\b|\b(?:any|open|new|current)\s+(?:job\s+)?postings?\s+"
        r"(?:on|at|in|for)\s+(?:your|her|his|their)\b",
        # "any opportunities on your team", "opportunities for me" (not "to learn")
        rf"\bopportunit(?:y|ies)\s+(?:(?:on|in|at|with)\s+(?:your|her|his|their)\s+(?:[\w-]+\s+)?"
        rf"[\w-]+\s+)?for\s+{_ME}\b{_LEARNING}",
        r"\b(?:any|open|job|career)\s+opportunit(?:y|ies)\s+(?:on|in|at|with)\s+(?:your|her|his"
        rf"|their)\b{_LEARNING}",
    ),
    *_rules(
        "hiring",
        # "are you hiring?", "will your team be hiring?", "is Epic hiring?"
        rf"\b(?:are|is|will|would|was|were)\s+{_THEIRS}\s+(?:\w+\s+)?(?:be\s+)?{_HIRES}",
        rf"\b{_THEIRS}(?:'re|\s+(?:are|is|will\s+be|might\s+be|may\s+be|would\s+be))\s+"
        rf"(?:\w+\s+)?{_HIRES}",
        # "if your team's hiring" (without the "if", "your team's hiring in 2027" is a noun)
        rf"\b(?:if|whether|that)\s+{_THEIRS}'s\s+(?:\w+\s+)?{_HIRES}",
        rf"\b(?:is|are|does|do|will|would)\s+{_THEIRS}\s+(?:\w+\s+){{0,2}}?(?:plan(?:ning)?"
        r"|expect(?:ing)?|going|intend(?:ing)?|hop(?:e|ing)|want(?:ing)?|need(?:ing)?|about)"
        r"\s+to\s+(?:hire|recruit|bring\s+on|add\s+(?:anyone|someone|people|staff|headcount))\b",
        r"\b(?:who(?:'s|\s+is|\s+are)|anyone|anybody|someone|somebody|which\s+(?:[\w-]+\s+)"
        r"{1,2}?(?:is|are))\s+(?:[\w-]+\s+){0,3}?(?:who(?:'s|\s+is|\s+are)\s+)?"
        r"(?:currently\s+|actively\s+|still\s+)?(?:hiring|recruiting)\b",
        # "does your group need anyone?", "anyone who needs a designer", "could your team use a
        # former teacher?"
        rf"\b(?:{_THEIRS}|anyone|anybody|someone|somebody|who)\s+(?:\w+\s+){{0,3}}?(?:needs?"
        r"|could\s+use|use|(?:is|are)\s+short\s+of|wants?)\s+(?:anyone|anybody|someone|somebody"
        r"|people|help|more\s+(?:people|hands|staff)|(?:an?|another)\s+(?:[\w-]+\s+)?"
        rf"{_STAFF_LIKE})\b(?!\s+to\s+(?:be|have|know|understand|talk|speak|explain)\b)"
        r"(?!\s+who\s+(?:knows|understands)\b)",
        r"\bhir(?:e|ing)\s+me\b",
        rf"\b(?:you|your)\b[^.?!;]{{0,30}}\bhir(?:e|ing)\s+{_LIKE_ME}",
        r"\bany\s+hiring\s+(?:\w+\s+){0,2}?(?:on|in|at|for)\s+(?:your|her|his|their)\b",
        r"\b(?:get|getting|be|being)\s+(?:me\s+)?hired\s+(?:at|by|on|into|in|onto)\s+"
        r"(?:your|you|her|his|their)\b",
        r"\b(?:help|get|getting)\s+me\s+(?:to\s+)?(?:get\s+)?hired\b",
        r"\bhiring\s+round\b",
        rf"\b(?:if|whether|that)\s+{_THEIRS}(?:'re|'s|\s+(?:is|are|will\s+be|might\s+be|may\s+be))"
        r"\s+(?:\w+\s+)?looking\s+(?:to\s+(?:hire|recruit|fill)\b|for\s+(?:new\s+|more\s+)?"
        rf"(?:[\w-]+\s+)?(?:{_STAFF}|[\w-]+(?:er|or|ist|ant|ian)s)\b)",
        # "is your team looking for anyone?" (not "what is your team looking for in a hire?")
        rf"\b(?:are|is|will|would)\s+{_THEIRS}\s+(?:\w+\s+)?(?:be\s+)?looking\s+(?:to\s+"
        r"(?:hire|recruit|add|fill|grow)\b|for\s+(?:anyone|anybody|someone|somebody|people"
        r"|candidates|applicants|help|new\s+[\w-]+|more\s+[\w-]+|another\s+[\w-]+|an?\s+"
        r"(?:[\w-]+\s+){0,2}?[\w-]+\s*(?:[?.!,;]|$|right\s+now|at\s+the\s+moment|these\s+days"
        r"|this\s+(?:year|quarter|spring|summer|autumn|fall|winter))))",
        r"\blooking\s+(?:to\s+fill|for\s+(?:anyone|anybody|someone|somebody|candidates"
        r"|applicants))\b(?!\s+(?:to\s+(?:talk|speak|chat|learn|meet|ask|mentor)|who\s+(?:knows?"
        r"|could\s+tell|can\s+tell|has|had|might\s+know))\b)",
        # "I am looking for a new role"
        r"\bI(?:'m|\s+am)\s+(?:(?!not\b|never\b)\w+\s+)?(?:looking|searching|hunting|applying)\s+"
        r"(?:for\s+)?"
        r"(?:a\s+|an\s+|some\s+)?(?:new\s+)?(?:[\w-]+\s+)?(?:job|work|role|position|opening)\b"
        + _NOT_WORK,
    ),
    *_rules(
        "a place for me",
        r"\b(?:room|place|spot|space|seat|opening|position|role|job|niche|home|anything"
        r"|something)\s+(?:(?:on|in|at|with)\s+(?:your|her|his|their|the)\s+(?:[\w-]+\s+)?"
        rf"[\w-]+\s+)?for\s+{_ME}\b(?!\s+to\b)",
        rf"\b(?:use|uses|need|needs|needing|want|wants)\s+(?:{_LIKE_ME}|my\s+(?:skills?"
        r"|background|experience|profile|help|services|expertise))",
        rf"\bconsider(?:ing)?\s+(?:{_ME}|my\s+(?:application|r[ée]sum[ée]|cv|profile"
        r"|candidacy))\b(?!\s+to\b)",
        r"\b(?:take|bring|get)\s+me\s+(?:on(?:board|\s+board)?|in|into|onto|aboard)\b"
        r"(?!\s+touch\b)(?!\s+(?:a|an|the)\s+(?:tour|walk|ride|call|loop|meeting)\b)"
        r"(?!\s+to\s+(?:shadow|observe|see|watch|visit)\b)",
        r"\b(?:help|helping)\s+me\s+(?:to\s+)?(?:get|land|find|secure|win)\s+(?:a\s+|an\s+"
        r"|some\s+|my\s+)?(?:[\w-]+\s+)?(?:job|work|role|position|placement|interview|offer"
        r"|foot\s+in|hired|in)\b" + _NOT_WORK,
        r"\b(?:find|get|land|give|offer|secure|make)\s+me\s+(?:a\s+|an\s+|some\s+)?(?:[\w-]+\s+)?"
        r"(?:job|work|role|position|placement|interview|offer|contract|gig|internship"
        r"|apprenticeship|traineeship)\b" + _NOT_WORK,
        r"\b(?:set|line)\s+me\s+up\s+(?:with\s+)?(?:an?\s+)?interview",
        rf"\b(?:take|took|taking)\s+a\s+(?:chance|punt|risk|gamble)\s+on\s+{_ME}",
        rf"\b(?:give|giving|offer|offering)\s+{_ME}\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:chance|shot|trial"
        r"|try|start|go|break|opportunity)\b",
        r"\btrial\s+(?:period|run|day|shift|project|week|basis)\b",
        rf"\b(?:me|I)\b{_WITHIN}\babout\s+(?:joining|coming\s+on\s*board|working\s+(?:for|with|at"
        r"|on)\s+(?:you|your|the\s+team))\b",
        rf"\bif\s+{_THEIRS}\s+(?:ever\s+)?(?:expands?|grows?|needs?|hires?|adds?\s+to|opens?\s+up)"
        rf"\b{_WITHIN}\b(?:let\s+me\s+know|tell\s+me|think\s+of\s+me|get\s+in\s+touch|reach\s+out"
        r"|ping\s+me|drop\s+me)\b",
        r"\binterviews?\s+for\s+me\b",
        r"\b(?:take|takes|taking|took|bring|bringing)\s+on\s+(?:a|an|another|one\s+more|new"
        rf"|more|any)\s+(?:[\w-]+\s+)?{_STAFF_LIKE}",
        rf"\b(?:do|does|would|will|could)\s+{_THEIRS}\s+(?:ever\s+)?(?:take|hire|accept)\s+"
        r"(?:on\s+)?(?:any\s+)?(?:interns|apprentices|trainees|grads|graduates|juniors|volunteers"
        r"|career[-\s]changers)\b",
        r"\bI\b[^.?!;]{0,25}?\b(?:work|working)\s+(?:for|with|alongside)\s+(?:you\b(?!r)|your\s+"
        rf"(?:[\w-]+\s+)?{_TEAM})",
        r"\b(?:I|me)\b[^.?!;]{0,25}?\b(?:join|joining|be\s+part\s+of|get\s+(?:onto|into|on)"
        rf"|break\s+into|work\s+at|start\s+at)\s+(?:your|her|his|their)\s+(?:[\w-]+\s+)?{_TEAM}\b",
    ),
    # "could I be put up for the coordinator role?" (but "what should I learn for the role?")
    *_unless_advice(
        "applying",
        rf"\b(?:I|me|my)\b{_WITHIN}?\bfor\s+(?:the|that|this|your)\s+(?:open\s+|new\s+|[\w-]+\s+)"
        r"{0,2}?(?:role|job|position|opening|vacancy|post)\b(?!\s+(?:of|like|in\s+general)\b)",
    ),
    # "could I come in for an interview?" (but "how should I prepare for an interview?")
    *_unless_advice(
        "applying",
        r"\b(?:I|me)\b[^.?!;]{0,30}?\b(?:an?|the)\s+(?:[\w-]+\s+)?interview\b",
        r"\b(?:I|me)\b[^.?!;]{0,30}?\b(?:get|getting|be|being)\s+(?:hired|taken\s+on)\b",
    ),
    # "would your organisation have a place for a former officer?" (but "is there room for
    # beginners in this field?" asks about the field)
    *_rules(
        "a place for me",
        r"\b(?:room|place|spot|space|seat|niche|home)\s+(?:(?:on|in|at|with)\s+(?:your|her|his"
        r"|their|the)\s+(?:[\w-]+\s+)?[\w-]+\s+)?for\s+(?:an?|another|one\s+more)\s+"
        rf"(?:[\w-]+\s+){{0,2}}?{_STAFF}\b(?!\s+to\b)",
        unless=_ABOUT_THE_FIELD,
    ),
    *_rules(
        "applying",
        r"\b(?:should|could|can|may|shall|do|would|might)\s+I\s+(?:\w+\s+)?apply\b" + _STUDY,
        r"\bI(?:'m|\s+am|\s+will|'ll|\s+plan\s+to|\s+want\s+to|\s+intend\s+to)\s+(?:[\w-]+\s+)"
        r"{0,2}?(?:apply|applying)\b" + _STUDY,
        r"\bapply(?:ing)?\s+(?:to|for|at|on|with)\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+)?(?:role|job"
        r"|position|opening)\s+(?:on|at|in|with)\s+)?(?:your|her|his|their)\b",
        r"\binterview(?:ing)?\s+for\s+(?:a|an|the|your|any|that|this)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:role|job|position|opening)\b",
        r"\binterview(?:ing|ed)?\s+(?:me|with\s+(?:you|your))\b",
        r"\b(?:my\s+)?chances?\s+of\s+(?:being|getting)\s+(?:hired|taken\s+on|an\s+interview"
        r"|an\s+offer)\b",
        # a goal in the imperative: "Get an interview with the data team"
        r"^\s*(?:get|land|secure|score|arrange|line\s+up|set\s+up)\s+(?:an?\s+)?interviews?\b",
        # "are there roles I could apply for?", "a position here that I might apply to"
        r"\b(?:roles?|jobs?|positions?|openings?|vacanc(?:y|ies)|posts?)\b(?:\s+[\w-]+){0,3}?\s+"
        r"(?:that\s+|which\s+)?I\s+(?:could|can|should|might|may|would)\s+(?:\w+\s+)?apply\b"
        + _STUDY,
        # "would it make sense for me to apply here?" (but "... for me to apply for a master's")
        r"\bfor\s+me\s+to\s+(?:\w+\s+)?apply\b" + _STUDY,
    ),
)
"""Every shape of a job ask, grouped by what is asked for (see the module docstring)."""

_JOB_ASK_WORDINGS += tuple(
    # a request to them, for me, in the words of hiring, that asks for no view or advice:
    # "I was wondering whether your team might need an extra pair of hands"
    _rules("asks for me", _HIRING_WORDS, unless=_OPINION, also=(_REQUEST, _FOR_ME))
)


def _any_of(patterns: Iterable[str]) -> str:
    """One pattern that matches where any of `patterns` does: their branches (`_branches`)
    that start at a word boundary under one `\\b`, tried at a boundary only, not at every
    character (0.15 s instead of 0.23 s at 1,000 files, where each pattern in its own
    group took longer than the 118 searches)."""
    branches = [branch for pattern in patterns for branch in _branches(pattern)]
    at_word = [f"(?:{branch[2:]})" for branch in branches if branch.startswith(r"\b")]
    others = [f"(?:{branch})" for branch in branches if not branch.startswith(r"\b")]
    if at_word:
        others.insert(0, rf"\b(?:{'|'.join(at_word)})")
    return "|".join(others)


_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]])*\]|[()|]", re.DOTALL)
"""An escape, a set of characters, or one of `(`, `)` and `|` in a pattern's source."""


def _branches(pattern: str) -> list[str]:
    """The branches of `pattern`: its parts between the `|` outside every group."""
    depth, start, branches = 0, 0, []
    for token in _TOKEN.finditer(pattern):
        depth += {"(": 1, ")": -1}.get(token[0], 0)
        if token[0] == "|" and depth == 0:
            branches.append(pattern[start : token.start()])
            start = token.end()
    return [*branches, pattern[start:]]


ANY_JOB_ASK = LazyPattern(
    _any_of([wording.pattern for wording in _JOB_ASK_WORDINGS]), re.IGNORECASE
)
"""Every rule's pattern in one: a sentence it does not match has no job ask, and is not
tried rule by rule (most sentences: at 1,000 files, 11 of 728 match). The rules capture
no group, so none is numbered or named twice here (test_job_ask_corpus.py checks that,
and that the two agree)."""


@functools.cache
def any_job_ask_in_lower_case() -> re.Pattern[str]:
    """`ANY_JOB_ASK` for a sentence put in lower case, searched with case: about twice as
    quick (searching without case, each branch is tried at every word: 0.2 ms a sentence,
    112 ms of CPU at 1,000 files, 58 ms with case, where a branch whose first letter is
    not there is passed over at once). Made when first needed, as the rules are. Its one
    part that minds case (`(?-i:...)`, a company's capitalised name) minds it no more: it
    matches wherever `ANY_JOB_ASK` does, and more, and the rules decide after it."""
    return re.compile(for_lower_case(ANY_JOB_ASK.pattern))


def _may_ask(sentence: str) -> bool:
    """Does `ANY_JOB_ASK` match in `sentence`? (`any_job_ask_in_lower_case`, where it can.)"""
    if not in_lower_case(sentence):
        return ANY_JOB_ASK.search(sentence) is not None
    return any_job_ask_in_lower_case().search(sentence.lower()) is not None


@functools.cache
def job_ask_rules() -> tuple[AskRule, ...]:
    """The rules, compiled when first needed: their 118 patterns took about 50 ms of CPU
    to compile, at the start of every command (`playbook new`, `import`, `--help` too)."""
    return tuple(wording.rule() for wording in _JOB_ASK_WORDINGS)


def __getattr__(name: str) -> tuple[AskRule, ...]:
    """`JOB_ASK_RULES`: every rule (`job_ask_rules`)."""
    if name == "JOB_ASK_RULES":
        return job_ask_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


THEIR_PAST = re.compile(
    r"\b(?:did|were|was|had)\s+you\b"
    r"|\bwhen\s+you\s+(?:were|started|joined|switched|moved|got|first|began|made|changed|left"
    r"|applied|came)\b"
    r"|\bhow\s+you\s+(?:got|found|landed|made|came)\b"
    r"|\byour\s+(?:first|previous|last|earlier|old)\s+(?:job|role|position|interview|offer"
    r"|employer)\b"
    r"|\bback\s+then\b|\bat\s+the\s+time\b"
    r"|\bask(?:s|ed)?\s+you\s+for\b|\bpeople\s+who\s+ask\b",
    re.IGNORECASE,
)
"""A sentence about the guest's own past, or about others asking them: "How did you get
hired?" is a question about their path, not an ask."""

FIRST_PERSON = re.compile(r"\b(?:me|my|I|mine|myself)\b", re.IGNORECASE)

DENIAL = re.compile(
    r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+){0,2}?(?:asking|looking|after|seeking|hoping"
    r"|here|interested|going\s+to\s+ask)\b|\bwithout\s+asking\b",
    re.IGNORECASE,
)
"""Saying what you are *not* after ("I'm not asking about openings") is not an ask."""
_TURN = re.compile(r"\b(?:but|however|though|although|yet|still)\b", re.IGNORECASE)
"""A turn after a denial: "I'm not asking for a job, but could you pass on my CV?" asks."""


def _denied(sentence: str, start: int) -> bool:
    """Does a denial govern the wording at `start`: one before it, with no turn between?"""
    denials = list(DENIAL.finditer(sentence, 0, start))
    return bool(denials) and not _TURN.search(sentence, denials[-1].end(), start)


_SENTENCE_END = re.compile(r"(?<=[?!;])\s+|(?<=\.)\s+(?=[A-Z\"'(])|\n+")


@dataclass(frozen=True, slots=True)
class Ask:
    """A job ask found in a text."""

    wording: str
    """The words that make it an ask, as written."""
    kind: str
    """The rule's kind (`AskRule.kind`)."""
    start: int
    """Where the wording starts in the text."""
    rule: AskRule
    """The rule that found it."""


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of `text`."""
    at = 0
    for found in _SENTENCE_END.finditer(text):
        yield at, text[at : found.start()]
        at = found.end()
    yield at, text[at:]


def find_job_ask(text: str) -> Ask | None:
    """The first job ask in `text` (`first_ask` with every rule). Not kept by text: its
    sentences are (`_job_ask_in`), and a table of whole texts saved 8.6 ms of a 3.6 s
    build at 1,000 files (2,225 calls of 220 texts)."""
    return _first_of_sentences(text, _job_ask_in)


def first_ask(text: str, rules: Iterable[AskRule]) -> Ask | None:
    """The leftmost wording in `text` that one of `rules` finds (on a tie, the first
    rule), sentence by sentence, skipping wording about the guest's past."""
    return _first_of_sentences(text, functools.partial(_ask_in, rules=tuple(rules)))


def _first_of_sentences(text: str, ask_in: Callable[[str], Ask | None]) -> Ask | None:
    """The ask `ask_in` finds in the first sentence of `text` that has one, its `start`
    counted from the start of `text`."""
    for offset, sentence in sentences(text):
        found = ask_in(sentence)
        if found is not None:
            return replace(found, start=offset + found.start) if offset else found
    return None


@functools.lru_cache(maxsize=8192)
def _job_ask_in(sentence: str) -> Ask | None:
    """`_ask_in` with every rule, kept by sentence: drafts repeat their greeting, their
    sign-off and the line about you in every request, and the same bank question is in
    many meetings (at 1,000 files, 889 calls of 268 sentences: 273 ms read each time,
    98 ms kept, about 5% of the build)."""
    if not _may_ask(sentence):
        return None
    return _ask_in(sentence, job_ask_rules())


def _ask_in(sentence: str, rules: tuple[AskRule, ...]) -> Ask | None:
    """The leftmost wording in one sentence that one of `rules` finds (on a tie, the first
    rule), skipping wording about the guest's past; `start` counts from the sentence's."""
    about_their_past = THEIR_PAST.search(sentence) is not None
    best: Ask | None = None
    for rule in rules:
        if rule.unless is not None and not rule.unless_in_clause and rule.unless.search(sentence):
            continue
        if rule.also and not all(needed.search(sentence) for needed in rule.also):
            continue
        if rule.pattern.search(sentence) is None:  # most sentences: made no iterator
            continue
        for found in rule.pattern.finditer(sentence):
            if rule.unless_in_clause and _advised(rule, sentence, found):
                continue
            if about_their_past and not FIRST_PERSON.search(found[0]):
                continue
            if _denied(sentence, found.start()):
                continue
            start = found.start() + len(found[0]) - len(found[0].lstrip())
            if best is None or start < best.start:
                best = Ask(found[0].strip(), rule.kind, start, rule)
            break
    return best


def _advised(rule: AskRule, sentence: str, found: re.Match[str]) -> bool:
    """Does `rule.unless` match in the clause of `found`, up to the wording's end?"""
    assert rule.unless is not None
    start = _clause_start(sentence, found.start() + len(found[0]) - len(found[0].lstrip()))
    return rule.unless.search(sentence[start : found.end()]) is not None


def job_ask(text: str) -> str | None:
    """The first wording in `text` that asks for a job, an opening or a referral."""
    found = find_job_ask(text)
    return found.wording if found else None
