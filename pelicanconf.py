"""Settings for the Briefing site: Pelican's own, then Briefing's (BRIEFING_*).

Every BRIEFING_* key is declared with its default and documentation in builder/config.py and
listed by `briefing settings`.
"""

SITENAME = "Briefing"
SITESUBTITLE = "The day's developments, summarised from every source"
# Feeds need an absolute address; set the real one when publishing (`make serve` uses this one).
SITEURL = "http://127.0.0.1:8000"
FEED_DOMAIN = SITEURL
RELATIVE_URLS = True  # pages link relatively, so output/ works from any server or folder

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PLUGINS = ["builder"]  # set explicitly: otherwise Pelican loads every installed plugin

# Briefing: topics are configuration. A term matches on word stems ("sanction" finds
# "sanctions"); a phrase matches as a sequence of words.
BRIEFING_TOPICS = [
    {
        "name": "Ceasefire talks",
        "description": "Negotiations, proposals and diplomacy towards a ceasefire.",
        "terms": ["ceasefire", "truce", "armistice", "peace talks", "peace plan", "negotiation",
                  "negotiate", "cessation of hostilities", "envoy", "delegation", "peacekeeping"],
    },
    {
        "name": "Kursk front",
        "description": "Fighting, captures and troop movements in and around the Kursk region.",
        "terms": ["Kursk", "frontline", "front line", "offensive", "encircle", "encirclement",
                  "recapture", "surrender", "prisoner", "troop withdrawal", "retreat", "soldiers captured"],
    },
    {
        "name": "Sanctions",
        "description": "Economic sanctions and pressure, and talk of easing them.",
        "terms": ["sanction", "embargo", "economic pressure", "banking sector", "export control"],
    },
]
BRIEFING_OTHER_TOPIC = "Other developments"
BRIEFING_PERIOD_DAYS = 3
BRIEFING_FRONT_PAGE_POINTS = 20

# Pages Briefing does not use: one category per article cannot express per-sentence topics.
ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
DIRECT_TEMPLATES = ["archives"]
ARCHIVES_SAVE_AS = "archives.html"
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None
DEFAULT_PAGINATION = False
STATIC_PATHS = []
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
