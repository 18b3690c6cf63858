"""The phrasings, facts and spelling helpers the news planting code (news_plants.py) draws from.

Every sentence here is ours, written in American spelling (localise() gives the British form for
UK copy). `[[...]]` marks the part of a template a correct finding must cover; without it, the
whole sentence. Officeholders are facts we are sure of: title before the name, title as an
appositive, first and last year in office, name.
"""
from __future__ import annotations

import re

from breame.spelling import get_american_spelling, get_british_spelling

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

# (title before the name, title as an appositive, first year, last year, name)
OFFICEHOLDERS = (
    ("Secretary of Defense", "U.S. defense secretary", 2019, 2020, "Mark Esper"),
    ("Defense Secretary", "U.S. defense secretary", 2017, 2019, "Jim Mattis"),
    ("Defense Secretary", "Pentagon chief", 2013, 2015, "Chuck Hagel"),
    ("Secretary of Defense", "U.S. defense secretary", 2015, 2017, "Ash Carter"),
    ("Secretary of Defense", "Pentagon chief", 2021, 2025, "Lloyd Austin"),
    ("Secretary of State", "U.S. secretary of state", 2013, 2017, "John Kerry"),
    ("Secretary of State", "U.S. secretary of state", 2017, 2018, "Rex Tillerson"),
    ("Secretary of State", "U.S. secretary of state", 2018, 2021, "Mike Pompeo"),
    ("Secretary of State", "U.S. secretary of state", 2021, 2025, "Antony Blinken"),
    ("Attorney General", "U.S. attorney general", 2009, 2015, "Eric Holder"),
    ("Attorney General", "U.S. attorney general", 2019, 2020, "William Barr"),
    ("Treasury Secretary", "U.S. treasury secretary", 2017, 2021, "Steven Mnuchin"),
    ("Vice President", "U.S. vice president", 2017, 2021, "Mike Pence"),
    ("British Prime Minister", "British prime minister", 2010, 2016, "David Cameron"),
    ("British Prime Minister", "British prime minister", 2016, 2019, "Theresa May"),
    ("Prime Minister", "British prime minister", 2019, 2022, "Boris Johnson"),
    ("Prime Minister", "British prime minister", 2022, 2024, "Rishi Sunak"),
    ("Chancellor of the Exchequer", "British finance minister", 2010, 2016, "George Osborne"),
    ("NATO Secretary General", "NATO secretary general", 2009, 2014, "Anders Fogh Rasmussen"),
    ("NATO Secretary General", "head of NATO", 2014, 2024, "Jens Stoltenberg"),
    ("U.N. Secretary-General", "U.N. secretary-general", 2007, 2016, "Ban Ki-moon"),
    ("European Commission President", "European Commission president", 2014, 2019, "Jean-Claude Juncker"),
    ("German Chancellor", "German chancellor", 2005, 2021, "Angela Merkel"),
    ("German Chancellor", "German chancellor", 2021, 2025, "Olaf Scholz"),
    ("French President", "French president", 2012, 2017, "François Hollande"),
    ("Canadian Prime Minister", "Canadian prime minister", 2006, 2015, "Stephen Harper"),
    ("Italian Prime Minister", "Italian prime minister", 2014, 2016, "Matteo Renzi"),
    ("Japanese Prime Minister", "Japanese prime minister", 2020, 2021, "Yoshihide Suga"),
)
WRONG_ERA = (
    "[[{title} {name}]] said the two governments would stay in close contact.",
    "The announcement was welcomed by [[{title} {name}]], who called it overdue.",
    "[[{name}, the {desc}]], is due to visit later this month.",
    "Officials briefed [[{title} {name}]] on the plans last week.",
    "In a statement, [[{title} {name}]] called the decision a welcome step.",
    "[[{title} {name}]] is expected to attend the talks next month.",
)
# {n}: a wrong count of years (word or digits), {N} the same capitalised, {y}: the year, {nth}: ordinal.
TIMELINES = (
    "It has been {n} years since the county's first food bank opened in {y}.",
    "Now, {n} years after the treaty was signed in {y}, the two sides are talking again.",
    "Founded in {y}, the city choir marks its {nth} anniversary this year.",
    "The law, passed {n} years ago in {y}, has never been amended.",
    "{N} years on from the floods of {y}, some homes have still not been rebuilt.",
    "The bridge, which opened in {y}, turns {n} this year.",
    "The family firm, founded in {y}, is celebrating {n} years in business.",
)
# (topic, first place, second place, lowest value, highest value); {a} and {b} are the two values.
NUMBER_PAIRS = (
    ("killed", "The bus crash killed [[at least {a} people]], police said.",
     "Investigators are still examining the crash, which [[killed {b} people]].", 12, 40),
    ("injured", "[[{a} people were injured]] in the warehouse fire.",
     "Of the [[{b} injured]], most have since gone home.", 10, 90),
    ("arrested", "Police [[arrested {a} people]] during the protests.",
     "All but two of the [[{b} people arrested]] have now been released.", 12, 80),
    ("jobs", "The new factory is expected to [[create {a} jobs]].",
     "Local leaders welcomed the [[{b} jobs]] the factory will bring.", 300, 2500),
    ("cost", "The new library will [[cost ${a} million]] to build.",
     "Work on the [[${b} million]] library is due to start next year.", 12, 90),
    ("budget", "The agency's [[budget is ${a} million]] this year.",
     "Even with a [[budget of ${b} million]], the agency expects to run short.", 40, 900),
    ("votes", "The measure passed with [[{a} votes]] in favor.",
     "Supporters said the [[{b} votes]] in favor showed broad support.", 51, 300),
    ("age", "{who}, [[{a}]], has led the group for a decade.",
     "{last}, [[{b}]], said the group would keep going.", 34, 70),
    ("percent", "Turnout was [[{a} percent]], the highest in a decade.",
     "With turnout at [[{b} percent]], the result was never in doubt.", 35, 80),
    ("students", "The school has [[{a} students]].",
     "All [[{b} students]] will move to the new building next year.", 200, 1500),
    ("members", "The association has [[{a} members]].",
     "Its [[{b} members]] will vote on the plan next month.", 80, 5000),
    ("died", "The outbreak has [[killed {a} people]] since March.",
     "Health workers said the [[{b} deaths]] were all in one district.", 9, 60),
    ("raised", "The appeal has [[raised ${a}]] so far.",
     "The [[${b} raised]] will go to families who lost their homes.", 5000, 90000),
)
AGE_PEOPLE = ("Maria Delgado", "Tom Ellery", "Priya Natarajan", "James Okafor", "Helen Marsh",
              "David Brennan", "Aisha Bello", "Lena Kowalski")
# (phrasing, first place, second place): {y1}/{y2} two years, {m}/{m2} months, {d1}/{d2} days.
DATE_PAIRS = (
    ("opened", "The county library's new wing [[opened in {y1}]].",
     "Since it [[opened in {y2}]], the wing has lent more than a million books."),
    ("founded", "The Riverside Food Bank was [[founded in {y1}]] by a group of volunteers.",
     "Since its [[founding in {y2}]], the food bank has grown to more than 200 members."),
    ("elected", "{who} was [[first elected to the school board in {y1}]].",
     "{last} has served on the board [[since being elected in {y2}]]."),
    ("signed", "The water-sharing agreement was [[signed on {m} {d1}, {y1}]].",
     "Under the agreement, [[signed on {m} {d2}, {y1}]], both sides must report every year."),
    ("launched", "The mentoring program was [[launched in {m} {y1}]].",
     "When the program [[launched in {m2} {y1}]], it had only a handful of staff."),
    ("began", "The study [[began in {y1}]] and has followed 4,000 families.",
     "The study, which [[began in {y2}]], is due to report next year."),
    ("announced", "The rail plan was [[first announced in {y1}]].",
     "Since the rail plan was [[announced in {y2}]], its cost has nearly doubled."),
    ("died", "{who} [[died in {y1}]] at the age of 81.",
     "After {last} [[died in {y2}]], the family set up a scholarship fund."),
)
QUOTES = (
    "This is a day many of us thought would never come. We owe it to the families who waited.",
    "We will keep working until the job is done, and we make no apology for that.",
    "Nobody expected the response to be this fast, and nobody should take it for granted.",
    "If we get this wrong, our children will be the ones who pay for it.",
    "It is a good first step, but it is only a first step.",
    "The numbers tell only part of the story. Behind every figure is a family.",
    "We have waited long enough. Now it is time to deliver.",
    "I have never seen anything like it in thirty years of doing this work.",
)
# {n}: a whole number, {pct}: a percentage, {frac}: a fraction in words, {k_of_m}: "Three out of four".
STATISTICS = (
    "One in {n} adults in the region now relies on the service.",
    "About {pct} percent of voters say the economy is their main concern.",
    "Nearly {frac} of small businesses have cut staff since the spring.",
    "{k_of_m} nurses say they have thought about leaving the profession.",
    "More than {pct}% of households spend over half their income on rent.",
    "The average family now spends ${n},000 a year on child care.",
    "Crime in the area has fallen by {pct} percent over the past decade.",
    "Roughly {frac} of the country's bridges need urgent repairs.",
)
CLAUSES = ("the talks could resume within weeks", "the budget will be cut again next year",
           "the decision was made months ago", "the plan will cost far more than expected",
           "the company is preparing a new offer", "the team had been warned about the problem",
           "the new rules will be hard to enforce", "the hospital is short of nurses",
           "the deal could be signed before the summer", "the vote may be delayed")
ROLES = ("minister", "governor", "chief executive", "mayor", "head coach", "prime minister")
VAGUE = (
    "{Clause}, [[according to people familiar with the matter]].",
    "[[A source close to the {role}]] said {clause}.",
    "[[Critics say]] {clause}.",
    "[[Some experts believe]] {clause}.",
    "[[Officials who spoke on condition of anonymity]] said {clause}.",
    "{Clause}, [[sources said]].",
    "[[Many observers argue]] that {clause}.",
    "[[It is widely believed]] that {clause}.",
    "[[Insiders say]] {clause}.",
    "{Clause}, [[one person briefed on the discussions]] said.",
)
LEFTOVERS = ("Related Articles", "Advertisement", "Read more: {headline}", "Share this article",
             "Sign up for our daily newsletter", "We use cookies to give you the best experience on our website.",
             "Story continues below advertisement", "Share on Facebook Share on Twitter Share via Email",
             "Click here to subscribe", "Most Read", "Skip to main content", "Follow us on Twitter")
SEO_SENTENCES = ("Let's dive in.", "Let's take a closer look.",
                 "Without further ado, here's what you need to know.", "Read on to find out more.",
                 "In this article, we'll explore what this means for you.",
                 "Whether you're a longtime follower or new to the story, here's everything you need to know.")
SEO_PREFIXES = ("In today's fast-paced world,", "It's important to note that", "It is worth noting that",
                "In conclusion,", "In today's digital age,", "In today's ever-changing landscape,")
# Openers that suit a sentence in any tense (not "In the coming months" before "received").
STOCK_PHRASES = ("In many ways", "In a very real sense", "All things considered", "By the same token",
                 "At the end of the day", "Time and again", "On the other hand", "As a matter of fact")
# (phrasing, the words that may be doubled)
DOUBLE_WORDS = (("article", "the|a|an"), ("preposition", "of|in|to|for|on|with|at|by|from"),
                ("conjunction-verb", "and|is|was|will|has|are|have|be"), ("sentence-start", ""))
# Words whose lower-case form may open a sentence we prefix: none of them can be a name.
STARTERS = frozenset("""The This These That Those A An It Its In On At For After Before During With By
Over Under Each Every Both Many More Most Some All Our We They He She There Together Through From
Following Throughout Across Among Between One Two His Her Their Such Several Within Without""".split())
SPEAKER_WORDS = (r"\b(?:said|says|say|told|tells|added|asked|wrote|writes|explained|stated|noted|recalled|"
                 r"according|remarked|insisted|declared)\b|[\"\u201c\u201d:]")
SOURCE_WORDS = (r"\b(?:said|says|say|told|according|surveys?|study|studies|reports?|reported|data|polls?|"
                r"census|figures|estimates?|estimated|research|analysis|found|finds|shows?|showed|"
                r"published|statistics)\b")
# Two sentences for each word family, the variant word in braces in its US spelling; no other
# word in them has a second spelling.
FAMILY_SENTENCES = {
    "program": ("The {program} is due to be reviewed next year.",
                "Funding for the {program} runs out in the spring."),
    "center": ("A new visitor {center} is expected to open in the spring.",
               "The {center} will stay open late on weekends."),
    "defense": ("Questions about {defense} spending were left for another day.",
                "The {defense} budget has grown every year since then."),
    "organization": ("The {organization} will publish its findings later this year.",
                     "Staff at the {organization} were told of the plan on Monday."),
    "honor": ("It was an {honor} to host the event, the hosts said.",
              "The award is the highest {honor} the city can give."),
    "labor": ("Skilled {labor} is still hard to find in the region.",
              "The cost of {labor} has risen sharply."),
    "recognize": ("Officials {recognize} that more work is needed.",
                  "Few people would {recognize} the street today."),
    "color": ("The report was printed in full {color} for the first time.",
              "Each district is marked in a different {color} on the map."),
    "travel": ("Delegates {traveled} from as far away as Chile to attend.",
               "The team {traveled} to three cities in a week."),
    "behavior": ("The study looked at the driving {behavior} of teenagers.",
                 "Such {behavior} will not be tolerated, the school said."),
    "favor": ("Most members spoke in {favor} of the change.",
              "The vote went in {favor} of the plan."),
    "analyze": ("Researchers will {analyze} the results over the coming months.",
                "It will take weeks to {analyze} the samples."),
    "prioritize": ("The council has promised to {prioritize} road repairs.",
                   "Hospitals were told to {prioritize} the sickest patients."),
    "emphasize": ("Speakers {emphasized} the need for clear rules.",
                  "The report {emphasized} the cost of doing nothing."),
    "modernize": ("The plan would {modernize} the oldest rail lines in the country.",
                  "It will cost billions to {modernize} the network."),
    "meter": ("The wall is about three {meters} high.",
              "The new pier is 200 {meters} long."),
    "criticize": ("Opposition members {criticized} the timing of the announcement.",
                  "Residents {criticized} the lack of notice."),
    "realize": ("Few people {realize} how much the service costs to run.",
                "It took months to {realize} the scale of the problem."),
    "fulfill": ("The department says it will {fulfill} its promise by the end of the year.",
                "The company was unable to {fulfill} the order."),
    "stabilize": ("Prices began to {stabilize} over the summer.",
                  "Doctors worked through the night to {stabilize} the patient."),
    "humor": ("She spoke with warmth and {humor} about her early years.",
              "His sense of {humor} never left him."),
    "harbor": ("Boats stayed in the {harbor} until the storm passed.",
               "The old {harbor} wall is being rebuilt."),
    "revitalize": ("The grant will help {revitalize} the main street.",
                   "Efforts to {revitalize} the waterfront have stalled."),
    "model": ("Better {modeling} could give earlier warning of floods.",
              "The {modeling} suggests the river will rise again."),
}

# Units, not things counted: "In all, 11 meters were counted" would not be English.
UNITS = frozenset("years months days hours minutes seconds weeks decades centuries cents percent times "
                   "levels points meters metres kilometers kilometres miles feet inches yards pounds "
                   "kilograms tons tonnes gallons liters litres acres hectares degrees dollars euros".split())
# Capitalised only because they open the sentence, and no word list calls them words.
OPENERS = frozenset("And But Or Nor Yet So Because Although Though Unless Whereas While Since May "
                     "Might Must Let If As When Where Why How What Who Which Like Once Until".split())
NAME_VARIANTS = (  # (phrasing, pattern, replacement): plausible misspellings of a name
    ("single-letter", r"([a-z])\1", r"\1"),
    ("double-letter", r"(?<=[aeiou])([bdglmnprst])(?=[aeiouy])", r"\1\1"),
    ("vowel-swap", r"(?<=[a-z])([aeiou])(?=[a-z])", None),
    ("ending", r"(son|sen|man|ley|ly|er|ez|es|ia|ie|y)$", None),
    ("transposed", r"(?<=[a-z])([a-z])([a-z])(?=[a-z])", r"\2\1"),
)
NAME_ENDINGS = {"son": "sen", "sen": "son", "man": "mann", "ley": "ly", "ly": "ley", "er": "ar", "ez": "es",
            "es": "ez", "ia": "ea", "ie": "y", "y": "ie"}
NAME_VOWELS = {"a": "e", "e": "a", "i": "e", "o": "a", "u": "o"}
NOT_NAMES = re.compile(r"(?:ican|ians?|eans?|ese|ish|ans)$|^(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                        r"Saturday|Sunday|Christmas|Easter|Fifty|Sixty|Seventy)$")

# One-for-one spelling differences that change nothing else (not practice/practise, draft/draught).
_SAFE = (("iz", "is"), ("yz", "ys"), ("or", "our"), ("er", "re"), ("l", "ll"), ("ll", "l"),
         ("ense", "ence"), ("am", "amme"), ("eu", "oeu"))


def _safe(us: str, uk: str, depth: int = 2) -> bool:
    """True when at most `depth` of the _SAFE changes turn the US form into the UK one."""
    if us == uk:
        return True
    if depth == 0:
        return False
    for a, b in _SAFE:
        for m in re.finditer(re.escape(a), us):
            if _safe(us[:m.start()] + b + us[m.end():], uk, depth - 1):
                return True
    return False


def _like(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    return word[0].upper() + word[1:] if model[:1].isupper() else word


def other_spelling(word: str) -> str | None:
    """The word in the other dialect (US <-> UK), or None if it has no safe other spelling."""
    low = word.lower()
    uk, us = get_british_spelling(low), get_american_spelling(low)
    if uk != low and _safe(low, uk):
        return _like(word, uk)
    if us != low and _safe(us, low):
        return _like(word, us)
    return None


def us_form(word: str) -> str:
    low = word.lower()
    us = get_american_spelling(low)
    return us if us != low and _safe(us, low) else low


def dialect_of(text: str) -> str:
    """'uk' when the text's own variant spellings are mostly British, else 'us'."""
    votes = {"us": 0, "uk": 0}
    for w in re.findall(r"[A-Za-z]+", text):
        other = other_spelling(w)
        if other is not None:
            votes["us" if us_form(w) == w.lower() else "uk"] += 1
    return "uk" if votes["uk"] > votes["us"] else "us"


def localise(text: str, dialect: str) -> str:
    """A template (written in US spelling) in the article's own spelling."""
    if dialect != "uk":
        return text
    return re.sub(r"[A-Za-z]+", lambda m: (other_spelling(m.group(0)) or m.group(0))
                  if us_form(m.group(0)) == m.group(0).lower() else m.group(0), text)


def number_words(n: int) -> str:
    return ("zero one two three four five six seven eight nine ten".split())[n]
